// The names of the two events of closing the window, shared with the shell (src-tauri's
// `closing` module): the shell asks the UI to save what is waiting, the UI says it is done.

/** From the shell: the window is about to close; save what is waiting. */
export const BEFORE_CLOSE = "samvurd://before-close";

/** To the shell: everything waiting is saved (or failed); the window may close. */
export const FLUSHED = "samvurd://flushed";
