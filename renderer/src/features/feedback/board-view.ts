// What the feedback views show of the board on screen, as narrow store selectors: the columns
// after filters and sort, one column's card ids, one card, the counts. Each keeps its value
// while what it shows is unchanged, so a teammate's edit to one card re-renders that card
// alone: its column's ids, the board's chrome and the counts select the same values as before.
import type { FeedbackBoardSnapshot, FeedbackColumnSnapshot, FeedbackItemSnapshot, FeedbackStatusSnapshot } from '../../../../shared/model/feedback/snapshots';
import { selectFeedbackBoard, type AppState } from '../../state/store';
import { hasFilters, matchesFeedbackFilters, queryWords, sortFeedbackItems, type FeedbackFilters, type FeedbackSort } from './filtering';

export interface VisibleColumn {
  readonly status: FeedbackStatusSnapshot;
  /** Cards shown, after filters and sort. */
  readonly items: readonly FeedbackItemSnapshot[];
  /** Every card of the column in board order (for move indices). */
  readonly all: readonly FeedbackItemSnapshot[];
  /** The shown cards' ids, one per line: equal while the same cards show in the same order. */
  readonly key: string;
}

const NO_COLUMNS: readonly VisibleColumn[] = [];
const NO_ITEMS: readonly FeedbackItemSnapshot[] = [];

interface Shown<T> {
  readonly filters: FeedbackFilters;
  readonly sort: FeedbackSort;
  readonly value: T;
}

const columnCache = new WeakMap<FeedbackColumnSnapshot, Shown<VisibleColumn>>();
const boardCache = new WeakMap<readonly FeedbackColumnSnapshot[], Shown<readonly VisibleColumn[]>>();
const itemsCache = new WeakMap<readonly VisibleColumn[], readonly FeedbackItemSnapshot[]>();

/** A column as shown, the same object while its snapshot, the filters and the sort are unchanged. */
function visibleColumn(c: FeedbackColumnSnapshot, filters: FeedbackFilters, sort: FeedbackSort): VisibleColumn {
  const cached = columnCache.get(c);
  if (cached && cached.filters === filters && cached.sort === sort) return cached.value;
  const words = queryWords(filters.text);
  // No filter and the board's own order: the column as it is, with no pass over its cards.
  const shown = hasFilters(filters) ? c.items.filter((i) => matchesFeedbackFilters(i, filters, words)) : c.items;
  const items = sortFeedbackItems(shown, sort);
  const value: VisibleColumn = { status: c.status, all: c.items, items, key: items.map((i) => i.id).join('\n') };
  columnCache.set(c, { filters, sort, value });
  return value;
}

/** The columns of the board on screen as the kanban shows them (merged items only when filtered to). */
export function selectVisibleColumns(s: AppState): readonly VisibleColumn[] {
  const board = selectFeedbackBoard(s);
  if (!board) return NO_COLUMNS;
  const { feedbackFilters: filters, feedbackSort: sort } = s;
  const cached = boardCache.get(board.columns);
  if (cached && cached.filters === filters && cached.sort === sort) return cached.value;
  const value = board.columns.filter((c) => c.status.kind !== 'merged' || filters.statusId === c.status.id).map((c) => visibleColumn(c, filters, sort));
  boardCache.set(board.columns, { filters, sort, value });
  return value;
}

export function selectVisibleColumn(s: AppState, statusId: string): VisibleColumn | undefined {
  return selectVisibleColumns(s).find((c) => c.status.id === statusId);
}

/** The ids of the columns shown, one per line. */
export function selectColumnIds(s: AppState): string {
  return selectVisibleColumns(s)
    .map((c) => c.status.id)
    .join('\n');
}

/** Every card shown, in the sort chosen (the table and the matrix). */
export function selectVisibleItems(s: AppState): readonly FeedbackItemSnapshot[] {
  const columns = selectVisibleColumns(s);
  if (columns === NO_COLUMNS) return NO_ITEMS;
  let items = itemsCache.get(columns);
  if (!items) {
    items = sortFeedbackItems(
      columns.flatMap((c) => c.items),
      s.feedbackSort,
    );
    itemsCache.set(columns, items);
  }
  return items;
}

export function selectVisibleCount(s: AppState): number {
  let n = 0;
  for (const c of selectVisibleColumns(s)) n += c.items.length;
  return n;
}

/** Cards on the board that are not merged into another. */
export function selectLiveCount(s: AppState): number {
  const board = selectFeedbackBoard(s);
  return board ? board.columns.reduce((n, c) => (c.status.kind === 'merged' ? n : n + c.items.length), 0) : 0;
}

/** One card of the board on screen. */
export function selectFeedbackItem(s: AppState, itemId: string): FeedbackItemSnapshot | undefined {
  return selectFeedbackBoard(s)?.items.get(itemId);
}

/** What the board's header and toolbar show: the same values while no status, channel or tag changes. */
export type FeedbackBoardChrome = Pick<FeedbackBoardSnapshot, 'statuses' | 'channels' | 'tags' | 'readOnly'>;

export function selectBoardChrome(s: AppState): FeedbackBoardChrome | null {
  const board = selectFeedbackBoard(s);
  return board && { statuses: board.statuses, channels: board.channels, tags: board.tags, readOnly: board.readOnly };
}
