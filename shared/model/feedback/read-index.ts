// Incremental indexes behind the feedback reader: entities grouped by the item they belong to
// (comments, activity) and the cards of each column. Each is updated with what one read saw
// change, and keeps the previous arrays for groups and columns that did not change.
import { FALLBACK_MERGED_COLUMN, FALLBACK_OPEN_COLUMN } from './columns';
import type { FeedbackColumnSnapshot, FeedbackItemSnapshot, FeedbackStatusSnapshot } from './snapshots';
import { keepSame } from './snapshots';
import { compareOrder } from '../order';

/** Entities of one collection grouped by owner (an item id), each group kept sorted. */
export class GroupedEntities<T extends { readonly id: string }> {
  private readonly byOwner = new Map<string, Map<string, T>>();
  private readonly ownerOf = new Map<string, string>();
  private readonly sorted = new Map<string, readonly T[]>();
  private readonly stale = new Set<string>();

  constructor(
    private readonly ownerKey: (entity: T) => string,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  /** Sets entity `id` (or removes it, given undefined), adding the owners it left or joined to `touched`. */
  update(id: string, next: T | undefined, touched: Set<string>): void {
    const before = this.ownerOf.get(id);
    if (before !== undefined) {
      this.byOwner.get(before)?.delete(id);
      this.ownerOf.delete(id);
      this.stale.add(before);
      touched.add(before);
    }
    if (next === undefined) return;
    const owner = this.ownerKey(next);
    let group = this.byOwner.get(owner);
    if (!group) this.byOwner.set(owner, (group = new Map()));
    group.set(id, next);
    this.ownerOf.set(id, owner);
    this.stale.add(owner);
    touched.add(owner);
  }

  /** The owner's entities in order; the same array as before while nothing in the group changed. */
  list(owner: string): readonly T[] {
    if (!this.stale.has(owner)) return this.sorted.get(owner) ?? NONE;
    this.stale.delete(owner);
    const group = this.byOwner.get(owner);
    if (!group || group.size === 0) {
      this.byOwner.delete(owner);
      this.sorted.delete(owner);
      return NONE;
    }
    const next = keepSame(this.sorted.get(owner), [...group.values()].sort(this.compare));
    this.sorted.set(owner, next);
    return next;
  }

  owners(): IterableIterator<string> {
    return this.byOwner.keys();
  }
}

export const NONE: readonly never[] = Object.freeze([]);

const STAND_IN = {
  [FALLBACK_OPEN_COLUMN]: { id: FALLBACK_OPEN_COLUMN, key: 'new', name: 'New', kind: 'open', order: '' },
  [FALLBACK_MERGED_COLUMN]: { id: FALLBACK_MERGED_COLUMN, key: 'merged', name: 'Merged', kind: 'merged', order: '' },
} as const satisfies Record<string, FeedbackStatusSnapshot>;

/** One item snapshot replaced, added (no `prev`) or removed (no `next`) by a read. */
export interface ItemChange {
  readonly id: string;
  readonly prev: FeedbackItemSnapshot | undefined;
  readonly next: FeedbackItemSnapshot | undefined;
}

/**
 * The cards of every column. A column whose cards only changed content (same members, same
 * order keys) is rebuilt by swapping snapshots in place; one that gained, lost or reordered a
 * card is sorted again; the others keep their arrays.
 */
export class ColumnIndex {
  private readonly members = new Map<string, Set<string>>();
  private readonly built = new Map<string, FeedbackColumnSnapshot>();
  private columns: readonly FeedbackColumnSnapshot[] = NONE;

  /** Applies one read's changes and returns the columns: one per status, plus a stand-in column while a card has nowhere else to show. */
  update(changes: readonly ItemChange[], statuses: readonly FeedbackStatusSnapshot[], items: ReadonlyMap<string, FeedbackItemSnapshot>): readonly FeedbackColumnSnapshot[] {
    const resort = new Set<string>();
    /** Per column, the cards whose content changed in place: only those are swapped. */
    const swap = new Map<string, Set<string>>();
    for (const { id, prev, next } of changes) {
      if (prev && (!next || next.columnId !== prev.columnId)) {
        this.members.get(prev.columnId)?.delete(id);
        resort.add(prev.columnId);
      }
      if (!next) continue;
      let members = this.members.get(next.columnId);
      if (!members) this.members.set(next.columnId, (members = new Set()));
      members.add(id);
      if (!prev || prev.columnId !== next.columnId || prev.order !== next.order) resort.add(next.columnId);
      else {
        let ids = swap.get(next.columnId);
        if (!ids) swap.set(next.columnId, (ids = new Set()));
        ids.add(id);
      }
    }
    const shown = [...statuses];
    if (this.has(FALLBACK_OPEN_COLUMN)) shown.unshift(STAND_IN[FALLBACK_OPEN_COLUMN]);
    if (this.has(FALLBACK_MERGED_COLUMN)) shown.push(STAND_IN[FALLBACK_MERGED_COLUMN]);
    const columns = shown.map((status) => {
      const prev = this.built.get(status.id);
      let cards = prev?.items ?? NONE;
      if (resort.has(status.id) || prev === undefined) {
        cards = [...(this.members.get(status.id) ?? [])].map((id) => items.get(id) as FeedbackItemSnapshot).sort(compareOrder);
      } else {
        const changed = swap.get(status.id);
        if (changed) cards = cards.map((card) => (changed.has(card.id) ? (items.get(card.id) as FeedbackItemSnapshot) : card));
      }
      cards = keepSame(prev?.items, cards);
      const column = prev && prev.status === status && prev.items === cards ? prev : { status, items: cards };
      this.built.set(status.id, column);
      return column;
    });
    this.columns = keepSame(this.columns, columns);
    return this.columns;
  }

