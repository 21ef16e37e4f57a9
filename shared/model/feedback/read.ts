// Reads a feedback board doc into immutable snapshots for the UI: statuses, channels, items with
// their voters, comment counts, priority and activity, comments by item, and the columns.
// Incremental: each transaction's changed entity ids are noted, a read re-reads only those and
// the items they feed, and every other snapshot keeps its identity, so a 10,000-item board
// re-reads in about a millisecond and the UI re-renders only the cards that changed.
import * as Y from 'yjs';
import { docSchemaVersion, entities, isReadOnly, oneOf } from '../doc';
import { columnFor, createRootOf, indexStatuses, resolveMergeTargets, type StatusIndex } from './columns';
import { ColumnIndex, GroupedEntities, NONE, SnapshotMap, TagIndex, type ItemChange } from './read-index';
import { buildItem, sameInputs, unionLinks, unionVotes, type CachedItem, type ItemInputs } from './read-items';
import { FEEDBACK_SOURCES, feedbackActivityOf, feedbackChannelsOf, feedbackCommentsOf, feedbackItemsOf, feedbackStatusesOf } from './schema';
import {
  compareByTime,
  keepSame,
  readActivity,
  readChannel,
  readComment,
  readItemBase,
  readStatus,
  sameItemBase,
  type FeedbackActivitySnapshot,
  type FeedbackBoardSnapshot,
  type FeedbackChannelSnapshot,
  type FeedbackColumnSnapshot,
  type FeedbackCommentSnapshot,
  type FeedbackItemSnapshot,
  type FeedbackStatusSnapshot,
  type ItemBase,
} from './snapshots';
import { compareOrder } from '../order';

export interface FeedbackReader {
  /** The board now; the same object as last time when nothing it shows changed. */
  read(): FeedbackBoardSnapshot;
  destroy(): void;
}

const compareComments = (a: FeedbackCommentSnapshot, b: FeedbackCommentSnapshot) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Collects, per transaction, the ids of the entities it touched in each collection. */
function watchChanges(doc: Y.Doc) {
  const collections = { items: feedbackItemsOf(doc), comments: feedbackCommentsOf(doc), activity: feedbackActivityOf(doc) };
  const dirty = { items: new Set<string>(), comments: new Set<string>(), activity: new Set<string>(), statuses: true, channels: true };
  const byType = new Map<object, 'items' | 'comments' | 'activity' | 'statuses' | 'channels'>([
    [collections.items, 'items'], [collections.comments, 'comments'], [collections.activity, 'activity'], [feedbackStatusesOf(doc), 'statuses'], [feedbackChannelsOf(doc), 'channels'],
  ]);
  const note = (name: 'items' | 'comments' | 'activity' | 'statuses' | 'channels' | undefined, key: string | null | undefined) => {
    if (name === 'statuses' || name === 'channels') dirty[name] = true;
    else if (name !== undefined && typeof key === 'string') dirty[name].add(key);
  };
  const onAfterTransaction = (tr: Y.Transaction) => {
    // Entities added, replaced or removed: keys of a collection itself.
    for (const [type, keys] of tr.changed) {
      const name = byType.get(type);
      if (name !== undefined) for (const key of keys) note(name, key);
    }
    // Every ancestor of a changed type is listed, so an edit deep inside an entity (its votes,
    // its description) shows up as the entity's own map, whose parentSub is its id.
    for (const type of tr.changedParentTypes.keys()) {
      const parent: object | null | undefined = type._item?.parent;
      if (parent) note(byType.get(parent), type._item?.parentSub);
    }
  };
  doc.on('afterTransaction', onAfterTransaction);
  return { collections, dirty, stop: () => doc.off('afterTransaction', onAfterTransaction) };
}

/**
 * A reader that keeps snapshot identity for everything a transaction did not touch. Create
 * one per doc, call `read()` after each change, and `destroy()` when the board closes.
 */
