// Where each feedback item sits: which item a merged item counts for (merge chains followed,
// loops cut the same way on every laptop) and which column shows it. Mutations and the reader
// share these rules, so a move is planned against exactly the column the UI shows.
import * as Y from 'yjs';
import { entities, oneOf, str } from '../doc';
import { ModelError } from '../errors';
import { compareOrder, type Ordered } from '../order';
import { feedbackItemsOf, feedbackStatusesOf, STATUS_KINDS, type StatusKind } from './schema';

/** Column ids the reader shows only when a board has lost every status of a kind (a peer's garbage). */
export const FALLBACK_OPEN_COLUMN = '#open';
export const FALLBACK_MERGED_COLUMN = '#merged';

export interface StatusIndex {
  readonly kinds: ReadonlyMap<string, StatusKind>;
  /** The first status by order that is not a Merged one: where a card whose status is gone shows. */
  readonly firstOpen: string;
  /** The first Merged status by order: where every merged card shows. */
  readonly firstMerged: string;
}

/** Builds the index from statuses already sorted by order. */
export function indexStatuses(statuses: readonly { readonly id: string; readonly kind: StatusKind }[]): StatusIndex {
  const kinds = new Map(statuses.map((s) => [s.id, s.kind] as const));
  return {
    kinds,
    firstOpen: statuses.find((s) => s.kind !== 'merged')?.id ?? FALLBACK_OPEN_COLUMN,
    firstMerged: statuses.find((s) => s.kind === 'merged')?.id ?? FALLBACK_MERGED_COLUMN,
  };
}

export interface ItemPlacement {
  readonly statusId: string;
  readonly statusBeforeMerge: string | null;
}

/**
 * The column that shows an item. A merged item always shows under Merged, whatever status a
 * concurrent move wrote; an item that is not merged never does (a merge loop cut by the reader,
 * or an unmerge racing a move), so it goes back to where it was before the merge, else to the
 * first open column. A card whose status was removed concurrently also shows in the first
 * open column, so every card is in exactly one column.
 */
export function columnFor(item: ItemPlacement, merged: boolean, index: StatusIndex): string {
  if (merged) return index.firstMerged;
  for (const id of [item.statusId, item.statusBeforeMerge]) {
    if (id === null) continue;
    const kind = index.kinds.get(id);
    if (kind !== undefined && kind !== 'merged') return id;
  }
  return index.firstOpen;
}

/**
 * The merge targets that count: a target that no longer exists reads as no merge, and each
 * loop (two people merging two items into each other offline) is cut at its smallest id, the
 * same on every laptop. `raw` holds only items whose `mergedInto` is set.
 */
export function resolveMergeTargets(raw: ReadonlyMap<string, string>, exists: (id: string) => boolean): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [id, target] of raw) if (target !== id && exists(target)) targets.set(id, target);
  const visited = new Map<string, 'walking' | 'done'>();
  for (const start of targets.keys()) {
    const path: string[] = [];
    let cursor: string | undefined = start;
    while (cursor !== undefined && !visited.has(cursor)) {
      visited.set(cursor, 'walking');
      path.push(cursor);
      cursor = targets.get(cursor);
    }
    if (cursor !== undefined && visited.get(cursor) === 'walking') {
      const loop = path.slice(path.indexOf(cursor));
      targets.delete(loop.reduce((a, b) => (b < a ? b : a)));
    }
    for (const id of path) visited.set(id, 'done');
  }
  return targets;
}

/** The item whose votes and comments a (possibly merged) item counts toward: the end of its merge chain. */
export function createRootOf(targets: ReadonlyMap<string, string>): (id: string) => string {
  const roots = new Map<string, string>();
  const rootOf = (id: string): string => {
    const known = roots.get(id);
    if (known !== undefined) return known;
    const path: string[] = [];
    let cursor = id;
    // Bounded by the number of merges, in case `targets` was not resolved first.
    for (let next = targets.get(cursor); next !== undefined && path.length <= targets.size; next = targets.get(cursor)) {
      path.push(cursor);
      cursor = roots.get(next) ?? next;
    }
    for (const step of path) roots.set(step, cursor);
    roots.set(id, cursor);
    return cursor;
  };
  return rootOf;
}

export interface LayoutStatus {
  readonly id: string;
  readonly kind: StatusKind;
  readonly order: string;
}

