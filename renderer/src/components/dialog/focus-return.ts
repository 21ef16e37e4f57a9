// Where focus goes when a dialog or side panel closes: back to the control that opened it, or,
// when that control is gone (its board was left, its row re-rendered away), to a fallback, so
// a keyboard user never starts again from the top of the page.

/** The focused control at the moment a dialog or panel opens, if any. */
export function captureOpener(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

/** The main region (`#main`, focusable by the skip link), the fallback of last resort. */
export function mainRegion(): HTMLElement | null {
  const main = document.getElementById('main');
  return main && main.tabIndex >= -1 && main.hasAttribute('tabindex') ? main : null;
}

function focusable(element: HTMLElement | null | undefined): element is HTMLElement {
  return !!element && element.isConnected && !element.closest('[inert], [aria-hidden="true"]') && !(element as HTMLButtonElement).disabled;
}

/**
 * Gives focus back after a close. Focus that already moved on deliberately (the panel of a goal
 * just created takes it, say) is left where it is: only a focus lost to `<body>` is returned.
 */
export function returnFocus(opener: HTMLElement | null, fallback?: () => HTMLElement | null): void {
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  const target = [opener, fallback?.(), mainRegion()].find(focusable);
  target?.focus({ preventScroll: false });
}
