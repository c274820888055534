import { describe, expect, it } from "vitest";
import type { MemberScore, SideFigure } from "../lib/api";
import {
  alphaShare,
  axisX,
  budgetLayout,
  fraction,
  fundingLineFraction,
  hasTotals,
  markedMembers,
  stackPadding,
  percent,
  rankFraction,
  rankIntervalText,
  rankedCount,
  scoreText,
  stackRows,
  stackScores,
  ticks,
} from "./chart";

function figure(value: number) {
  return { amount: String(value), value, display: `${value} kr` };
}

function score(member: string, value: number | null, mark = ""): MemberScore {
  return { member, member_name: member.toUpperCase(), value, mark };
}

describe("a score on the scale", () => {
  it("maps the ends of the scale to the ends of the axis inside the padding", () => {
    expect(axisX(1, 1, 7, 320, 10)).toBe(10);
    expect(axisX(7, 1, 7, 320, 10)).toBe(310);
    expect(axisX(4, 1, 7, 320, 10)).toBe(160);
  });

  it("keeps values outside the scale on the axis", () => {
    expect(fraction(9, 1, 7)).toBe(1);
    expect(fraction(-2, 0, 5)).toBe(0);
  });

  it("puts everything in the middle of a degenerate axis instead of dividing by zero", () => {
    expect(fraction(3, 3, 3)).toBe(0.5);
    expect(fraction(Number.NaN, 1, 7)).toBe(0.5);
  });

  it("writes a fraction as a percentage SVG length", () => {
    expect(percent(0.25)).toBe("25%");
    expect(percent(1 / 3)).toBe("33.333%");
    expect(percent(1.5)).toBe("100%");
  });

  it("lists the integer ticks of a scale", () => {
    expect(ticks(1, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ticks(0, 5)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe("the ranking", () => {
  it("says the rank interval in Norwegian, and one place when it never moved", () => {
    expect(rankIntervalText(3, 7)).toBe("plass 3–7");
    expect(rankIntervalText(2, 2)).toBe("plass 2");
    expect(rankIntervalText(null, null)).toBe("");
  });

  it("centres each rank in its own slot of the rank axis", () => {
    expect(rankFraction(1, 4)).toBe(0.125);
    expect(rankFraction(4, 4)).toBe(0.875);
  });

  it("draws the funding line between the last funded rank and the next", () => {
    // Three of eight funded: the line sits between the slots of rank 3 and rank 4.
    const line = fundingLineFraction(3, 8);
    expect(line).toBe(0.375);
    expect(rankFraction(3, 8)).toBeLessThan(line as number);
    expect(rankFraction(4, 8)).toBeGreaterThan(line as number);
  });

  it("draws no funding line when nothing or everything is funded", () => {
    expect(fundingLineFraction(0, 8)).toBeNull();
    expect(fundingLineFraction(8, 8)).toBeNull();
  });

  it("counts only ranked applications on the rank axis", () => {
    expect(rankedCount([{ rank: 1 }, { rank: 2 }, { rank: null }])).toBe(2);
  });

  it("knows when no application has a total yet", () => {
    expect(hasTotals({ applications: [] })).toBe(false);
    expect(hasTotals({ applications: [{ total: null }, { total: 4.5 }] as never })).toBe(true);
    expect(hasTotals({ applications: [{ total: null }] as never })).toBe(false);
  });
});

describe("the budget bar", () => {
  const sides = (kommune: number, hf: number): SideFigure[] => [
    { key: "kommune", label: "Kommune", applications: 1, requested: figure(0), recommended_count: 1, recommended: figure(kommune) },
    { key: "hf", label: "Helseforetak", applications: 1, requested: figure(0), recommended_count: 1, recommended: figure(hf) },
    { key: "annet", label: "Annet", applications: 0, requested: figure(0), recommended_count: 0, recommended: figure(0) },
  ];

  it("puts the sides one after the other and what is left of the frame after them", () => {
    const layout = budgetLayout({ frame: figure(1000), recommended: figure(800), by_side: sides(500, 300) });
    expect(layout.sides.map((side) => [side.key, side.start, side.width])).toEqual([
      ["kommune", 0, 0.5],
      ["hf", 0.5, 0.3],
    ]);
    expect(layout.remaining.start).toBe(0.8);
    expect(layout.remaining.width).toBeCloseTo(0.2);
    expect(layout.over.width).toBe(0);
    expect(layout.frameEnd).toBe(1);
  });

  it("stretches the bar to the recommended total when it exceeds the frame", () => {
    const layout = budgetLayout({ frame: figure(1000), recommended: figure(1250), by_side: sides(750, 500) });
    expect(layout.frameEnd).toBe(0.8);
    expect(layout.remaining.width).toBe(0);
    expect(layout.over).toEqual({ start: 0.8, width: 0.19999999999999996 });
  });

  it("draws an empty frame when nothing is recommended, and survives a zero frame", () => {
    expect(budgetLayout({ frame: figure(1000), recommended: figure(0), by_side: sides(0, 0) })).toEqual({
      sides: [],
      remaining: { start: 0, width: 1 },
      over: { start: 1, width: 0 },
      frameEnd: 1,
    });
    const empty = budgetLayout({ frame: figure(0), recommended: figure(0), by_side: [] });
    expect(empty.remaining.width).toBe(1);
  });
});

describe("the criterion profile", () => {
  it("sets members with the same score side by side, centred on the value", () => {
    const placed = stackScores([score("a", 5), score("b", 5), score("c", 3), score("d", 5)], 10, 4);
    expect(placed.map((entry) => [entry.member, entry.dx, entry.row])).toEqual([
      ["a", -10, 0],
      ["b", 0, 0],
      ["c", 0, 0],
      ["d", 10, 0],
    ]);
  });

  it("stacks a crowded value in rows, the last row centred on its own", () => {
    const placed = stackScores(["a", "b", "c", "d", "e"].map((member) => score(member, 6)), 10, 2);
    expect(placed.map((entry) => [entry.dx, entry.row])).toEqual([
      [-5, 0],
      [5, 0],
      [-5, 1],
      [5, 1],
      [0, 2],
    ]);
    expect(stackRows(placed)).toBe(3);
  });

  it("leaves out members without a number, and needs one row when there are none", () => {
    const placed = stackScores([score("a", null, "inhabil"), score("b", null, "mangler")], 10, 4);
    expect(placed).toEqual([]);
    expect(stackRows(placed)).toBe(1);
  });

  it("groups the members without a number by why, leaving the recused to be named once", () => {
    const scores = [
      score("a", 4),
      score("b", null, "ikke relevant"),
      score("c", null, "inhabil"),
      score("d", null, "ikke relevant"),
      score("e", null, "mangler"),
    ];
    expect(markedMembers(scores)).toEqual([
      { mark: "ikke relevant", names: ["B", "D"], everyone: false },
      { mark: "mangler", names: ["E"], everyone: false },
    ]);
  });

  it("says «everyone» rather than naming all who could score", () => {
    const scores = [score("a", null, "ikke relevant"), score("b", null, "inhabil"), score("c", null, "ikke relevant")];
    expect(markedMembers(scores)).toEqual([{ mark: "ikke relevant", names: ["A", "C"], everyone: true }]);
  });

  it("keeps room at the ends of the axis for a full row of dots", () => {
    // Four dots 12 px apart around the last tick reach 18 px out, plus the radius and a margin.
    expect(stackPadding(12, 4, 5)).toBe(25);
    expect(stackPadding(12, 1, 5)).toBe(7);
  });

  it("shows a number or the mark in the score table", () => {
    expect(scoreText(score("a", 0))).toBe("0");
    expect(scoreText(score("a", null, "inhabil"))).toBe("inhabil");
  });
});

describe("agreement", () => {
  it("draws alpha on [0, 1], negative and undefined as an empty bar", () => {
    expect(alphaShare(0.72)).toBe(0.72);
    expect(alphaShare(-0.3)).toBe(0);
    expect(alphaShare(1.2)).toBe(1);
    expect(alphaShare(null)).toBe(0);
  });
});
