// Geometry for the results dashboard's hand-drawn SVG charts: where a score, a rank or an amount
// goes on an axis, and how equal scores are stacked. Pure functions, so they are tested without
// a browser. Nothing here formats a figure for people: the views bring every text ready-made
// (`display`, `total_display`), and the floats they carry are used only for drawing.

import type { Budget, Dashboard, DashboardApp, MemberScore } from "../lib/api";

/** Clamps `value` to `[low, high]`. */
export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Where `value` falls between `min` and `max`, as a fraction 0…1 (clamped). A degenerate axis
 * (`min === max`) puts everything in the middle rather than dividing by zero.
 */
export function fraction(value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || max === min) return 0.5;
  return clamp((value - min) / (max - min), 0, 1);
}

/**
 * The x position of `value` on an axis drawn across `width` with `padding` kept free at each
 * end (for the outermost dots and tick labels).
 */
export function axisX(value: number, min: number, max: number, width: number, padding: number): number {
  const inner = Math.max(0, width - 2 * padding);
  return padding + fraction(value, min, max) * inner;
}

/** A fraction as an SVG length in percent, with enough digits to be crisp and no more. */
export function percent(share: number): string {
  return `${Number((clamp(share, 0, 1) * 100).toFixed(3))}%`;
}

/** The integers from `min` to `max` (the tick marks of a score scale). */
export function ticks(min: number, max: number): number[] {
  const result: number[] = [];
  for (let value = Math.ceil(min); value <= max; value++) result.push(value);
  return result;
}

// ---- the ranking ---------------------------------------------------------------------------

/** How many applications have a rank: the length of the rank axis. */
export function rankedCount(applications: readonly Pick<DashboardApp, "rank">[]): number {
  return applications.filter((application) => application.rank !== null).length;
}

/** The rank interval in words: «plass 3–7», or «plass 3» when the bootstrap never moved it. */
export function rankIntervalText(low: number | null, high: number | null): string {
  if (low === null || high === null) return "";
  return low === high ? `plass ${low}` : `plass ${low}–${high}`;
}

/**
 * Positions on a rank axis 1…`count` (rank 1 at the left), as fractions, with a half step kept
 * free at each end so that rank 1 and the last rank are not drawn on the edge.
 */
export function rankFraction(rank: number, count: number): number {
  const steps = Math.max(1, count);
  return clamp((rank - 0.5) / steps, 0, 1);
}

/**
 * Where the funding line crosses the rank axis: between the last funded application above the
 * line and the next. `null` when there is no line to draw (nothing funded, or everything).
 */
export function fundingLineFraction(fundedAboveLine: number, count: number): number | null {
  if (fundedAboveLine <= 0 || fundedAboveLine >= count) return null;
  return clamp(fundedAboveLine / count, 0, 1);
}

/** True when no application has a total: nothing has been scored (or merged) yet. */
export function hasTotals(dashboard: Pick<Dashboard, "applications">): boolean {
  return dashboard.applications.some((application) => application.total !== null);
}

// ---- the budget ----------------------------------------------------------------------------

export type BudgetSegment = {
  key: string;
  label: string;
  /** Left edge and width as fractions of the bar. */
  start: number;
  width: number;
};

export type BudgetLayout = {
  sides: BudgetSegment[];
  /** What is left of the frame, after the recommended amounts; width 0 when nothing is. */
  remaining: { start: number; width: number };
  /** The part of the recommendation beyond the frame; width 0 when within it. */
  over: { start: number; width: number };
  /** Where the frame ends on the bar (1 unless the recommendation exceeds it). */
  frameEnd: number;
};

function money(value: number | null | undefined): number {
  return typeof value === "number" && Number.isFinite(value) ? Math.max(0, value) : 0;
}

/**
 * Lays out the budget bar: the recommended amounts by side one after the other, then what is
 * left of the frame. The bar spans the frame, or the recommended total when that is larger, so
 * that money beyond the frame shows as a part sticking out past the frame's end.
 */