export function createFeedbackReader(doc: Y.Doc): FeedbackReader {
  const { collections, dirty, stop } = watchChanges(doc);
  let full = true;
  let statuses: readonly FeedbackStatusSnapshot[] = NONE;
  let statusIndex: StatusIndex = indexStatuses([]);
  let channels: readonly FeedbackChannelSnapshot[] = NONE;
  const bases = new Map<string, ItemBase>();
  const rawMerges = new Map<string, string>();
  let targets = new Map<string, string>();
  let rootOf = createRootOf(targets);
  let sources = new Map<string, readonly string[]>();
  const comments = new GroupedEntities<FeedbackCommentSnapshot>((c) => c.itemId, compareComments);
  const activity = new GroupedEntities<FeedbackActivitySnapshot>((a) => a.itemId, compareByTime);
  let commentsByRoot = SnapshotMap.empty<readonly FeedbackCommentSnapshot[]>();
  const cachedItems = new Map<string, CachedItem>();
  let items = SnapshotMap.empty<FeedbackItemSnapshot>();
  const columnIndex = new ColumnIndex();
  const tagIndex = new TagIndex();
  let tags: readonly string[] = NONE;
  let columns: readonly FeedbackColumnSnapshot[] = NONE;
  let last: FeedbackBoardSnapshot | null = null;

  /** The ids to re-read in a collection: all of them on the first read. */
  const toRead = (name: 'items' | 'comments' | 'activity'): string[] => {
    const ids = full ? [...collections[name].keys()] : [...dirty[name]];
    dirty[name].clear();
    return ids;
  };

  function readStatusesAndChannels(): boolean {
    let changed = false;
    if (dirty.statuses) {
      const before = new Map(statuses.map((s) => [s.id, s]));
      const next = [...entities(feedbackStatusesOf(doc))].map(([id, s]) => reuse(before.get(id), readStatus(id, s), sameStatus)).sort(compareOrder);
      const kept = keepSame(statuses, next);
      changed = kept !== statuses;
      statuses = kept;
      statusIndex = indexStatuses(statuses);
    }
    if (dirty.channels) {
      const before = new Map(channels.map((c) => [c.id, c]));
      channels = keepSame(channels, [...entities(feedbackChannelsOf(doc))].map(([id, c]) => reuse(before.get(id), readChannel(id, c), sameChannel)).sort(compareOrder));
    }
    dirty.statuses = false;
    dirty.channels = false;
    return changed;
  }

  /** Re-reads touched items, adding those whose data changed to `affected`; returns whether merges changed. */
  function readBases(affected: Set<string>): boolean {
    let mergesTouched = false;
    for (const id of toRead('items')) {
      const value = collections.items.get(id);
      const prev = bases.get(id);
      if (!(value instanceof Y.Map)) {
        if (prev) {
          bases.delete(id);
          rawMerges.delete(id);
          affected.add(id);
          mergesTouched = true;
        }
        continue;
      }
      const read = readItemBase(id, value as Y.Map<unknown>, prev);
      if (prev && sameItemBase(prev, read)) continue;
      if (!prev || prev.mergedInto !== read.mergedInto) mergesTouched = true;
      bases.set(id, read);
      if (read.mergedInto === null) rawMerges.delete(id);
      else rawMerges.set(id, read.mergedInto);
      affected.add(id);
    }
    if (!mergesTouched) return false;
    const next = resolveMergeTargets(rawMerges, (id) => bases.has(id));
    if (next.size === targets.size && [...next].every(([id, target]) => targets.get(id) === target)) return false;
    // Every item in an old or a new merge group is read again.
    for (const id of targets.keys()) affected.add(id).add(rootOf(id));
    targets = next;
    rootOf = createRootOf(targets);
    const grouped = new Map<string, string[]>();
    for (const id of [...targets.keys()].sort()) {
      const root = rootOf(id);
      grouped.set(root, [...(grouped.get(root) ?? []), id]);
    }
    sources = grouped;
    for (const id of targets.keys()) affected.add(id).add(rootOf(id));
    return true;
  }

  function readComments(affected: Set<string>, regroupAll: boolean): void {
    const touched = new Set<string>();
    for (const id of toRead('comments')) {
      const value = collections.comments.get(id);
      comments.update(id, value instanceof Y.Map ? readComment(id, value as Y.Map<unknown>) : undefined, touched);
    }
    const roots = new Set<string>([...touched].map((owner) => rootOf(owner)));
    if (regroupAll) {
      for (const root of commentsByRoot.keys()) roots.add(root);
      for (const owner of comments.owners()) roots.add(rootOf(owner));
    }
    const changes: [string, readonly FeedbackCommentSnapshot[] | undefined][] = [];
    for (const root of roots) {
      const prev = commentsByRoot.get(root);
      const group = [root, ...(sources.get(root) ?? NONE)];
      // An id that has since been merged is no longer a root: its comments show under its target.
      const list = targets.has(root) ? NONE : group.length === 1 ? comments.list(root) : keepSame(prev, group.flatMap((id) => comments.list(id)).sort(compareComments));
      if (list === prev || (prev === undefined && list.length === 0)) continue;
      changes.push([root, list.length > 0 ? list : undefined]);
      affected.add(root);
    }
    commentsByRoot = commentsByRoot.with(changes);
  }

  function readActivityLog(affected: Set<string>): void {
    for (const id of toRead('activity')) {
      const value = collections.activity.get(id);
      activity.update(id, value instanceof Y.Map ? readActivity(id, value as Y.Map<unknown>) : undefined, affected);
    }
  }

  function itemInputs(id: string, base: ItemBase, prev: CachedItem | undefined): ItemInputs {
    const merged = targets.has(id);
    const mergedFrom = merged ? NONE : keepSame(prev?.mergedFrom, sources.get(id) ?? NONE);
    let voters = merged ? NONE : base.votes;
    let tags = base.tags;
    let links = base.links;
    if (mergedFrom.length > 0) {
      const group = [base, ...mergedFrom.map((sourceId) => bases.get(sourceId)).filter((b): b is ItemBase => b !== undefined)];
      voters = keepSame(prev?.voters, unionVotes(group));
      tags = keepSame(prev?.tags, [...new Set(group.flatMap((b) => b.tags))].sort());
      links = keepSame(prev?.links, unionLinks(group));
    }
    return {
      base, voters, tags, links, mergedFrom,
      comments: merged ? NONE : commentsByRoot.get(id) ?? NONE,
      activity: activity.list(id),
      columnId: columnFor(base, merged, statusIndex),
      mergedInto: targets.get(id) ?? null,
    };
  }

  function readItems(affected: ReadonlySet<string>): ItemChange[] {
    const changes: ItemChange[] = [];
    for (const id of affected) {
      const base = bases.get(id);
      const prev = cachedItems.get(id);
      if (!base) {
        if (prev) changes.push({ id, prev: prev.snapshot, next: undefined });
        cachedItems.delete(id);
        continue;
      }
      const inputs = itemInputs(id, base, prev);
      if (prev && sameInputs(prev, inputs)) continue;
      const entry = { ...inputs, snapshot: buildItem(inputs) };
      cachedItems.set(id, entry);
      changes.push({ id, prev: prev?.snapshot, next: entry.snapshot });
    }
    items = items.with(changes.map(({ id, next }) => [id, next] as const));
    return changes;
  }

  function read(): FeedbackBoardSnapshot {
    const statusesChanged = readStatusesAndChannels();
    const affected = new Set<string>();
    const targetsChanged = readBases(affected);
    // A merged item's votes, tags and links show on the item at the end of its chain.
    for (const id of affected) if (targets.has(id)) affected.add(rootOf(id));
    readComments(affected, targetsChanged || full);
    readActivityLog(affected);
    if (statusesChanged) for (const id of bases.keys()) affected.add(id);
    const changes = readItems(affected);
    if (changes.length > 0 || statusesChanged || full) columns = columnIndex.update(changes, statuses, items);
    if (changes.length > 0) tags = tagIndex.update(changes);
    full = false;

    const meta = doc.getMap('meta');
    const source = oneOf(meta.get('source'), FEEDBACK_SOURCES, 'blank');
    const schemaVersion = docSchemaVersion(doc);
    const readOnly = isReadOnly(doc);
    if (
      last && last.statuses === statuses && last.channels === channels && last.items === items && last.columns === columns && last.comments === commentsByRoot && last.tags === tags &&
      last.source === source && last.schemaVersion === schemaVersion && last.readOnly === readOnly
    ) return last;
    last = { source, schemaVersion, readOnly, statuses, channels, items, columns, comments: commentsByRoot, tags };
    return last;
  }

  return { read, destroy: stop };
}

function reuse<T>(prev: T | undefined, next: T, same: (a: T, b: T) => boolean): T {
  return prev !== undefined && same(prev, next) ? prev : next;
}

function sameStatus(a: FeedbackStatusSnapshot, b: FeedbackStatusSnapshot): boolean {
  return a.id === b.id && a.key === b.key && a.name === b.name && a.kind === b.kind && a.order === b.order;
}

function sameChannel(a: FeedbackChannelSnapshot, b: FeedbackChannelSnapshot): boolean {
  return a.id === b.id && a.key === b.key && a.name === b.name && a.order === b.order;
}

/** One-off read without identity caching (tests, export). */
export function readFeedbackBoard(doc: Y.Doc): FeedbackBoardSnapshot {
  const reader = createFeedbackReader(doc);
  try {
    return reader.read();
  } finally {
    reader.destroy();
  }
}