  private has(id: string): boolean {
    return (this.members.get(id)?.size ?? 0) > 0;
  }
}

/** The tags used on a board, counted as items change, so a read does not walk every item. */
export class TagIndex {
  private readonly counts = new Map<string, number>();
  private tags: readonly string[] = NONE;

  update(changes: readonly ItemChange[]): readonly string[] {
    // Whether each touched tag was in use before: the list changes only if one's presence flips.
    const before = new Map<string, boolean>();
    const touch = (tag: string) => before.has(tag) || before.set(tag, this.counts.has(tag));
    for (const { prev, next } of changes) {
      for (const tag of prev?.tags ?? NONE) {
        touch(tag);
        const count = (this.counts.get(tag) ?? 0) - 1;
        if (count <= 0) this.counts.delete(tag);
        else this.counts.set(tag, count);
      }
      for (const tag of next?.tags ?? NONE) {
        touch(tag);
        this.counts.set(tag, (this.counts.get(tag) ?? 0) + 1);
      }
    }
    let setChanged = false;
    for (const [tag, was] of before) if (was !== this.counts.has(tag)) setChanged = true;
    if (setChanged) this.tags = [...this.counts.keys()].sort((a, b) => a.localeCompare(b));
    return this.tags;
  }
}

const BUCKETS = 64;
const EMPTY_BUCKET: ReadonlyMap<string, never> = new Map<string, never>();

function bucketOf(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % BUCKETS;
}

/**
 * An immutable map from id to snapshot, stored in buckets so that a read changing k entries
 * copies k small buckets instead of all 10,000 entries. Iteration is by id, so two replicas
 * with the same content iterate alike; the columns carry the board's order.
 */
export class SnapshotMap<V> implements ReadonlyMap<string, V> {
  private constructor(
    private readonly buckets: readonly ReadonlyMap<string, V>[],
    readonly size: number,
    /** The id order of the map this one was made from and what changed, so it is patched rather than sorted again. */
    private derivedFrom: { readonly sorted: readonly [string, V][]; readonly changes: readonly (readonly [string, V | undefined])[] } | null = null,
  ) {}

  static empty<V>(): SnapshotMap<V> {
    return new SnapshotMap<V>(Array.from({ length: BUCKETS }, () => EMPTY_BUCKET), 0);
  }

  /** A new map with `changes` applied (undefined removes); this one is left as it was. */
  with(changeList: Iterable<readonly [string, V | undefined]>): SnapshotMap<V> {
    const changes = [...changeList];
    const buckets = [...this.buckets];
    const copied = new Set<number>();
    let size = this.size;
    for (const [key, value] of changes) {
      const b = bucketOf(key);
      if (!copied.has(b)) {
        buckets[b] = new Map(buckets[b]);
        copied.add(b);
      }
      const bucket = buckets[b] as Map<string, V>;
      const had = bucket.has(key);
      if (value === undefined) bucket.delete(key);
      else bucket.set(key, value);
      size += (value === undefined ? 0 : 1) - (had ? 1 : 0);
    }
    if (copied.size === 0) return this;
    return new SnapshotMap(buckets, size, this.sortedCache ? { sorted: this.sortedCache, changes } : null);
  }

  get(key: string): V | undefined {
    return (this.buckets[bucketOf(key)] as ReadonlyMap<string, V>).get(key);
  }

  has(key: string): boolean {
    return (this.buckets[bucketOf(key)] as ReadonlyMap<string, V>).has(key);
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.sorted()) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[string, V]> {
    return this.sorted().values() as unknown as MapIterator<[string, V]>;
  }

  keys(): MapIterator<string> {
    return this.sorted().map(([key]) => key).values() as unknown as MapIterator<string>;
  }

  values(): MapIterator<V> {
    return this.sorted().map(([, value]) => value).values() as unknown as MapIterator<V>;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  /** Entries in id order, sorted once: the map never changes after it is made. */
  private sortedCache: readonly [string, V][] | null = null;

  private sorted(): readonly [string, V][] {
    if (this.sortedCache) return this.sortedCache;
    if (this.derivedFrom) {
      this.sortedCache = patchSorted(this.derivedFrom.sorted, this.derivedFrom.changes);
      this.derivedFrom = null;
      return this.sortedCache;
    }
    const all: [string, V][] = [];
    for (const bucket of this.buckets) for (const entry of bucket) all.push(entry);
    this.sortedCache = all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return this.sortedCache;
  }
}

/** `sorted` (by key) with `changes` applied: a few binary searches and splices instead of a sort of every entry. */
function patchSorted<V>(sorted: readonly [string, V][], changes: readonly (readonly [string, V | undefined])[]): readonly [string, V][] {
  const out = [...sorted];
  for (const [key, value] of changes) {
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((out[mid] as [string, V])[0] < key) lo = mid + 1;
      else hi = mid;
    }
    const found = lo < out.length && (out[lo] as [string, V])[0] === key;
    if (value === undefined) {
      if (found) out.splice(lo, 1);
    } else if (found) out[lo] = [key, value];
    else out.splice(lo, 0, [key, value]);
  }
  return out;
}
