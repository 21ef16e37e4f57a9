// The board as columns of cards, one per status. Each column is virtualised, so a board of
// 10,000 items keeps only the visible cards in the page. Cards move by dragging (between and
// within columns) or with Alt+arrow keys; in a sorted view only moves between columns apply.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { closestCorners, DndContext, pointerWithin, PointerSensor, useDndMonitor, useDroppable, useSensor, useSensors, type CollisionDetection, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { elementScroll, useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { FeedbackChannelSnapshot, FeedbackItemSnapshot } from '../../../../../shared/model/feedback/snapshots';
import type { MemberSnapshot } from '../../../../../shared/model/workspace';
import { useApp, useRuntime } from '../../../context';
import { repeatedWords } from '../../../i18n/repeated-words';
import { selectFeedbackBoard } from '../../../state/store';
import { selectColumnIds, selectVisibleColumn, selectVisibleColumns } from '../board-view';
import { statusLabel } from '../labels';
import { CARD_HEIGHT, ItemCard } from './ItemCard';

interface ColumnProps {
  statusId: string;
  /** Cards drawn past each edge of the scrolled area: none until the board has painted (useOverscanOncePainted). */
  overscan: number;
  channels: ReadonlyMap<string, FeedbackChannelSnapshot>;
  members: ReadonlyMap<string, MemberSnapshot>;
  me: string;
  draggable: boolean;
  onOpen(itemId: string): void;
  onVote(itemId: string): void;
  onKeyMove(itemId: string, key: 'left' | 'right' | 'up' | 'down'): void;
}

/** Cards drawn past each edge of a column's scrolled area, once the board is on screen. */
const OVERSCAN = 2;
/** Space above a column's cards (the top bar, board header, toolbar and column head; see .kanban-column's max-height). */
const ABOVE_CARDS = 286;
/** One object for the life of the page: a new one each render would re-render every card (dnd-kit context). */
const POINTER_OPTIONS = { activationConstraint: { distance: 5 } };
const NO_CHANNELS: readonly FeedbackChannelSnapshot[] = [];

/**
 * A column's size for its virtualiser, from a ResizeObserver alone. The virtualiser's own observer
 * also reads the size at once when the column mounts: in the middle of React's commit, before the
 * cards exist, which made the browser lay out the whole page an extra time on opening a board (a
 * CPU profile of the open put 24 ms in that read). The first render has the size `initialRect`
 * guesses; the observer's first call, after the frame's layout, corrects it if it was wrong.
 */
