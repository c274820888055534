// What the member has done and what is missing, computed from the scoring sheet. Pure, so the
// screen can show the effect of a score at once, before the round file has answered.

import type { Cell, CriterionView, Sheet, SheetApplication } from "./api";

export type ApplicationStatus = "done" | "partial" | "empty" | "recused";

export function cellIsSet(cell: Cell): boolean {
  return cell.value !== null || cell.not_applicable;
}

export function applicationStatus(application: SheetApplication): ApplicationStatus {
  if (application.recusal !== null) return "recused";
  const set = application.cells.filter(cellIsSet).length;
  if (set === application.cells.length) return "done";
  return set === 0 ? "empty" : "partial";
}

/** The applications the member is to score (not recused), in the sheet's order. */
export function toScore(sheet: Sheet): SheetApplication[] {
  return sheet.applications.filter((application) => application.recusal === null);
}

export function recused(sheet: Sheet): SheetApplication[] {
  return sheet.applications.filter((application) => application.recusal !== null);
}

export function progress(sheet: Sheet): { done: number; total: number } {
  const list = toScore(sheet);
  return { done: list.filter((application) => applicationStatus(application) === "done").length, total: list.length };
}

/** «12 av 30 søknader ferdig vurdert». */
export function progressText(done: number, total: number): string {
  if (total === 0) return "Ingen søknader å vurdere";
  return `${done} av ${total} ${total === 1 ? "søknad" : "søknader"} ferdig vurdert`;
}

/** The names of the criteria that still lack a score or «ikke relevant». */
export function missingCriteria(application: SheetApplication, criteria: CriterionView[]): string[] {
  return criteria
    .filter((criterion) => {
      const cell = application.cells.find((candidate) => candidate.criterion === criterion.id);
      return !cell || !cellIsSet(cell);
    })
    .map((criterion) => criterion.name);
}

/** «Mangler Bærekraft og BEON» / «Ferdig» / «Ikke startet». */
export function statusText(application: SheetApplication, criteria: CriterionView[]): string {
  switch (applicationStatus(application)) {
    case "recused":
      return "Inhabil";
    case "done":
      return "Ferdig";
    case "empty":
      return "Ikke startet";
    case "partial": {
      const missing = missingCriteria(application, criteria);
      // Two names fit in the list; more would push the next application out of sight.
      return missing.length <= 2 ? `Mangler ${listText(missing)}` : `Mangler ${missing.length} av ${criteria.length} kriterier`;
    }
  }
}

/** «a», «a og b», «a, b og c». */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} og ${items[items.length - 1]}`;
}

/**
 * The application to move to from `current` in direction `step` (+1 or −1) among those to
 * score, or null at either end.
 */
export function neighbour(sheet: Sheet, current: string | null, step: 1 | -1): string | null {
  const list = toScore(sheet);
  const index = list.findIndex((application) => application.application.reference === current);
  if (index !== -1) return list[index + step]?.application.reference ?? null;
  // On an application the member is recused from: the nearest one to score in that direction.
  const all = sheet.applications;
  const at = all.findIndex((entry) => entry.application.reference === current);
  if (at === -1) return list[0]?.application.reference ?? null;
  for (let position = at + step; position >= 0 && position < all.length; position += step) {
    if (all[position].recusal === null) return all[position].application.reference;
  }
  return null;
}

/** The first application (after `current`, wrapping round) that is not done, or null. */
export function nextUnfinished(sheet: Sheet, current: string | null): string | null {
  const list = toScore(sheet);
  const start = Math.max(0, list.findIndex((application) => application.application.reference === current));
  for (let offset = 1; offset <= list.length; offset++) {
    const candidate = list[(start + offset) % list.length];
    if (applicationStatus(candidate) !== "done") return candidate.application.reference;
  }
  return null;
}

/** One cell as the member just set it («IR» is «ikke relevant»), before the round file answers. */
export function cellWith(cell: Cell, value: string, justification: string): Cell {
  // An empty value with a justification is a draft; clearing a score sends an empty one.
  if (value === "") return { ...cell, value: null, not_applicable: false, justification };
  if (value === "IR") return { ...cell, value: null, not_applicable: true, justification };
  return { ...cell, value: Number(value), not_applicable: false, justification };
}

/** The sheet with one cell changed as the member just did, before the round file answers. */
export function withCell(sheet: Sheet, application: string, criterion: string, value: string, justification: string): Sheet {
  return {
    ...sheet,
    applications: sheet.applications.map((entry) => {
      if (entry.application.reference !== application) return entry;
      const cells = entry.cells.map((cell) => (cell.criterion === criterion ? cellWith(cell, value, justification) : cell));
      return { ...entry, cells, complete: cells.every(cellIsSet) };
    }),
  };
}
