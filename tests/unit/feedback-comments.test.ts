// Comments: threads under an item, @mentions of members (names with spaces, Chinese names, no
// false hits in e-mail addresses), editing and deleting by the author only.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  createFeedbackItem,
  deleteComment,
  editComment,
  feedbackCommentsOf,
  mergeItems,
  parseMentions,
  readFeedbackBoard,
} from '../../shared/model';
import { ALICE, BOB, CAROL, item, itemInput, MEMBERS, newFeedbackBoard } from './feedback-fixtures';
import { expectRefused } from './support/docs';

function boardWithItem() {
  const doc = newFeedbackBoard();
  const id = createFeedbackItem(doc, itemInput(), 500);
  return { doc, id };
}

describe('mentions', () => {
  it.each([
    ['a one-word name', '@Bob can you check?', [BOB]],
    ['a name with a space, any case', 'thanks @alice wong!', [ALICE]],
    ['a Chinese name followed by Chinese text', '@张伟请看一下', [CAROL]],
    ['several people, each once, in order', '@Bob and @张伟, cc @Bob', [BOB, CAROL]],
    ['nobody in an e-mail address', 'write to bob@example.com', []],
    ['nobody for a longer word starting with a name', '@Bobby said so', []],
    ['nobody for an unknown name', '@Dave?', []],
  ])('finds %s', (_label, text, expected) => {
    expect(parseMentions(text, MEMBERS)).toEqual(expected);
  });

  it('prefers the longest matching name', () => {
    const members = [{ id: 'm_ann', name: 'Ann' }, { id: 'm_annlee', name: 'Ann Lee' }];
    expect(parseMentions('@Ann Lee and @Ann', members)).toEqual(['m_annlee', 'm_ann']);
  });
});

