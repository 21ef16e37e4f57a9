// Merging duplicates: B merged into A hands A its votes (each voter once), comments, tags and
// goal links, waits under Merged pointing at A, logs the merge on both, and one undo takes it
// all back. Merge chains and taking an item out of a merge later.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  addCustomerVote,
  createFeedbackItem,
  feedbackItemsOf,
  linkGoal,
  mergeItems,
  readFeedbackBoard,
  toggleVote,
  unmergeItem,
  updateFeedbackItem,
} from '../../shared/model';
import { ALICE, BOB, CAROL, columnTitles, item, itemInput, MEMBERS, newFeedbackBoard, undoManagerFor } from './feedback-fixtures';
import { mergeView } from '../../shared/model/feedback/columns';
import { contentHash, expectRefused, peerOrigin, replicaOf, seededRandom } from './support/docs';

function duplicates() {
  const doc = newFeedbackBoard();
  const a = createFeedbackItem(doc, itemInput({ title: 'Export to Excel', tags: ['export'] }), 1_000);
  const b = createFeedbackItem(doc, itemInput({ title: 'Excel export please', tags: ['excel'] }), 2_000);
  toggleVote(doc, { itemId: a, memberId: ALICE }, 3_000);
  toggleVote(doc, { itemId: b, memberId: ALICE }, 3_500);
  toggleVote(doc, { itemId: b, memberId: BOB }, 4_000);
  addCustomerVote(doc, { itemId: b, customer: 'Acme', recordedBy: CAROL }, 4_500);
  linkGoal(doc, { itemId: b, boardId: 'b_goals', goalId: 'g_retention', actorId: BOB }, 5_000);
  const comment = addComment(doc, { itemId: b, authorId: BOB, body: 'Finance asks weekly', members: MEMBERS }, 6_000);
  return { doc, a, b, comment };
}

describe('merging B into A', () => {
  it('moves B’s votes to A, counting each voter once', () => {
    const { doc, a, b } = duplicates();
    mergeItems(doc, { sourceId: b, targetId: a, actorId: CAROL }, 10_000);
    const snapshot = readFeedbackBoard(doc);
    expect(item(snapshot, a).voters.map((v) => v.key)).toEqual([ALICE, BOB, 'customer:acme']);
    expect(item(snapshot, a).voters[0]?.at).toBe(3_000);
    expect(item(snapshot, b)).toMatchObject({ voteCount: 0, voters: [] });
  });

  it('lists B’s comments under A and unions tags and goal links', () => {
    const { doc, a, b, comment } = duplicates();
    mergeItems(doc, { sourceId: b, targetId: a, actorId: CAROL }, 10_000);
    const snapshot = readFeedbackBoard(doc);
    expect(snapshot.comments.get(a)?.map((c) => [c.id, c.itemId])).toEqual([[comment, a]]);
    expect(item(snapshot, a)).toMatchObject({ commentCount: 1, tags: ['excel', 'export'], links: [{ key: 'b_goals:g_retention', boardId: 'b_goals', goalId: 'g_retention' }], mergedFrom: [b] });
  });

  it('puts B under Merged pointing at A, and logs the merge on both', () => {
    const { doc, a, b } = duplicates();
    mergeItems(doc, { sourceId: b, targetId: a, actorId: CAROL }, 10_000);
    const snapshot = readFeedbackBoard(doc);
    expect(item(snapshot, b)).toMatchObject({ statusId: 'merged', columnId: 'merged', mergedInto: a });
    expect(columnTitles(snapshot)).toMatchObject({ new: ['Export to Excel'], merged: ['Excel export please'] });
    for (const id of [a, b]) expect(item(snapshot, id).activity.at(-1)).toMatchObject({ kind: 'merged', from: b, to: a, actorId: CAROL, at: 10_000 });
  });

  it('is undone in one step, leaving the board as it was', () => {
    const { doc, a, b } = duplicates();
    const before = contentHash(doc);
    const board = readFeedbackBoard(doc);
    const undo = undoManagerFor(doc);
    mergeItems(doc, { sourceId: b, targetId: a, actorId: CAROL });
    undo.undo();
    expect(undo.canUndo()).toBe(false);
    expect(contentHash(doc)).toBe(before);
    expect(readFeedbackBoard(doc)).toEqual(board);
    undo.redo();
    expect(item(readFeedbackBoard(doc), b).mergedInto).toBe(a);
  });

  it('undoes my merge but keeps a teammate’s vote that arrived after it', () => {
    const { doc, a, b } = duplicates();
    const teammate = replicaOf(doc);
    const undo = undoManagerFor(doc);
    mergeItems(doc, { sourceId: b, targetId: a, actorId: CAROL });
    toggleVote(teammate, { itemId: a, memberId: CAROL });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(teammate, Y.encodeStateVector(doc)), peerOrigin());
    undo.undo();
    const snapshot = readFeedbackBoard(doc);
    expect(item(snapshot, b).mergedInto).toBeNull();
    expect(item(snapshot, a).voters.map((v) => v.key)).toEqual([ALICE, CAROL]);
  });

  it.each([
    ['merging an item into itself', (a: string) => ({ sourceId: a, targetId: a }), 'invalid-input', 'errors.mergeSelf', 'targetId'],
    ['an unknown source', (a: string) => ({ sourceId: 'f_nope', targetId: a }), 'not-found', 'errors.notFound', 'sourceId'],
    ['an unknown target', (a: string) => ({ sourceId: a, targetId: 'f_nope' }), 'not-found', 'errors.notFound', 'targetId'],
    ['no actor', (a: string, b: string) => ({ sourceId: b, targetId: a, actorId: '' }), 'invalid-input', 'errors.invalid', 'actorId'],
  ] as const)('refuses %s and changes nothing', (_label, args, code, messageKey, field) => {
    const { doc, a, b } = duplicates();
    expectRefused(doc, () => mergeItems(doc, { actorId: ALICE, ...args(a, b) }), { code, messageKey, field });
  });

  it('refuses to merge an item already merged, or into one', () => {
    const { doc, a, b } = duplicates();
    const c = createFeedbackItem(doc, itemInput({ title: 'Third' }));
    mergeItems(doc, { sourceId: b, targetId: a, actorId: ALICE });
    expectRefused(doc, () => mergeItems(doc, { sourceId: b, targetId: c, actorId: ALICE }), { code: 'invalid-input', messageKey: 'errors.itemMerged', field: 'sourceId' });
    expectRefused(doc, () => mergeItems(doc, { sourceId: c, targetId: b, actorId: ALICE }), { code: 'invalid-input', messageKey: 'errors.itemMerged', field: 'targetId' });
  });
});

