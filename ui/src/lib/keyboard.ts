// The scoring screen's keyboard map, as a pure function so it can be tested without a browser.
//
// On a criterion (its score group has the focus):
//   a digit on the scale   sets the score          i          sets «ikke relevant» (if allowed)
//   two digits in a row    on a scale past 9 (0–10), «1» then «0» within DIGIT_PAIR_MS sets 10
//   Backspace / Delete     clears the score        Enter / ↓  next criterion (after the last: next application)
//   ↑ / Shift+Enter        previous criterion      Tab        into the justification field (the browser's own)
// Anywhere on the screen except in a text field:
//   → / PageDown           next application        ← / PageUp previous application
// In a text field (the justification, the recusal reason) nothing is a shortcut, except
//   Escape                 back to the criterion's score group.
// Keys with Ctrl, Alt or Meta are never taken: they belong to the system and the browser.

export type ScoringAction =
  | { type: "score"; value: number }
  | { type: "off_scale"; key: string }
  | { type: "not_applicable" }
  | { type: "clear" }
  | { type: "next_criterion" }
  | { type: "previous_criterion" }
  | { type: "next_application" }
  | { type: "previous_application" }
  | { type: "leave_text_field" };

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** The focus is in an input, textarea, select or editable element. */
  inTextField: boolean;
  /** The focus is on a criterion's score group. */
  onCriterion: boolean;
  /** The digit typed just before on the same criterion, if it came less than DIGIT_PAIR_MS ago. */
  previousDigit?: string;
}

/** How soon a second digit must follow the first to make a two-digit score with it. */
export const DIGIT_PAIR_MS = 1000;

export interface ScaleRange {
  min: number;
  max: number;
}

/** What a key press means on the scoring screen, or null when it is not ours to handle. */
export function scoringAction(press: KeyPress, scale: ScaleRange): ScoringAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  if (press.inTextField) {
    return press.key === "Escape" ? { type: "leave_text_field" } : null;
  }
  switch (press.key) {
    case "ArrowRight":
    case "PageDown":
      return { type: "next_application" };
    case "ArrowLeft":
    case "PageUp":
      return { type: "previous_application" };
  }
  if (!press.onCriterion) return null;
  if (/^[0-9]$/.test(press.key)) {
    if (press.previousDigit !== undefined && scale.max > 9) {
      const pair = Number(press.previousDigit + press.key);
      if (press.previousDigit !== "0" && pair >= scale.min && pair <= scale.max) return { type: "score", value: pair };
    }
    const value = Number(press.key);
    return value >= scale.min && value <= scale.max
      ? { type: "score", value }
      : { type: "off_scale", key: press.key };
  }
  switch (press.key) {
    case "i":
    case "I":
      return { type: "not_applicable" };
    case "Backspace":
    case "Delete":
      return { type: "clear" };
    case "Enter":
      return press.shiftKey ? { type: "previous_criterion" } : { type: "next_criterion" };
    case "ArrowDown":
      return { type: "next_criterion" };
    case "ArrowUp":
      return { type: "previous_criterion" };
  }
  return null;
}

/** Whether an element takes typed text, so that keys typed into it are never shortcuts. */
export function isTextField(element: Element | null): boolean {
  if (!element) return false;
  const tag = element.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (element.getAttribute("type") ?? "text").toLowerCase();
    return !["button", "submit", "reset", "checkbox", "radio"].includes(type);
  }
  return (element as HTMLElement).isContentEditable === true;
}

/** The keyboard map as the help panel shows it. */
export const SCORING_KEYS: ReadonlyArray<readonly [string, string]> = [
  ["Tall på skalaen", "gir skåren (10: skriv 1 og 0 raskt etter hverandre)"],
  ["i", "ikke relevant (der det er tillatt)"],
  ["Enter eller ↓", "neste kriterium, etter det siste: neste søknad"],
  ["↑ eller Shift+Enter", "forrige kriterium"],
  ["Tab", "til begrunnelsen, og videre"],
  ["Esc", "fra begrunnelsen tilbake til skåren"],
  ["→ eller Page Down", "neste søknad"],
  ["← eller Page Up", "forrige søknad"],
  ["Backspace eller Delete", "fjerner skåren"],
];
