import { describe, expect, it } from "vitest";
import { scoringAction, type KeyPress } from "./keyboard";

const scale = { min: 1, max: 7 };
const onCriterion = (key: string, extra: Partial<KeyPress> = {}) =>
  scoringAction({ key, inTextField: false, onCriterion: true, ...extra }, scale);

describe("the scoring keyboard map", () => {
  it("sets the score with a digit on the scale", () => {
    expect(onCriterion("5")).toEqual({ type: "score", value: 5 });
    expect(onCriterion("1")).toEqual({ type: "score", value: 1 });
    expect(onCriterion("7")).toEqual({ type: "score", value: 7 });
  });

  it("refuses digits off the scale visibly instead of ignoring them", () => {
    expect(onCriterion("0")).toEqual({ type: "off_scale", key: "0" });
    expect(onCriterion("8")).toEqual({ type: "off_scale", key: "8" });
  });

  it("accepts 0 on a 0–5 scale", () => {
    expect(scoringAction({ key: "0", inTextField: false, onCriterion: true }, { min: 0, max: 5 })).toEqual({
      type: "score",
      value: 0,
    });
  });

  it("makes 10 on a 0–10 scale from «1» then «0» typed in a row", () => {
    const ten = { min: 0, max: 10 };
    const press = (key: string, previousDigit?: string) =>
      scoringAction({ key, inTextField: false, onCriterion: true, previousDigit }, ten);
    expect(press("1")).toEqual({ type: "score", value: 1 });
    expect(press("0", "1")).toEqual({ type: "score", value: 10 });
    // Without a digit just before, 0 is 0.
    expect(press("0")).toEqual({ type: "score", value: 0 });
    // A pair off the scale is the second digit alone; a leading zero makes no pair.
    expect(press("1", "1")).toEqual({ type: "score", value: 1 });
    expect(press("5", "0")).toEqual({ type: "score", value: 5 });
  });

  it("never pairs digits on a scale that ends at 9 or below", () => {
    expect(onCriterion("0", { previousDigit: "1" })).toEqual({ type: "off_scale", key: "0" });
    expect(onCriterion("2", { previousDigit: "1" })).toEqual({ type: "score", value: 2 });
  });

  it("takes i and I for ikke relevant, Backspace and Delete for clearing", () => {
    expect(onCriterion("i")).toEqual({ type: "not_applicable" });
    expect(onCriterion("I")).toEqual({ type: "not_applicable" });
    expect(onCriterion("Backspace")).toEqual({ type: "clear" });
    expect(onCriterion("Delete")).toEqual({ type: "clear" });
  });

  it("moves between criteria with Enter and the up and down arrows", () => {
    expect(onCriterion("Enter")).toEqual({ type: "next_criterion" });
    expect(onCriterion("ArrowDown")).toEqual({ type: "next_criterion" });
    expect(onCriterion("ArrowUp")).toEqual({ type: "previous_criterion" });
    expect(onCriterion("Enter", { shiftKey: true })).toEqual({ type: "previous_criterion" });
  });

  it("moves between applications with left and right and the page keys, also off a criterion", () => {
    for (const onCriterionFlag of [true, false]) {
      const press = (key: string) => scoringAction({ key, inTextField: false, onCriterion: onCriterionFlag }, scale);
      expect(press("ArrowRight")).toEqual({ type: "next_application" });
      expect(press("PageDown")).toEqual({ type: "next_application" });
      expect(press("ArrowLeft")).toEqual({ type: "previous_application" });
      expect(press("PageUp")).toEqual({ type: "previous_application" });
    }
  });

  it("never treats typing in a text field as a shortcut", () => {
    for (const key of ["5", "i", "Enter", "ArrowLeft", "ArrowRight", "PageDown", "Backspace", "ArrowUp"]) {
      expect(scoringAction({ key, inTextField: true, onCriterion: false }, scale)).toBeNull();
    }
    expect(scoringAction({ key: "Escape", inTextField: true, onCriterion: false }, scale)).toEqual({
      type: "leave_text_field",
    });
  });

  it("leaves digits, i and Enter alone when the focus is not on a criterion", () => {
    for (const key of ["5", "i", "Enter", "ArrowDown", "Backspace"]) {
      expect(scoringAction({ key, inTextField: false, onCriterion: false }, scale)).toBeNull();
    }
  });

  it("leaves keys with Ctrl, Alt or Meta to the system", () => {
    expect(onCriterion("5", { ctrlKey: true })).toBeNull();
    expect(onCriterion("ArrowRight", { altKey: true })).toBeNull();
    expect(onCriterion("i", { metaKey: true })).toBeNull();
  });
});