export function readStatusOrder(doc: Y.Doc): LayoutStatus[] {
  const statuses: LayoutStatus[] = [];
  for (const [id, s] of entities(feedbackStatusesOf(doc))) statuses.push({ id, kind: oneOf(s.get('kind'), STATUS_KINDS, 'open'), order: str(s.get('order')) });
  return statuses.sort(compareOrder);
}

/**
 * Merges as a mutation sees them, resolved along one item's chain only (no scan of the board),
 * by the same rule as `resolveMergeTargets`: a missing target is no merge, and a loop is cut
 * at its smallest id.
 */
export interface MergeView {
  readonly items: Y.Map<unknown>;
  /** The item `id` counts toward directly, or null when it is not merged. */
  targetOf(id: string): string | null;
  /** The end of `id`'s merge chain: `id` itself when it is not merged. */
  rootOf(id: string): string;
}

export function mergeView(doc: Y.Doc): MergeView {
  const items = feedbackItemsOf(doc);
  const resolved = new Map<string, string | null>();
  const rawTarget = (id: string): string | null => {
    const item = items.get(id);
    const target = item instanceof Y.Map ? item.get('mergedInto') : undefined;
    return typeof target === 'string' && target !== id && items.get(target) instanceof Y.Map ? target : null;
  };
  const targetOf = (id: string): string | null => {
    const known = resolved.get(id);
    if (known !== undefined) return known;
    const path: string[] = [];
    const seen = new Set<string>();
    let cursor: string | null = id;
    while (cursor !== null && !seen.has(cursor) && !resolved.has(cursor)) {
      seen.add(cursor);
      path.push(cursor);
      cursor = rawTarget(cursor);
    }
    let cut: string | null = null;
    if (cursor !== null && seen.has(cursor)) cut = path.slice(path.indexOf(cursor)).reduce((a, b) => (b < a ? b : a));
    for (const step of path) resolved.set(step, step === cut ? null : rawTarget(step));
    return resolved.get(id) ?? null;
  };
  const rootOf = (id: string): string => {
    let cursor = id;
    for (let next = targetOf(cursor); next !== null; next = targetOf(cursor)) cursor = next;
    return cursor;
  };
  return { items, targetOf, rootOf };
}

/** The board as moves need it: statuses in order and merges. */
export interface BoardLayout {
  readonly statuses: readonly LayoutStatus[];
  readonly index: StatusIndex;
  readonly merges: MergeView;
}

export function readLayout(doc: Y.Doc): BoardLayout {
  const statuses = readStatusOrder(doc);
  return { statuses, index: indexStatuses(statuses), merges: mergeView(doc) };
}

export function placementOf(item: Y.Map<unknown>): ItemPlacement {
  const before = item.get('statusBeforeMerge');
  return { statusId: str(item.get('statusId')), statusBeforeMerge: typeof before === 'string' ? before : null };
}

function isMergedItem(merges: MergeView, id: string, item: Y.Map<unknown>): boolean {
  return typeof item.get('mergedInto') === 'string' && merges.targetOf(id) !== null;
}

export function columnOfItem(layout: BoardLayout, id: string): string {
  const item = layout.merges.items.get(id);
  return item instanceof Y.Map ? columnFor(placementOf(item), isMergedItem(layout.merges, id, item), layout.index) : layout.index.firstOpen;
}

/** The cards of one column in their order (ties broken by id). Scans the board. */
export function columnCards(layout: BoardLayout, columnId: string): Ordered[] {
  const cards: Ordered[] = [];
  for (const [id, item] of entities(layout.merges.items)) {
    if (columnFor(placementOf(item), isMergedItem(layout.merges, id, item), layout.index) === columnId) cards.push({ id, order: str(item.get('order')) });
  }
  return cards.sort(compareOrder);
}

/** The item itself and every item merged into it, directly or along a chain. Scans the board. */
export function mergeGroup(merges: MergeView, rootId: string): Y.Map<unknown>[] {
  const group: Y.Map<unknown>[] = [];
  for (const [id, item] of entities(merges.items)) {
    if (id === rootId || (typeof item.get('mergedInto') === 'string' && merges.rootOf(id) === rootId)) group.push(item);
  }
  return group;
}

/** A live item a mutation may change: it exists and is not merged into another item. */
export function liveItemOrThrow(merges: MergeView, id: string, field = 'id'): Y.Map<unknown> {
  const item = merges.items.get(id);
  if (!(item instanceof Y.Map)) throw new ModelError('not-found', 'errors.notFound', field, { id });
  if (merges.targetOf(id) !== null) throw new ModelError('invalid-input', 'errors.itemMerged', field, { id });
  return item as Y.Map<unknown>;
}