describe('commenting', () => {
  it('adds comments and replies in order, counts them on the card and stores mentions', () => {
    const { doc, id } = boardWithItem();
    const first = addComment(doc, { itemId: id, authorId: ALICE, body: '@Bob is this a duplicate?', members: MEMBERS }, 1_000);
    const reply = addComment(doc, { itemId: id, parentId: first, authorId: BOB, body: 'No, a different report.', members: MEMBERS }, 2_000);
    const snapshot = readFeedbackBoard(doc);
    expect(snapshot.comments.get(id)).toEqual([
      { id: first, itemId: id, parentId: null, authorId: ALICE, body: '@Bob is this a duplicate?', mentions: [BOB], createdAt: 1_000, editedAt: null, deleted: false },
      { id: reply, itemId: id, parentId: first, authorId: BOB, body: 'No, a different report.', mentions: [], createdAt: 2_000, editedAt: null, deleted: false },
    ]);
    expect(item(snapshot, id)).toMatchObject({ commentCount: 2, lastActivityAt: 2_000 });
    expect((feedbackCommentsOf(doc).get(first) as Y.Map<unknown>).get('body')).toBeInstanceOf(Y.Text);
  });

  it('lets the author edit a comment, parsing mentions again', () => {
    const { doc, id } = boardWithItem();
    const comment = addComment(doc, { itemId: id, authorId: ALICE, body: 'Ask @Bob', members: MEMBERS }, 1_000);
    editComment(doc, { id: comment, authorId: ALICE, body: 'Ask @张伟 instead', members: MEMBERS }, 3_000);
    expect(readFeedbackBoard(doc).comments.get(id)?.[0]).toMatchObject({ body: 'Ask @张伟 instead', mentions: [CAROL], editedAt: 3_000 });
  });

  it('lets the author delete a comment, leaving a tombstone so replies keep their thread', () => {
    const { doc, id } = boardWithItem();
    const first = addComment(doc, { itemId: id, authorId: ALICE, body: 'Private detail @Bob', members: MEMBERS });
    const reply = addComment(doc, { itemId: id, parentId: first, authorId: BOB, body: 'Noted', members: MEMBERS });
    deleteComment(doc, { id: first, authorId: ALICE });
    deleteComment(doc, { id: first, authorId: ALICE });
    const snapshot = readFeedbackBoard(doc);
    expect(snapshot.comments.get(id)?.find((c) => c.id === first)).toMatchObject({ deleted: true, body: '', mentions: [] });
    expect(snapshot.comments.get(id)?.find((c) => c.id === reply)?.parentId).toBe(first);
    expect(item(snapshot, id).commentCount).toBe(1);
  });

  it('refuses edits and deletion by anyone but the author', () => {
    const { doc, id } = boardWithItem();
    const comment = addComment(doc, { itemId: id, authorId: ALICE, body: 'Mine', members: MEMBERS });
    expectRefused(doc, () => editComment(doc, { id: comment, authorId: BOB, body: 'Hijacked', members: MEMBERS }), { code: 'invalid-input', messageKey: 'errors.notAuthor', field: 'authorId' });
    expectRefused(doc, () => deleteComment(doc, { id: comment, authorId: BOB }), { code: 'invalid-input', messageKey: 'errors.notAuthor', field: 'authorId' });
  });

  it('refuses to edit a deleted comment', () => {
    const { doc, id } = boardWithItem();
    const comment = addComment(doc, { itemId: id, authorId: ALICE, body: 'Gone soon', members: MEMBERS });
    deleteComment(doc, { id: comment, authorId: ALICE });
    expectRefused(doc, () => editComment(doc, { id: comment, authorId: ALICE, body: 'Back?', members: MEMBERS }), { code: 'invalid-input', messageKey: 'errors.commentDeleted', field: 'id' });
  });

  it('refuses a reply to a comment on another item', () => {
    const { doc, id } = boardWithItem();
    const other = createFeedbackItem(doc, itemInput({ title: 'Other' }));
    const elsewhere = addComment(doc, { itemId: other, authorId: ALICE, body: 'Elsewhere', members: MEMBERS });
    expectRefused(doc, () => addComment(doc, { itemId: id, parentId: elsewhere, authorId: BOB, body: 'Reply', members: MEMBERS }), { code: 'invalid-input', messageKey: 'errors.parentComment', field: 'parentId' });
  });

  it('takes a reply to a comment that came from an item merged into this one', () => {
    const { doc, id } = boardWithItem();
    const dup = createFeedbackItem(doc, itemInput({ title: 'Dup' }));
    const onDup = addComment(doc, { itemId: dup, authorId: ALICE, body: 'Seen this too', members: MEMBERS });
    mergeItems(doc, { sourceId: dup, targetId: id, actorId: ALICE });
    expect(() => addComment(doc, { itemId: id, parentId: onDup, authorId: BOB, body: 'Same here', members: MEMBERS })).not.toThrow();
  });

  it.each([
    ['an empty body', { body: '   ' }, 'invalid-input', 'errors.required', 'body'],
    ['a 20,001-character body', { body: 'b'.repeat(20_001) }, 'invalid-input', 'errors.tooLong', 'body'],
    ['an unknown item', { itemId: 'f_nope' }, 'not-found', 'errors.notFound', 'itemId'],
    ['an unknown parent', { parentId: 'cm_nope' }, 'not-found', 'errors.notFound', 'parentId'],
    ['no author', { authorId: '' }, 'invalid-input', 'errors.invalid', 'authorId'],
    ['a member list that is not a list', { members: 'Bob' as unknown as typeof MEMBERS }, 'invalid-input', 'errors.invalid', 'members'],
    ['2,001 members', { members: Array.from({ length: 2_001 }, (_, i) => ({ id: `m_${i}`, name: `M${i}` })) }, 'invalid-input', 'errors.tooMany', 'members'],
  ] as const)('refuses a comment with %s and changes nothing', (_label, overrides, code, messageKey, field) => {
    const { doc, id } = boardWithItem();
    expectRefused(doc, () => addComment(doc, { itemId: id, authorId: ALICE, body: 'Hello', members: MEMBERS, ...overrides }), { code, messageKey, field });
  });

  it('refuses editing or deleting an unknown comment', () => {
    const { doc } = boardWithItem();
    expectRefused(doc, () => editComment(doc, { id: 'cm_nope', authorId: ALICE, body: 'x', members: [] }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
    expectRefused(doc, () => deleteComment(doc, { id: 'cm_nope', authorId: ALICE }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
  });
});
