import { describe, expect, it } from "vitest";
import type { MergeFileView, MergeStatus } from "./api";
import { confirmLabel, countCell, folderOf, recusalText, resultSummary } from "./merge";

function file(status: MergeStatus): MergeFileView {
  return {
    path: `/tmp/${status}.json`,
    file: `${status}.json`,
    content_hash: "",
    status,
    status_label: "",
    member_name: "",
    scores_new: 0,
    scores_updated: 0,
    scores_unchanged: 0,
    recusals_new: 0,
    recusals_updated: 0,
    scores_on_recused: 0,
    older: 0,
    signature: "",
    fingerprint: "",
    key_conflict: false,
    reason: "",
  };
}

describe("the folder a score file came from", () => {
  it("is the path without the file name, on Linux, macOS and Windows", () => {
    expect(folderOf("/home/kari/Nedlastinger/mine-skarer.json", "mine-skarer.json")).toBe("/home/kari/Nedlastinger/");
    expect(folderOf("C:\\Users\\ola\\Downloads\\mine-skarer.json", "mine-skarer.json")).toBe("C:\\Users\\ola\\Downloads\\");
  });

  it("is empty for a bare name, or when the name is not the end of the path", () => {
    expect(folderOf("mine-skarer.json", "mine-skarer.json")).toBe("");
    expect(folderOf("/tmp/a.json", "b.json")).toBe("");
    // «skarer.json» ends «mine-skarer.json» as text, but it is not the file's name.
    expect(folderOf("/tmp/mine-skarer.json", "skarer.json")).toBe("");
    expect(folderOf("/tmp/a.json", "")).toBe("");
  });
});

describe("the texts of the merge table", () => {
  it("counts files in the button", () => {
    expect(confirmLabel(1)).toBe("Slå sammen 1 fil");
    expect(confirmLabel(3)).toBe("Slå sammen 3 filer");
  });

  it("says how many declarations of conflict of interest are new or changed", () => {
    expect(recusalText({ recusals_new: 0, recusals_updated: 0 })).toBe("–");
    expect(recusalText({ recusals_new: 1, recusals_updated: 0 })).toBe("1 ny");
    expect(recusalText({ recusals_new: 2, recusals_updated: 1 })).toBe("2 nye, 1 endret");
    expect(recusalText({ recusals_new: 0, recusals_updated: 2 })).toBe("2 endrede");
  });

  it("shows none as a dash", () => {
    expect(countCell(0)).toBe("–");
    expect(countCell(12)).toBe("12");
  });
});

describe("the summary after a merge", () => {
  it("names what was merged, what had nothing new and what was refused", () => {
    const view = { files: [file("merged"), file("merged"), file("unchanged"), file("refused")] };
    expect(resultSummary(view)).toBe(
      "2 filer er lagt inn, 1 fil hadde ingenting nytt og 1 fil ble avvist og er ikke tatt med.",
    );
  });

  it("says the round is unchanged when nothing was merged", () => {
    expect(resultSummary({ files: [file("refused"), file("refused")] })).toBe(
      "2 filer ble avvist og er ikke tatt med. Runden er ikke endret.",
    );
    expect(resultSummary({ files: [file("unchanged"), file("refused")] })).toBe(
      "1 fil hadde ingenting nytt og 1 fil ble avvist og er ikke tatt med. Runden er ikke endret.",
    );
  });

  it("has a sentence for an empty batch", () => {
    expect(resultSummary({ files: [] })).toBe("Ingen filer ble behandlet.");
  });
});
