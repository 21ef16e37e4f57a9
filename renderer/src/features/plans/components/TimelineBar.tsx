// One plan item's bar on the timeline: a button placed on the canvas that opens the item (click
// or Enter), moves it (drag, or Alt+← / Alt+→) and resizes it (drag its end, or Alt+Shift+← / →).
// Memoised: scrolling and redrawing the window around it never re-render a bar whose place,
// item and label did not change; a drag re-renders only the bar being dragged.
import { memo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { PlanItemSnapshot } from '../../../../../shared/model/plans';
import { fitText } from '../fit-text';
import { DAY_WIDTH, type Zoom } from '../timeline-scale';

/** How far Alt+arrow moves an item at each zoom, in days. */
const STEP: Record<Zoom, number> = { week: 1, month: 7, quarter: 7 };

export interface TimelineBarProps {
  item: PlanItemSnapshot;
  x: number;
  y: number;
  width: number;
  label: string;
  zoom: Zoom;
  /** The bars' CSS font, to fit the title to the bar. */
  font: string;
  onOpen(id: string): void;
  onMove(item: PlanItemSnapshot, startDays: number, endDays: number): void;
}

export const TimelineBar = memo(function TimelineBar({ item, x, y, width, label, zoom, font, onOpen, onMove }: TimelineBarProps) {
  const drag = useRef<{ x: number; resize: boolean; moved: boolean } | null>(null);
  const dragged = useRef(false);
  const [offset, setOffset] = useState<{ dx: number; resize: boolean } | null>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(item.id);
      return;
    }
    if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    const step = (e.key === 'ArrowLeft' ? -1 : 1) * STEP[zoom];
    onMove(item, e.shiftKey ? 0 : step, step);
  };
  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    drag.current = { x: e.clientX, resize: rect.right - e.clientX < 8, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    if (Math.abs(dx) > 3) d.moved = true;
    if (d.moved) setOffset({ dx, resize: d.resize });
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    setOffset(null);
    dragged.current = d?.moved ?? false;
    if (!d?.moved) return;
    const days = Math.round((e.clientX - d.x) / DAY_WIDTH[zoom]);
    if (days !== 0) onMove(item, d.resize ? 0 : days, days);
  };
  const shownX = offset && !offset.resize ? x + offset.dx : x;
  const shownWidth = offset?.resize ? Math.max(DAY_WIDTH[zoom], width + offset.dx) : width;
  const flagged = item.flags.length > 0;
  // The padding and borders (and a few pixels for fonts measured before a language switch restyled).
  const text = fitText(`${flagged ? '⚠ ' : ''}${item.title}`, shownWidth - (flagged ? 16 : 14) - 4, font);
  return (
    <button
      type="button"
      className={`plan-bar kind-${item.kind} status-${item.status}${flagged ? ' flagged' : ''}`}
      style={{ left: shownX, top: y, width: shownWidth }}
      aria-label={label}
      title={label}
      data-opens-item={item.id}
      data-testid="plan-bar"
      onKeyDown={onKeyDown}
      onClick={() => {
        // A drag ends in a click too: only a press that did not move opens the item.
        if (dragged.current) dragged.current = false;
        else onOpen(item.id);
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => {
        drag.current = null;
        setOffset(null);
      }}
    >
      {text}
    </button>
  );
});
