// Small texts for the chair's merge screen, built from the Rust side's merge view. Nothing here
// decides whether a file may be merged: that, and every reason for a refusal, comes from Rust.

import type { Merge, MergeFileView } from "./api";

/**
 * The folder a file was chosen from, with its trailing separator («/home/kari/Nedlastinger/»),
 * or "" when the path is the bare name. Members' files often share a name (`mine-skarer.json`),
 * so the folder is what tells them apart on screen.
 */
export function folderOf(path: string, file: string): string {
  if (file === "" || !path.endsWith(file)) return "";
  const folder = path.slice(0, path.length - file.length);
  return /[/\\]$/.test(folder) ? folder : "";
}

/** «Slå sammen 1 fil», «Slå sammen 3 filer». */
export function confirmLabel(mergeable: number): string {
  return `Slå sammen ${mergeable} ${mergeable === 1 ? "fil" : "filer"}`;
}

/** The new and changed declarations of conflict of interest in one file: «1 ny», «2 nye, 1 endret», «–». */
export function recusalText(file: Pick<MergeFileView, "recusals_new" | "recusals_updated">): string {
  const parts: string[] = [];
  if (file.recusals_new > 0) parts.push(`${file.recusals_new} ${file.recusals_new === 1 ? "ny" : "nye"}`);
  if (file.recusals_updated > 0) parts.push(`${file.recusals_updated} ${file.recusals_updated === 1 ? "endret" : "endrede"}`);
  return parts.length > 0 ? parts.join(", ") : "–";
}

/** A count in a table cell: the number, or a dash for none so that the numbers stand out. */
export function countCell(value: number): string {
  return value > 0 ? String(value) : "–";
}

function files(count: number): string {
  return `${count} ${count === 1 ? "fil" : "filer"}`;
}

/**
 * After a merge, one sentence on what happened, counted from the files' statuses. The backup is
 * named beside it on the screen, so it is left out here.
 */
export function resultSummary(view: Pick<Merge, "files">): string {
  const merged = view.files.filter((file) => file.status === "merged").length;
  const unchanged = view.files.filter((file) => file.status === "unchanged").length;
  const refused = view.files.filter((file) => file.status === "refused").length;
  const parts: string[] = [];
  if (merged > 0) parts.push(`${files(merged)} er lagt inn`);
  if (unchanged > 0) parts.push(`${files(unchanged)} hadde ingenting nytt`);
  if (refused > 0) parts.push(`${files(refused)} ble avvist og er ikke tatt med`);
  if (parts.length === 0) return "Ingen filer ble behandlet.";
  const sentence = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} og ${parts[parts.length - 1]}`;
  const nothingWritten = merged === 0 ? " Runden er ikke endret." : "";
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.${nothingWritten}`;
}
