import { describe, expect, it } from "vitest";
import type { Round } from "./api";
import { windowTitle } from "./format";

describe("the window title", () => {
  it("says who and which round", () => {
    const round = { title: "Tilskudd 2026", file_name: "t.samvurd", identity: { name: "Kari Nordmann" } } as Round;
    expect(windowTitle(round)).toBe("Kari Nordmann – Tilskudd 2026 – Samvurd");
    expect(windowTitle({ ...round, identity: null })).toBe("Tilskudd 2026 – Samvurd");
    expect(windowTitle(null)).toBe("Samvurd");
  });
});