describe('merge chains', () => {
  it('counts votes and comments along a chain for the item at its end', () => {
    const doc = newFeedbackBoard();
    const [a, b, c] = ['A', 'B', 'C'].map((title) => createFeedbackItem(doc, itemInput({ title }))) as [string, string, string];
    toggleVote(doc, { itemId: c, memberId: CAROL });
    addComment(doc, { itemId: c, authorId: CAROL, body: 'On C', members: MEMBERS });
    mergeItems(doc, { sourceId: c, targetId: b, actorId: ALICE });
    mergeItems(doc, { sourceId: b, targetId: a, actorId: ALICE });
    const snapshot = readFeedbackBoard(doc);
    expect(item(snapshot, a)).toMatchObject({ voteCount: 1, commentCount: 1, mergedFrom: [b, c].sort() });
    expect(item(snapshot, c).mergedInto).toBe(b);
    expect(columnTitles(snapshot).merged?.sort()).toEqual(['B', 'C']);
  });
});

describe('taking an item out of a merge', () => {
  it('returns it to the column it left, logging it on both items', () => {
    const doc = newFeedbackBoard();
    const a = createFeedbackItem(doc, itemInput({ title: 'A' }), 1_000);
    const b = createFeedbackItem(doc, itemInput({ title: 'B', statusId: 'planned' }), 1_000);
    mergeItems(doc, { sourceId: b, targetId: a, actorId: ALICE }, 2_000);
    unmergeItem(doc, { id: b, actorId: BOB }, 3_000);
    const snapshot = readFeedbackBoard(doc);
    expect(item(snapshot, b)).toMatchObject({ mergedInto: null, statusId: 'planned', columnId: 'planned' });
    expect(item(snapshot, a).mergedFrom).toEqual([]);
    for (const id of [a, b]) expect(item(snapshot, id).activity.at(-1)).toMatchObject({ kind: 'unmerged', from: b, to: a, actorId: BOB });
    expect(() => updateFeedbackItem(doc, { id: b, title: 'B again' })).not.toThrow();
  });

  it('refuses an item that is not merged', () => {
    const doc = newFeedbackBoard();
    const a = createFeedbackItem(doc, itemInput());
    expectRefused(doc, () => unmergeItem(doc, { id: a, actorId: ALICE }), { code: 'invalid-input', messageKey: 'errors.notMerged', field: 'id' });
    expectRefused(doc, () => unmergeItem(doc, { id: 'f_nope', actorId: ALICE }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
  });
});

describe('merge resolution', () => {
  it('is the same for mutations (one chain at a time) and the reader (whole board), loops included', () => {
    const random = seededRandom(Number(process.env.TANDEM_SEED ?? 4_242));
    for (let round = 0; round < 100; round++) {
      const doc = newFeedbackBoard();
      const ids = Array.from({ length: 8 }, (_, i) => createFeedbackItem(doc, itemInput({ title: `I${i}` })));
      doc.transact(() => {
        for (const id of ids) {
          const roll = random();
          const target = roll < 0.4 ? null : roll < 0.9 ? (ids[Math.floor(random() * ids.length)] as string) : 'f_missing';
          (feedbackItemsOf(doc).get(id) as Y.Map<unknown>).set('mergedInto', target);
        }
      }, peerOrigin());
      const snapshot = readFeedbackBoard(doc);
      const view = mergeView(doc);
      for (const id of ids) {
        expect(view.targetOf(id)).toBe(item(snapshot, id).mergedInto);
        const root = view.rootOf(id);
        expect(item(snapshot, root).mergedInto).toBeNull();
        if (root !== id) expect(item(snapshot, root).mergedFrom).toContain(id);
      }
    }
  });
});
