// Votes: one per member, toggled; votes recorded on behalf of customers, each customer once
// however their name is typed; the voter list and count on the card.
import { describe, expect, it } from 'vitest';
import {
  addCustomerVote,
  createFeedbackItem,
  customerVoteKey,
  mergeItems,
  readFeedbackBoard,
  removeCustomerVote,
  toggleVote,
} from '../../shared/model';
import { ALICE, BOB, CAROL, item, itemInput, newFeedbackBoard } from './feedback-fixtures';
import { expectRefused } from './support/docs';

function boardWithItem() {
  const doc = newFeedbackBoard();
  const id = createFeedbackItem(doc, itemInput());
  return { doc, id };
}

describe('member votes', () => {
  it('counts a vote and lists the voter, oldest first', () => {
    const { doc, id } = boardWithItem();
    expect(toggleVote(doc, { itemId: id, memberId: BOB }, 2_000)).toBe(true);
    expect(toggleVote(doc, { itemId: id, memberId: ALICE }, 1_000)).toBe(true);
    const snapshot = item(readFeedbackBoard(doc), id);
    expect(snapshot.voteCount).toBe(2);
    expect(snapshot.voters).toEqual([
      { kind: 'member', key: ALICE, memberId: ALICE, at: 1_000 },
      { kind: 'member', key: BOB, memberId: BOB, at: 2_000 },
    ]);
  });

  it('takes a vote back when the member votes again', () => {
    const { doc, id } = boardWithItem();
    toggleVote(doc, { itemId: id, memberId: BOB });
    expect(toggleVote(doc, { itemId: id, memberId: BOB })).toBe(false);
    expect(item(readFeedbackBoard(doc), id)).toMatchObject({ voteCount: 0, voters: [] });
  });

  it('raises the priority with votes', () => {
    const { doc, id } = boardWithItem();
    const before = item(readFeedbackBoard(doc), id).priority;
    toggleVote(doc, { itemId: id, memberId: BOB });
    expect(item(readFeedbackBoard(doc), id).priority).toBeGreaterThan(before);
  });

  it.each([
    ['an unknown item', { itemId: 'f_nope', memberId: BOB }, 'not-found', 'errors.notFound', 'itemId'],
    ['no member', { memberId: '' }, 'invalid-input', 'errors.invalid', 'memberId'],
    ['a member id shaped like a customer vote', { memberId: 'customer:acme' }, 'invalid-input', 'errors.invalid', 'memberId'],
    ['a 65-character member id', { memberId: 'm'.repeat(65) }, 'invalid-input', 'errors.invalid', 'memberId'],
  ] as const)('refuses a vote for %s and changes nothing', (_label, args, code, messageKey, field) => {
    const { doc, id } = boardWithItem();
    expectRefused(doc, () => toggleVote(doc, { itemId: id, ...args }), { code, messageKey, field });
  });

  it('refuses a vote on a merged item', () => {
    const { doc, id } = boardWithItem();
    const dup = createFeedbackItem(doc, itemInput({ title: 'Dup' }));
    mergeItems(doc, { sourceId: dup, targetId: id, actorId: ALICE });
    expectRefused(doc, () => toggleVote(doc, { itemId: dup, memberId: BOB }), { code: 'invalid-input', messageKey: 'errors.itemMerged', field: 'itemId' });
  });
});

describe('votes on behalf of customers', () => {
  it('records the customer’s name and who recorded it, next to member votes', () => {
    const { doc, id } = boardWithItem();
    toggleVote(doc, { itemId: id, memberId: ALICE }, 1_000);
    expect(addCustomerVote(doc, { itemId: id, customer: ' Acme Corp ', recordedBy: CAROL }, 2_000)).toBe(true);
    const snapshot = item(readFeedbackBoard(doc), id);
    expect(snapshot.voteCount).toBe(2);
    expect(snapshot.voters[1]).toEqual({ kind: 'customer', key: 'customer:acme corp', customer: 'Acme Corp', recordedBy: CAROL, at: 2_000 });
  });

  it('counts a customer once however the name is typed', () => {
    const { doc, id } = boardWithItem();
    addCustomerVote(doc, { itemId: id, customer: 'Acme Corp', recordedBy: ALICE });
    expect(addCustomerVote(doc, { itemId: id, customer: 'ACME   corp', recordedBy: BOB })).toBe(false);
    expect(addCustomerVote(doc, { itemId: id, customer: 'Ａｃｍｅ Corp', recordedBy: BOB })).toBe(false);
    expect(item(readFeedbackBoard(doc), id).voteCount).toBe(1);
    expect(customerVoteKey(' 北京 科技 ')).toBe('customer:北京 科技');
  });

  it('removes a customer’s vote', () => {
    const { doc, id } = boardWithItem();
    addCustomerVote(doc, { itemId: id, customer: 'Acme Corp', recordedBy: ALICE });
    removeCustomerVote(doc, { itemId: id, customer: 'acme corp' });
    expect(item(readFeedbackBoard(doc), id).voteCount).toBe(0);
  });

  it('refuses an empty or over-long customer name and removing a vote that is not there', () => {
    const { doc, id } = boardWithItem();
    expectRefused(doc, () => addCustomerVote(doc, { itemId: id, customer: '  ', recordedBy: ALICE }), { code: 'invalid-input', messageKey: 'errors.required', field: 'customer' });
    expectRefused(doc, () => addCustomerVote(doc, { itemId: id, customer: 'c'.repeat(81), recordedBy: ALICE }), { code: 'invalid-input', messageKey: 'errors.tooLong', field: 'customer' });
    expectRefused(doc, () => addCustomerVote(doc, { itemId: 'f_nope', customer: 'Acme', recordedBy: ALICE }), { code: 'not-found', messageKey: 'errors.notFound', field: 'itemId' });
    expectRefused(doc, () => removeCustomerVote(doc, { itemId: id, customer: 'Acme' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'customer' });
  });
});
