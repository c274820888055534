import { describe, expect, it } from "vitest";
import type { Sheet, SheetApplication } from "./api";
import {
  applicationStatus,
  listText,
  neighbour,
  nextUnfinished,
  progress,
  progressText,
  statusText,
  withCell,
} from "./progress";

const criteria = ["baerekraft", "beon", "samisk"].map((id) => ({
  id,
  name: { baerekraft: "Bærekraft", beon: "BEON", samisk: "Samiske pasienter" }[id] ?? id,
  guidance: "",
  weight: "1",
  weight_percent: "33,3 %",
  allow_not_applicable: id === "samisk",
}));

function application(reference: string, values: (number | "IR" | null)[], recusal: string | null = null): SheetApplication {
  const cells = criteria.map((criterion, index) => ({
    criterion: criterion.id,
    value: typeof values[index] === "number" ? (values[index] as number) : null,
    not_applicable: values[index] === "IR",
    justification: "",
  }));
  return {
    application: {
      reference,
      title: reference,
      applicant: "",
      applicant_side: "kommune",
      applicant_side_label: "Kommune",
      partners: "",
      priority_area: "",
      period_start: "",
      period_end: "",
      period_display: "",
      amount_requested: "0",
      amount_requested_display: "0 kr",
      own_contribution_kommune: "",
      own_contribution_hf: "",
      summary: "",
      kind: "ny",
      document: "",
      kommune: "",
      extra: [],
      continuation: null,
    },
    recusal,
    cells,
    complete: cells.every((cell) => cell.value !== null || cell.not_applicable),
  };
}

function sheet(applications: SheetApplication[]): Sheet {
  return {
    member: {
      id: "kari",
      name: "Kari",
      organisation: "",
      role: "kommune",
      role_label: "Kommune",
      scores_given: 0,
      scores_expected: 0,
    },
    round_title: "Runde",
    criteria,
    scale: [],
    scale_min: 1,
    scale_max: 7,
    applications,
    done: 0,
    total: 0,
  };
}

describe("progress", () => {
  it("says how many applications are done out of those to score", () => {
    expect(progressText(12, 30)).toBe("12 av 30 søknader ferdig vurdert");
    expect(progressText(0, 1)).toBe("0 av 1 søknad ferdig vurdert");
    expect(progressText(0, 0)).toBe("Ingen søknader å vurdere");
  });

  it("counts ikke relevant as an answer and leaves recused applications out", () => {
    const example = sheet([
      application("A", [5, 6, "IR"]),
      application("B", [5, null, null]),
      application("C", [null, null, null], "Leder prosjektet"),
      application("D", [1, 2, 3]),
    ]);
    expect(progress(example)).toEqual({ done: 2, total: 3 });
    expect(example.applications.map(applicationStatus)).toEqual(["done", "partial", "recused", "done"]);
  });

  it("names what is missing", () => {
    expect(statusText(application("B", [5, null, null]), criteria)).toBe("Mangler BEON og Samiske pasienter");
    expect(statusText(application("B", [5, 5, null]), criteria)).toBe("Mangler Samiske pasienter");
    const many = [...criteria, { ...criteria[0], id: "x", name: "X" }];
    const wide = { ...application("B", [5, null, null]), cells: [...application("B", [5, null, null]).cells, { criterion: "x", value: null, not_applicable: false, justification: "" }] };
    expect(statusText(wide, many)).toBe("Mangler 3 av 4 kriterier");
    expect(statusText(application("B", [null, null, null]), criteria)).toBe("Ikke startet");
    expect(statusText(application("B", [1, 1, 1]), criteria)).toBe("Ferdig");
    expect(listText(["a", "b", "c"])).toBe("a, b og c");
  });
});

describe("moving between applications", () => {
  const example = sheet([
    application("A", [5, 6, 7]),
    application("B", [null, null, null], "Inhabil"),
    application("C", [5, null, null]),
    application("D", [1, 2, 3]),
  ]);

  it("skips applications the member is recused from and stops at either end", () => {
    expect(neighbour(example, "A", 1)).toBe("C");
    expect(neighbour(example, "C", -1)).toBe("A");
    expect(neighbour(example, "D", 1)).toBeNull();
    expect(neighbour(example, "A", -1)).toBeNull();
    expect(neighbour(example, null, 1)).toBe("A");
  });

  it("moves on from an application the member has just been recused from, in either direction", () => {
    expect(neighbour(example, "B", 1)).toBe("C");
    expect(neighbour(example, "B", -1)).toBe("A");
  });

  it("finds the next unfinished application, wrapping round", () => {
    expect(nextUnfinished(example, "D")).toBe("C");
    expect(nextUnfinished(example, "C")).toBe("C");
    expect(nextUnfinished(sheet([application("A", [1, 1, 1])]), "A")).toBeNull();
  });
});

describe("a score shown before the round file answers", () => {
  it("sets a value, ikke relevant, or clears, and updates completeness", () => {
    let example = sheet([application("A", [5, 6, null])]);
    example = withCell(example, "A", "samisk", "IR", "Ingen samiske pasienter");
    expect(example.applications[0].complete).toBe(true);
    expect(example.applications[0].cells[2]).toMatchObject({ value: null, not_applicable: true });
    example = withCell(example, "A", "beon", "", "");
    expect(example.applications[0].complete).toBe(false);
    example = withCell(example, "A", "beon", "3", "Kort");
    expect(example.applications[0].cells[1]).toMatchObject({ value: 3, justification: "Kort" });
  });

  it("keeps a justification typed before the score as a draft, which is no score", () => {
    const example = withCell(sheet([application("A", [5, null, 1])]), "A", "beon", "", "Utkast");
    expect(example.applications[0].cells[1]).toMatchObject({ value: null, not_applicable: false, justification: "Utkast" });
    expect(example.applications[0].complete).toBe(false);
  });
});