function observeColumnRect(instance: Virtualizer<HTMLDivElement, Element>, changed: (rect: Rect) => void): () => void {
  const element = instance.scrollElement;
  if (!element) return () => undefined;
  const observer = new ResizeObserver(() => changed({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

/**
 * A card's key for its column's virtualiser: its place. Cards are all CARD_HEIGHT tall and never
 * measured, so the virtualiser keeps no size by key. An item id as the key was a lookup by string
 * for every card of the column each time it placed them (10 ms of the open of a 10k board in a
 * CPU profile), and a new key function whenever the column's order changed placed them all again.
 */
const cardIndex = (index: number) => index;

/** Columns whose virtualiser has placed them once (see scrollColumn). */
const placedColumns = new WeakSet<Element>();

/**
 * Scrolls a column for its virtualiser, except the scroll to the top it asks for when a column
 * mounts: a new column is at the top already, and the write made the browser lay out the whole
 * page in the middle of React's commit (24 ms of the open in a CPU profile). Later scrolls, and a
 * first one anywhere but the top, are the virtualiser's own.
 */
function scrollColumn(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLDivElement, Element>): void {
  const element = instance.scrollElement;
  const first = element !== null && !placedColumns.has(element);
  if (element) placedColumns.add(element);
  if (first && offset + (options.adjustments ?? 0) === 0) return;
  elementScroll(offset, options, instance);
}

/** Drop where the pointer is (a card or a column); near nothing, on the closest. */
const collision: CollisionDetection = (args) => {
  const under = pointerWithin(args);
  return under.length > 0 ? under : closestCorners(args);
};

/**
 * One column. It selects its status and its cards' ids only, so it re-renders when cards come,
 * go or change places; each card selects its own snapshot. Rows are of one fixed height (the
 * card's CSS holds it), so nothing is measured, and the first render already has the rows the
 * column's height shows (its likely size is given before the element exists).
 */
const Column = memo(function Column({ statusId, overscan, channels, members, me, draggable, onOpen, onVote, onKeyMove }: ColumnProps) {
  const { t, i18n } = useTranslation();
  const words = repeatedWords(i18n, i18n.language);
  const scrollRef = useRef<HTMLDivElement>(null);
  const status = useApp((s) => selectVisibleColumn(s, statusId)?.status);
  const key = useApp((s) => selectVisibleColumn(s, statusId)?.key ?? '');
  const ids = useMemo(() => (key === '' ? [] : key.split('\n')), [key]);
  const { setNodeRef } = useDroppable({ id: `column:${statusId}`, data: { columnId: statusId } });
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT,
    overscan,
    getItemKey: cardIndex,
    initialRect: { width: 0, height: Math.max(0, window.innerHeight - ABOVE_CARDS) },
    observeElementRect: observeColumnRect,
    scrollToFn: scrollColumn,
    useFlushSync: false,
  });
  const rows = virtualizer.getVirtualItems();
  const from = rows[0]?.index ?? 0;
  const to = from + rows.length;
  // The sortable list is the cards drawn, not the column: dnd-kit maps, compares and looks up the
  // rect of every id it is given on each render (12 ms for a 10k board's columns in a CPU profile
  // of the open), and only a drawn card has a rect. A drop is placed by the card it lands on.
  // The card being dragged stays in it, in its place, when the column scrolls it out of the drawn
  // cards: without it, the cards between it and the pointer would stop making room for it.
  const [dragged, setDragged] = useState<string | null>(null);
  useDndMonitor({ onDragStart: (e) => setDragged(String(e.active.id)), onDragEnd: () => setDragged(null), onDragCancel: () => setDragged(null) });
  const drawnIds = useMemo(() => {
    const drawn = ids.slice(from, to);
    const at = dragged === null ? -1 : ids.indexOf(dragged);
    if (at < 0 || (at >= from && at < to)) return drawn;
    return at < from ? [dragged as string, ...drawn] : [...drawn, dragged as string];
  }, [ids, from, to, dragged]);
  if (!status) return null;
  const label = statusLabel(status, t);
  return (
    <section className="kanban-column" aria-label={label} data-testid="kanban-column" data-status-id={statusId}>
      <h2 className="column-head">
        {label} <span className="muted small">{ids.length}</span>
      </h2>
      <div ref={scrollRef} className="column-scroll">
        <div ref={setNodeRef} className="column-body" style={{ height: Math.max(virtualizer.getTotalSize(), 60) }}>
          <SortableContext items={drawnIds} strategy={verticalListSortingStrategy}>
            {rows.map((row) => (
              <ItemCard key={ids[row.index]} itemId={ids[row.index] as string} top={row.start} words={words} channels={channels} members={members} me={me} draggable={draggable} onOpen={onOpen} onVote={onVote} onKeyMove={onKeyMove} />
            ))}
          </SortableContext>
        </div>
      </div>
    </section>
  );
});

/**
 * The overscan to draw with: 0 while the board opens, so its first frame lays out only the cards
 * in view (a third fewer), then `overscan` once the browser is idle after that frame (scrolling
 * a card or two finds them drawn, as before).
 */
function useOverscanOncePainted(overscan: number): number {
  const [current, setCurrent] = useState(0);
  useEffect(() => {
    let idle = 0;
    const frame = requestAnimationFrame(() => {
      idle = requestIdleCallback(() => setCurrent(overscan), { timeout: 300 });
    });
    return () => {
      cancelAnimationFrame(frame);
      cancelIdleCallback(idle);
    };
  }, [overscan]);
  return current;
}

/** How many columns are cut off at each edge of the scrolled board (not wholly in view). */
function columnsOutOfView(kanban: HTMLElement): { left: number; right: number } {
  const view = kanban.getBoundingClientRect();
  let left = 0;
  let right = 0;
  for (const column of kanban.querySelectorAll<HTMLElement>('[data-testid="kanban-column"]')) {
    const box = column.getBoundingClientRect();
    if (box.right > view.right + 1) right += 1;
    else if (box.left < view.left - 1) left += 1;
  }
  return { left, right };
}

/**
 * Says how many columns are past each edge ("2 more columns →") and scrolls to them on a click,
 * so Done, Declined and Merged are found on a narrow screen; the edges also fade (CSS).
 */
function useColumnsOutOfView(columnCount: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [left, setLeft] = useState(0);
  const [right, setRight] = useState(0);
  useEffect(() => {
    const kanban = ref.current;
    if (!kanban) return;
    const measure = () => {
      const out = columnsOutOfView(kanban);
      setLeft(out.left);
      setRight(out.right);
    };
    // The observer's first call measures, after the frame's layout: a measure here, in the commit
    // that mounts the board, made the browser lay the page out once more before its first frame.
    const observer = new ResizeObserver(measure);
    observer.observe(kanban);
    kanban.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      kanban.removeEventListener('scroll', measure);
    };
  }, [columnCount]);
  const reveal = (side: 'left' | 'right') => {
    const kanban = ref.current;
    if (!kanban) return;
    const view = kanban.getBoundingClientRect();
    const columns = [...kanban.querySelectorAll<HTMLElement>('[data-testid="kanban-column"]')].map((c) => c.getBoundingClientRect());
    const next = side === 'right' ? columns.find((b) => b.right > view.right + 1) : columns.filter((b) => b.left < view.left - 1).pop();
    if (!next) return;
    // A page of columns at a time: the first one past the edge becomes the first one in view.
    kanban.scrollBy({ left: side === 'right' ? next.left - view.left : next.right - view.right });
  };
  return { ref, left, right, reveal };
}

/** Index to give a card moved onto `overId` in `column` (board order), as `planMove` counts. */
export function targetIndex(column: readonly FeedbackItemSnapshot[], movedId: string, overId: string | null): number {
  const rest = column.filter((i) => i.id !== movedId);
  if (overId === null) return rest.length;
  const over = rest.findIndex((i) => i.id === overId);
  if (over < 0) return rest.length;
  const from = column.findIndex((i) => i.id === movedId);
  const overInColumn = column.findIndex((i) => i.id === overId);
  return from >= 0 && from < overInColumn ? over + 1 : over;
}

export function KanbanView({ readOnly }: { readOnly: boolean }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const me = useApp((s) => s.identity?.memberId ?? '');
  const members = useApp((s) => s.workspace?.members);
  const manual = useApp((s) => s.feedbackSort === 'manual');
  const columnKey = useApp(selectColumnIds);
  const boardChannels = useApp((s) => selectFeedbackBoard(s)?.channels ?? NO_CHANNELS);
  const columnIds = useMemo(() => (columnKey === '' ? [] : columnKey.split('\n')), [columnKey]);
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS));
  const { ref: kanbanRef, left: hiddenLeft, right: hiddenRight, reveal } = useColumnsOutOfView(columnIds.length);
  const overscan = useOverscanOncePainted(OVERSCAN);
  const channels = useMemo(() => new Map(boardChannels.map((c) => [c.id, c])), [boardChannels]);
  const memberMap = useMemo(() => new Map((members ?? []).map((m) => [m.id, m])), [members]);

  const onOpen = useCallback((itemId: string) => runtime.store.setState({ selectedItemId: itemId }), [runtime]);
  const onVote = useCallback((itemId: string) => void runtime.feedback.toggleVote(itemId), [runtime]);
  // Handlers read the columns at the moment they act, with my last edits in them (a quick
  // second Alt+arrow moves from where the first one put the card).
  const currentColumns = useCallback(() => {
    runtime.flushLocalEdits();
    return selectVisibleColumns(runtime.store.getState());
  }, [runtime]);

  const moveTo = useCallback(
    (itemId: string, statusId: string, overId: string | null) => {
      const column = currentColumns().find((c) => c.status.id === statusId);
      if (!column) return;
      runtime.feedback.move(itemId, statusId, manual || overId === null ? targetIndex(column.all, itemId, overId) : column.all.filter((i) => i.id !== itemId).length);
    },
    [runtime, manual, currentColumns],
  );

  const onKeyMove = useCallback(
    (itemId: string, key: 'left' | 'right' | 'up' | 'down') => {
      const cols = currentColumns();
      const from = cols.findIndex((c) => c.items.some((i) => i.id === itemId));
      const column = cols[from];
      if (!column) return;
      if (key === 'left' || key === 'right') {
        const next = cols[from + (key === 'left' ? -1 : 1)];
        if (!next) return;
        runtime.feedback.move(itemId, next.status.id, 0);
      } else {
        if (!manual) return;
        const index = column.items.findIndex((i) => i.id === itemId);
        const neighbour = column.items[index + (key === 'up' ? -1 : 1)];
        if (!neighbour) return;
        moveTo(itemId, column.status.id, neighbour.id);
      }
      requestAnimationFrame(() => (document.querySelector(`[data-item-id="${itemId}"] .item-open`) as HTMLElement | null)?.focus());
    },
    [runtime, manual, moveTo, currentColumns],
  );

  const onDragEnd = useCallback(
    (event: DragEndEvent) => {
      const over = event.over;
      if (!over) return;
      const itemId = String(event.active.id);
      const overColumn = (over.data.current as { columnId?: string } | undefined)?.columnId;
      if (!overColumn) return;
      const overId = String(over.id).startsWith('column:') ? null : String(over.id);
      if (overId === itemId) return;
      moveTo(itemId, overColumn, overId);
    },
    [moveTo],
  );

  return (
    <DndContext sensors={sensors} collisionDetection={collision} onDragEnd={onDragEnd}>
      <p id="card-move-hint" className="visually-hidden">
        {t('feedback.cardMoveHint')}
      </p>
      <div className={`kanban-frame${hiddenLeft > 0 ? ' more-left' : ''}${hiddenRight > 0 ? ' more-right' : ''}`}>
        {hiddenLeft > 0 && (
          <button type="button" className="more-columns left" onClick={() => reveal('left')} data-testid="more-columns-left">
            {t('feedback.moreColumns.left', { count: hiddenLeft })}
          </button>
        )}
        {hiddenRight > 0 && (
          <button type="button" className="more-columns right" onClick={() => reveal('right')} data-testid="more-columns-right">
            {t('feedback.moreColumns.right', { count: hiddenRight })}
          </button>
        )}
        {/* Focusable and named: columns past the edge scroll into view with the arrow keys. */}
        <div ref={kanbanRef} className="kanban" data-testid="kanban" role="region" aria-label={t('feedback.kanbanRegion')} tabIndex={0}>
          {columnIds.map((statusId) => (
            <Column key={statusId} statusId={statusId} overscan={overscan} channels={channels} members={memberMap} me={me} draggable={!readOnly} onOpen={onOpen} onVote={onVote} onKeyMove={onKeyMove} />
          ))}
        </div>
      </div>
    </DndContext>
  );
}
