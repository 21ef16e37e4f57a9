// Tab and Shift+Tab kept within a side panel: from its last control Tab goes to its first, and
// from its first (or its heading, which takes focus on open but is not in the tab order)
// Shift+Tab goes to its last. Written here rather than taken from Radix's FocusScope, whose loop
// only turns at tabbable edges and so lets Shift+Tab leave from the focused heading.

const TABBABLE = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]';

/** The controls Tab stops at inside `container`, in order. */
export function tabbables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => {
    if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.closest('[inert]')) return false;
    // An unchecked radio of a group with a checked one is skipped by Tab.
    if (el instanceof HTMLInputElement && el.type === 'radio' && !el.checked && el.name && container.querySelector(`input[type="radio"][name="${CSS.escape(el.name)}"]:checked`)) return false;
    // Closed <details> hide their content but not their <summary>.
    const details = el.closest('details');
    if (details && !details.open && el.tagName !== 'SUMMARY' && el.parentElement !== details) return false;
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  });
}

/** Handles a Tab keydown inside `container`; returns true when it turned focus round. */
export function loopTab(container: HTMLElement, event: { key: string; shiftKey: boolean; preventDefault(): void }): boolean {
  if (event.key !== 'Tab') return false;
  const stops = tabbables(container);
  const first = stops[0];
  const last = stops.at(-1);
  if (!first || !last) {
    event.preventDefault();
    return true;
  }
  const active = document.activeElement as HTMLElement | null;
  const index = active ? stops.indexOf(active) : -1;
  // Focus on something not in the tab order (the heading): before the first stop, or after the last.
  const beforeFirst = index === -1 && !!active && !!(active.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (event.shiftKey && (active === first || beforeFirst)) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}
