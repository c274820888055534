// Focus helpers for keyboard users: a new screen puts the focus on its heading, so the next Tab
// starts from the top of what changed and screen readers announce where they are.

/** Svelte attachment: focuses the element when it is first shown. */
export function focusOnMount(element: HTMLElement) {
  queueMicrotask(() => element.focus({ preventScroll: false }));
}

/** Svelte attachment: calls `handler` when Escape is pressed inside the element. */
export function onEscape(handler: () => void) {
  return (element: HTMLElement) => {
    const listener = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      handler();
    };
    element.addEventListener("keydown", listener);
    return () => element.removeEventListener("keydown", listener);
  };
}
