// The side panel beside a board (a goal's, a feedback item's, a plan item's): not modal, so the
// board stays usable by pointer, but built on the same rules as the dialog: focus moves to its
// heading on open, Tab and Shift+Tab cycle within it, Escape closes it, and focus goes back to
// the card that opened it (or to that card drawn anew).
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { captureOpener, returnFocus } from './focus-return';
import { loopTab } from './tab-loop';

export interface SidePanelProps {
  /** The id of the panel's heading: it names the panel and takes focus on open. */
  titleId: string;
  onClose(): void;
  className?: string;
  testId?: string;
  /** Where focus goes on close if the control that opened the panel is gone: its card, say. */
  fallbackFocus?: () => HTMLElement | null;
  children: ReactNode;
}

export function SidePanel({ titleId, onClose, className, testId, fallbackFocus, children }: SidePanelProps) {
  const ref = useRef<HTMLElement>(null);
  const fallbackRef = useRef(fallbackFocus);
  useLayoutEffect(() => {
    fallbackRef.current = fallbackFocus;
  });

  // A layout effect: its cleanup runs while the panel is still in the page, so it can tell
  // whether focus was inside (then it is given back) or elsewhere (then it is left alone).
  useLayoutEffect(() => {
    const panel = ref.current;
    const opener = captureOpener();
    (panel?.querySelector<HTMLElement>(`#${CSS.escape(titleId)}`) ?? panel)?.focus();
    return () => {
      const hadFocus = !!panel && panel.contains(document.activeElement);
      if (hadFocus) requestAnimationFrame(() => returnFocus(opener, fallbackRef.current));
    };
  }, [titleId]);

  return (
    <aside
      ref={ref}
      className={className}
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.defaultPrevented) return;
        // Keys from a popover the panel opened reach here through React's tree, not the page's.
        if (ref.current?.contains(e.target as Node) && loopTab(ref.current, e)) return;
        // A dialog opened from the panel handles its own Escape (and marks it handled).
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onClose();
      }}
    >
      {children}
    </aside>
  );
}
