// The board as columns of cards, one per status. Each column is virtualised, so a board of
// 10,000 items keeps only the visible cards in the page. Cards move by dragging (between and
// within columns) or with Alt+arrow keys; in a sorted view only moves between columns apply.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { closestCorners, DndContext, pointerWithin, PointerSensor, useDroppable, useSensor, useSensors, type CollisionDetection, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { FeedbackBoardSnapshot, FeedbackChannelSnapshot, FeedbackItemSnapshot, FeedbackStatusSnapshot } from '../../../../../shared/model/feedback/snapshots';
import type { MemberSnapshot } from '../../../../../shared/model/workspace';
import { useApp, useRuntime } from '../../../context';
import { statusLabel } from '../labels';
import { ItemCard } from './ItemCard';

export interface VisibleColumn {
  readonly status: FeedbackStatusSnapshot;
  /** Cards shown, after filters and sort. */
  readonly items: readonly FeedbackItemSnapshot[];
  /** Every card of the column in board order (for move indices). */
  readonly all: readonly FeedbackItemSnapshot[];
}

interface ColumnProps {
  column: VisibleColumn;
  channels: ReadonlyMap<string, FeedbackChannelSnapshot>;
  members: ReadonlyMap<string, MemberSnapshot>;
  me: string;
  selectedItemId: string | null;
  draggable: boolean;
  onOpen(itemId: string): void;
  onVote(itemId: string): void;
  onKeyMove(itemId: string, key: 'left' | 'right' | 'up' | 'down'): void;
}

const CARD_HEIGHT = 132;
/** One object for the life of the page: a new one each render would re-render every card (dnd-kit context). */
const POINTER_OPTIONS = { activationConstraint: { distance: 5 } };

/** Drop where the pointer is (a card or a column); near nothing, on the closest. */
const collision: CollisionDetection = (args) => {
  const under = pointerWithin(args);
  return under.length > 0 ? under : closestCorners(args);
};

const Column = memo(function Column({ column, channels, members, me, selectedItemId, draggable, onOpen, onVote, onKeyMove }: ColumnProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { setNodeRef } = useDroppable({ id: `column:${column.status.id}`, data: { columnId: column.status.id } });
  const virtualizer = useVirtualizer({ count: column.items.length, getScrollElement: () => scrollRef.current, estimateSize: () => CARD_HEIGHT, overscan: 6, getItemKey: (i) => column.items[i]?.id ?? i });
  const label = statusLabel(column.status, t);
  // Same ids, same array: a retitled card must not make every sortable card in the column re-render.
  const idKey = column.items.map((i) => i.id).join('\n');
  const ids = useMemo(() => (idKey === '' ? [] : idKey.split('\n')), [idKey]);
  return (
    <section className="kanban-column" aria-label={label} data-testid="kanban-column" data-status-id={column.status.id}>
      <h2 className="column-head">
        {label} <span className="muted small">{column.items.length}</span>
      </h2>
      <div ref={scrollRef} className="column-scroll">
        <div ref={setNodeRef} className="column-body" style={{ height: Math.max(virtualizer.getTotalSize(), 60) }}>
          <SortableContext items={ids} strategy={verticalListSortingStrategy}>
            {virtualizer.getVirtualItems().map((row) => {
              const item = column.items[row.index] as FeedbackItemSnapshot;
              return (
                <div key={row.key} className="card-slot" style={{ transform: `translateY(${row.start}px)` }} data-index={row.index} ref={virtualizer.measureElement}>
                  <ItemCard
                    item={item}
                    channel={item.channelId ? channels.get(item.channelId) : undefined}
                    owner={item.ownerId ? members.get(item.ownerId) : undefined}
                    votedByMe={item.voters.some((v) => v.kind === 'member' && v.memberId === me)}
                    selected={item.id === selectedItemId}
                    draggable={draggable}
                    onOpen={onOpen}
                    onVote={onVote}
                    onKeyMove={onKeyMove}
                  />
                </div>
              );
            })}
          </SortableContext>
        </div>
      </div>
    </section>
  );
});

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
    measure();
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

export function KanbanView({ board, columns }: { board: FeedbackBoardSnapshot; columns: readonly VisibleColumn[] }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const me = useApp((s) => s.identity?.memberId ?? '');
  const members = useApp((s) => s.workspace?.members);
  const selectedItemId = useApp((s) => s.selectedItemId);
  const manual = useApp((s) => s.feedbackSort === 'manual');
  const readOnly = board.readOnly;
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS));
  const { ref: kanbanRef, left: hiddenLeft, right: hiddenRight, reveal } = useColumnsOutOfView(columns.length);
  const channels = useMemo(() => new Map(board.channels.map((c) => [c.id, c])), [board.channels]);
  const memberMap = useMemo(() => new Map((members ?? []).map((m) => [m.id, m])), [members]);

  const onOpen = useCallback((itemId: string) => runtime.store.setState({ selectedItemId: itemId }), [runtime]);
  const onVote = useCallback((itemId: string) => void runtime.feedback.toggleVote(itemId), [runtime]);
  // Handlers read the latest columns without being re-created (which would re-render every card).
  const columnsRef = useRef(columns);
  useEffect(() => {
    columnsRef.current = columns;
  }, [columns]);

  const moveTo = useCallback(
    (itemId: string, statusId: string, overId: string | null) => {
      const column = columnsRef.current.find((c) => c.status.id === statusId);
      if (!column) return;
      runtime.feedback.move(itemId, statusId, manual || overId === null ? targetIndex(column.all, itemId, overId) : column.all.filter((i) => i.id !== itemId).length);
    },
    [runtime, manual],
  );

  const onKeyMove = useCallback(
    (itemId: string, key: 'left' | 'right' | 'up' | 'down') => {
      const cols = columnsRef.current;
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
    [runtime, manual, moveTo],
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
          {columns.map((column) => (
            <Column
              key={column.status.id}
              column={column}
              channels={channels}
              members={memberMap}
              me={me}
              selectedItemId={selectedItemId !== null && column.items.some((i) => i.id === selectedItemId) ? selectedItemId : null}
              draggable={!readOnly} onOpen={onOpen} onVote={onVote} onKeyMove={onKeyMove} />
          ))}
        </div>
      </div>
    </DndContext>
  );
}