export function budgetLayout(budget: Pick<Budget, "frame" | "recommended" | "by_side">): BudgetLayout {
  const frame = money(budget.frame.value);
  const recommended = money(budget.recommended.value);
  const extent = Math.max(frame, recommended);
  const share = (amount: number) => (extent > 0 ? amount / extent : 0);
  let start = 0;
  const sides: BudgetSegment[] = [];
  for (const side of budget.by_side) {
    const width = share(money(side.recommended.value));
    if (width <= 0) continue;
    sides.push({ key: side.key, label: side.label, start, width });
    start += width;
  }
  const frameEnd = extent > 0 ? share(frame) : 1;
  const used = share(recommended);
  return {
    sides,
    remaining: { start: Math.min(used, frameEnd), width: Math.max(0, frameEnd - used) },
    over: { start: frameEnd, width: Math.max(0, used - frameEnd) },
    frameEnd,
  };
}

// ---- the criterion profile -----------------------------------------------------------------

/** The mark of a member recused from the application (`MemberScoreView::mark`). */
export const RECUSED = "inhabil";

export type PlacedScore = {
  member: string;
  memberName: string;
  value: number;
  /** Offsets in pixels from the value's point on the axis: x sideways, y upwards (row). */
  dx: number;
  row: number;
};

/**
 * Places the members' numeric scores on one criterion so that equal scores do not hide each
 * other: the members with the same value sit side by side, centred on the value, at most
 * `perRow` to a row, further rows stacked above. Members keep the round's order, so the same
 * member is in the same place on every application.
 */
export function stackScores(scores: readonly MemberScore[], spacing: number, perRow: number): PlacedScore[] {
  const columns = Math.max(1, Math.floor(perRow));
  const groups = new Map<number, MemberScore[]>();
  for (const score of scores) {
    if (score.value === null) continue;
    const group = groups.get(score.value) ?? [];
    group.push(score);
    groups.set(score.value, group);
  }
  const placed: PlacedScore[] = [];
  for (const score of scores) {
    if (score.value === null) continue;
    const group = groups.get(score.value) ?? [score];
    const index = group.indexOf(score);
    const row = Math.floor(index / columns);
    const inRow = Math.min(columns, group.length - row * columns);
    const column = index % columns;
    placed.push({
      member: score.member,
      memberName: score.member_name,
      value: score.value,
      dx: (column - (inRow - 1) / 2) * spacing,
      row,
    });
  }
  return placed;
}

/** The room to keep free at each end of the axis so that a full row of dots stays inside. */
export function stackPadding(spacing: number, perRow: number, radius: number): number {
  return ((Math.max(1, perRow) - 1) / 2) * spacing + radius + 2;
}

/** How many rows the tallest stack of `stackScores` needs (at least 1). */
export function stackRows(placed: readonly PlacedScore[]): number {
  return placed.reduce((rows, score) => Math.max(rows, score.row + 1), 1);
}

/**
 * The members without a number on a criterion, grouped by why: «ikke relevant: Kari Nordmann,
 * Per Haugen», «mangler: Ola Hansen». In the order the marks first appear. Recused members are
 * left out: a recusal is for the whole application and is shown once, not on every criterion.
 * When every member who could score has the same mark the names are left out (`everyone`): a
 * list of the whole group says less than «alle».
 */
export function markedMembers(
  scores: readonly MemberScore[],
): { mark: string; names: string[]; everyone: boolean }[] {
  const eligible = scores.filter((score) => score.mark !== RECUSED);
  const groups: { mark: string; names: string[]; everyone: boolean }[] = [];
  for (const score of eligible) {
    if (score.value !== null || score.mark === "") continue;
    let group = groups.find((candidate) => candidate.mark === score.mark);
    if (!group) {
      group = { mark: score.mark, names: [], everyone: false };
      groups.push(group);
    }
    group.names.push(score.member_name);
  }
  for (const group of groups) group.everyone = eligible.length > 1 && group.names.length === eligible.length;
  return groups;
}

/** One member's answer as text for a table cell: the number, or the mark. */
export function scoreText(score: Pick<MemberScore, "value" | "mark">): string {
  return score.value !== null ? String(score.value) : score.mark;
}

// ---- agreement -----------------------------------------------------------------------------

/** The length of an alpha bar on [0, 1]: negative alphas (systematic disagreement) draw as 0. */
export function alphaShare(alpha: number | null): number {
  return alpha === null || !Number.isFinite(alpha) ? 0 : clamp(alpha, 0, 1);
}
