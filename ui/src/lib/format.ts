// Small texts built from views: the window title and the like.

import type { Round } from "./api";

/** «Kari Nordmann – Tilskudd 2026 – Samvurd», «Tilskudd 2026 – Samvurd» or «Samvurd». */
export function windowTitle(round: Round | null): string {
  if (!round) return "Samvurd";
  const parts = [round.identity?.name, round.title.trim() || round.file_name, "Samvurd"];
  return parts.filter((part): part is string => Boolean(part)).join(" – ");
}

/** «1 skår», «12 skårer». */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const ROLES: ReadonlyArray<readonly [string, string]> = [
  ["kommune", "Kommune"],
  ["hf", "Helseforetak"],
  ["fastlege", "Fastlege"],
  ["brukerrepresentant", "Brukerrepresentant"],
  ["annet", "Annet"],
];

export const SIDES: ReadonlyArray<readonly [string, string]> = [
  ["kommune", "Kommune"],
  ["hf", "Helseforetak"],
  ["annet", "Annet"],
];

/** `2027-01-31` → `31.01.2027`; anything else unchanged. */
export function norwegianDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** An amount as shown (`1 850 000 kr`) without its ` kr`, for an input field. */
export function amountForInput(display: string): string {
  return display.replace(/[\s\u00a0]*kr$/, "");
}
