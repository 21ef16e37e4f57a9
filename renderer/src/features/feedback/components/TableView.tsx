// The board as a table: one virtualised row per item, columns sortable by a click on their
// header and resizable by dragging (or with the arrow keys on) the edge of a header.
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { FeedbackBoardSnapshot, FeedbackItemSnapshot } from '../../../../../shared/model/feedback/snapshots';
import { useApp, useRuntime } from '../../../context';
import { formatDate } from '../../../i18n/i18n';
import { channelLabel, statusLabel } from '../labels';

type ColumnKey = 'title' | 'status' | 'channel' | 'customer' | 'votes' | 'priority' | 'impact' | 'effort' | 'owner' | 'created';

interface TableColumn {
  key: ColumnKey;
  labelKey: string;
  width: number;
  value(item: FeedbackItemSnapshot): string | number;
  render?(item: FeedbackItemSnapshot): string;
}

const ROW_HEIGHT = 36;
const MIN_WIDTH = 56;

export function TableView({ board, items }: { board: FeedbackBoardSnapshot; items: readonly FeedbackItemSnapshot[] }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const members = useApp((s) => s.workspace?.members);
  const selectedItemId = useApp((s) => s.selectedItemId);
  const [sort, setSort] = useState<{ key: ColumnKey; dir: 1 | -1 } | null>(null);
  const [widths, setWidths] = useState<Partial<Record<ColumnKey, number>>>({});
  const scrollRef = useRef<HTMLDivElement>(null);

  const columns = useMemo<TableColumn[]>(() => {
    const statusById = new Map(board.statuses.map((s) => [s.id, s]));
    const channelById = new Map(board.channels.map((c) => [c.id, c]));
    const memberName = (id: string | null) => (id ? (members?.find((m) => m.id === id)?.name ?? '') : '');
    return [
      { key: 'title', labelKey: 'item.title', width: 320, value: (i) => i.title.toLocaleLowerCase(), render: (i) => i.title },
      { key: 'status', labelKey: 'item.status', width: 130, value: (i) => statusLabel(statusById.get(i.columnId), t) },
      { key: 'channel', labelKey: 'item.channel', width: 130, value: (i) => channelLabel(i.channelId ? channelById.get(i.channelId) : undefined, t) },
      { key: 'customer', labelKey: 'item.customer', width: 150, value: (i) => i.customer },
      { key: 'votes', labelKey: 'feedback.voters', width: 80, value: (i) => i.voteCount },
      { key: 'priority', labelKey: 'feedback.priority', width: 90, value: (i) => i.priority, render: (i) => i.priority.toFixed(1) },
      { key: 'impact', labelKey: 'feedback.impact', width: 80, value: (i) => i.impact },
      { key: 'effort', labelKey: 'feedback.effort', width: 80, value: (i) => i.effort },
      { key: 'owner', labelKey: 'item.owner', width: 120, value: (i) => memberName(i.ownerId) },
      { key: 'created', labelKey: 'feedback.sort.newest', width: 120, value: (i) => i.createdAt, render: (i) => formatDate(new Date(i.createdAt).toISOString().slice(0, 10), locale) },
    ];
  }, [board.statuses, board.channels, members, t, locale]);

  const rows = useMemo(() => {
    if (!sort) return items;
    const column = columns.find((c) => c.key === sort.key);
    if (!column) return items;
    return [...items].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), locale);
      return order * sort.dir || (a.id < b.id ? -1 : 1);
    });
  }, [items, sort, columns, locale]);

  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const widthOf = (c: TableColumn) => widths[c.key] ?? c.width;
  const template = columns.map((c) => `${widthOf(c)}px`).join(' ');

  const resize = (key: ColumnKey, delta: number) => setWidths((w) => ({ ...w, [key]: Math.max(MIN_WIDTH, (w[key] ?? columns.find((c) => c.key === key)?.width ?? 100) + delta) }));
  const startResize = (key: ColumnKey) => (e: PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    let last = e.clientX;
    const onMove = (m: globalThis.PointerEvent) => {
      resize(key, m.clientX - last);
      last = m.clientX;
    };
    const onUp = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
  };
  const onResizeKey = (key: ColumnKey) => (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      resize(key, e.key === 'ArrowLeft' ? -16 : 16);
    }
  };

  return (
    <div className="feedback-table" role="table" aria-rowcount={rows.length + 1} data-testid="feedback-table">
      <div className="table-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.key} role="columnheader" className="th" aria-sort={sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'} data-column={c.key}>
            <button className="th-button" onClick={() => setSort((s) => (s?.key === c.key ? { key: c.key, dir: s.dir === 1 ? -1 : 1 } : { key: c.key, dir: 1 }))}>
              {t(c.labelKey)} {sort?.key === c.key ? (sort.dir === 1 ? '▲' : '▼') : ''}
            </button>
            <span className="resize-handle" role="separator" aria-orientation="vertical" aria-label={`${t(c.labelKey)} ↔`} aria-valuenow={widthOf(c)} tabIndex={0} onPointerDown={startResize(c.key)} onKeyDown={onResizeKey(c.key)} data-testid={`resize-${c.key}`} />
          </div>
        ))}
      </div>
      <div ref={scrollRef} className="table-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = rows[v.index] as FeedbackItemSnapshot;
            return (
              <div
                key={item.id}
                role="row"
                aria-rowindex={v.index + 2}
                className={`tr${item.id === selectedItemId ? ' selected' : ''}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                data-testid="table-row"
              >
                {columns.map((c) =>
                  c.key === 'title' ? (
                    <div key={c.key} role="cell" className="td">
                      <button className="link-button row-open" data-opens-item={item.id} onClick={() => runtime.store.setState({ selectedItemId: item.id })}>
                        {item.title}
                      </button>
                    </div>
                  ) : (
                    <div key={c.key} role="cell" className="td">
                      {c.render ? c.render(item) : String(c.value(item))}
                    </div>
                  ),
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
