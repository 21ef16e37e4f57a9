// Merging duplicate feedback: item B merged into A hands A its votes, comments, tags and goal
// links, and stays on the board under Merged with a pointer to A. One transaction, so one
// Y.UndoManager step (tracking LOCAL_ORIGIN) takes the whole merge back.
//
// Concurrency. Votes, comments, tags and links are moved or copied by this laptop at merge
// time, but a teammate offline may still vote or comment on B. Those land on B after the merge
// syncs. Nothing is lost because the reader counts everything of an item's merge group (the
// item and every item whose `mergedInto` chain ends at it) for the item at the chain's end:
// votes deduplicated by voter key, comments listed under the target. Mutations use the same
// group (unvoting A also removes the member's late vote on B). The one visible oddity: a vote
// taken back on B while B was being merged comes back on A, since the merge copied it; the
// member can take it back on A.
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { columnCards, columnOfItem, FALLBACK_MERGED_COLUMN, FALLBACK_OPEN_COLUMN, liveItemOrThrow, readLayout } from './columns';
import { childMap, feedbackCommentsOf, memberId, recordActivity } from './schema';
import { keyAtEnd } from '../order';
import { entityId, parseInput } from '../validate';

const mergeInput = z.object({ sourceId: entityId, targetId: entityId, actorId: memberId });
const unmergeInput = z.object({ id: entityId, actorId: memberId });

/**
 * Merges item `sourceId` (B) into `targetId` (A): B's votes move to A (a voter who voted on
 * both keeps A's vote), B's comments are re-pointed to A, B's tags and links are added to A's,
 * and B moves to the Merged column with `mergedInto = A`. Both items log the merge.
 */
export function mergeItems(doc: Y.Doc, args: z.input<typeof mergeInput>, now = Date.now()): void {
  const input = parseInput(mergeInput, args);
  if (input.sourceId === input.targetId) throw new ModelError('invalid-input', 'errors.mergeSelf', 'targetId');
  transactLocal(doc, () => {
    const layout = readLayout(doc);
    const source = liveItemOrThrow(layout.merges, input.sourceId, 'sourceId');
    const target = liveItemOrThrow(layout.merges, input.targetId, 'targetId');
    const mergedStatus = layout.index.firstMerged;
    if (mergedStatus === FALLBACK_MERGED_COLUMN) throw new ModelError('not-found', 'errors.notFound', 'statusId', { id: 'merged' });
    const fromColumn = columnOfItem(layout, input.sourceId);
    const mergedOrder = keyAtEnd(columnCards(layout, mergedStatus).map((c) => c.order));

    moveEntries(childMap(source, 'votes'), childMap(target, 'votes'), true);
    moveEntries(childMap(source, 'tags'), childMap(target, 'tags'), false);
    moveEntries(childMap(source, 'links'), childMap(target, 'links'), false);
    for (const [, comment] of entities(feedbackCommentsOf(doc))) if (comment.get('itemId') === input.sourceId) comment.set('itemId', input.targetId);

    source.set('statusBeforeMerge', fromColumn);
    source.set('statusId', mergedStatus);
    source.set('order', mergedOrder);
    source.set('mergedInto', input.targetId);
    for (const itemId of [input.sourceId, input.targetId]) recordActivity(doc, { itemId, kind: 'merged', from: input.sourceId, to: input.targetId, actorId: input.actorId, at: now });
  });
}

/**
 * Copies each entry of `from` that `to` lacks (plain values only: a Y type cannot live in two
 * places), then empties `from` when `move` is set. Votes move; tags and links are copied, so the
 * merged item still reads as it was.
 */
function moveEntries(from: Y.Map<unknown>, to: Y.Map<unknown>, move: boolean): void {
  for (const [key, value] of [...from.entries()]) {
    if (!to.has(key) && !(value instanceof Y.AbstractType)) to.set(key, value);
    if (move) from.delete(key);
  }
}

/**
 * Takes an item out of a merge later on (undo is the way to reverse a merge just made): it goes
 * back to the column it left, or the first open column. What the merge moved to the target —
 * votes and comments — stays there; anything that reached the item after the merge comes back
 * with it. Items merged into this one stay merged into it.
 */
export function unmergeItem(doc: Y.Doc, args: z.input<typeof unmergeInput>, now = Date.now()): void {
  const input = parseInput(unmergeInput, args);
  transactLocal(doc, () => {
    const layout = readLayout(doc);
    const item = layout.merges.items.get(input.id);
    if (!(item instanceof Y.Map)) throw new ModelError('not-found', 'errors.notFound', 'id', { id: input.id });
    const target = item.get('mergedInto');
    if (typeof target !== 'string') throw new ModelError('invalid-input', 'errors.notMerged', 'id');
    const before = item.get('statusBeforeMerge');
    const beforeKind = typeof before === 'string' ? layout.index.kinds.get(before) : undefined;
    const back = typeof before === 'string' && beforeKind !== undefined && beforeKind !== 'merged' ? before : layout.index.firstOpen;
    if (back === FALLBACK_OPEN_COLUMN) throw new ModelError('not-found', 'errors.notFound', 'statusId', { id: 'new' });
    item.set('order', keyAtEnd(columnCards(layout, back).map((c) => c.order)));
    item.set('statusId', back);
    item.set('mergedInto', null);
    item.set('statusBeforeMerge', null);
    for (const itemId of [input.id, target]) if (layout.merges.items.has(itemId)) recordActivity(doc, { itemId, kind: 'unmerged', from: input.id, to: target, actorId: input.actorId, at: now });
  });
}
