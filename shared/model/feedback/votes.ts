// Votes on a feedback item. An item's `votes` is a Y.Map keyed by member id, so one person on
// two laptops counts once; a vote recorded on behalf of a customer is keyed by the customer's
// normalised name. A vote counts for the item at the end of the merge chain (see merge.ts),
// so voting and unvoting look at the whole merge group.
import type * as Y from 'yjs';
import { z } from 'zod';
import { transactLocal } from '../doc';
import { ModelError } from '../errors';
import { liveItemOrThrow, mergeGroup, mergeView } from './columns';
import { childMap, customerVoteKey, FEEDBACK_LIMITS, inItemSet, memberId } from './schema';
import { entityId, parseInput, requiredText } from '../validate';

const memberVoteInput = z.object({ itemId: entityId, memberId });
const customerName = requiredText(FEEDBACK_LIMITS.customer);
const customerVoteInput = z.object({ itemId: entityId, customer: customerName, recordedBy: memberId });
const removeCustomerVoteInput = z.object({ itemId: entityId, customer: customerName });

/** A member's vote as stored. */
export interface StoredMemberVote {
  readonly memberId: string;
  readonly at: number;
}

/** A vote recorded on behalf of a customer, as stored. */
export interface StoredCustomerVote {
  readonly customer: string;
  readonly recordedBy: string;
  readonly at: number;
}

/**
 * Votes for the item, or takes the member's vote back. Returns whether the member now votes.
 * Taking it back also removes a vote of theirs that landed on an item merged into this one.
 */
export function toggleVote(doc: Y.Doc, args: z.input<typeof memberVoteInput>, now = Date.now()): boolean {
  const input = parseInput(memberVoteInput, args);
  return transactLocal(doc, () => {
    const merges = mergeView(doc);
    const item = liveItemOrThrow(merges, input.itemId, 'itemId');
    const holders = mergeGroup(merges, input.itemId).filter((member) => inItemSet(member, 'votes', input.memberId));
    for (const holder of holders) childMap(holder, 'votes').delete(input.memberId);
    if (holders.length > 0) return false;
    childMap(item, 'votes').set(input.memberId, { memberId: input.memberId, at: now } satisfies StoredMemberVote);
    return true;
  });
}

/** Records a vote on behalf of a customer. Returns false when that customer already votes for the item. */
export function addCustomerVote(doc: Y.Doc, args: z.input<typeof customerVoteInput>, now = Date.now()): boolean {
  const input = parseInput(customerVoteInput, args);
  return transactLocal(doc, () => {
    const merges = mergeView(doc);
    const item = liveItemOrThrow(merges, input.itemId, 'itemId');
    const key = customerVoteKey(input.customer);
    if (mergeGroup(merges, input.itemId).some((member) => inItemSet(member, 'votes', key))) return false;
    childMap(item, 'votes').set(key, { customer: input.customer, recordedBy: input.recordedBy, at: now } satisfies StoredCustomerVote);
    return true;
  });
}

/** Removes a customer's vote from the item and from every item merged into it. */
export function removeCustomerVote(doc: Y.Doc, args: z.input<typeof removeCustomerVoteInput>): void {
  const input = parseInput(removeCustomerVoteInput, args);
  transactLocal(doc, () => {
    const merges = mergeView(doc);
    liveItemOrThrow(merges, input.itemId, 'itemId');
    const key = customerVoteKey(input.customer);
    const holders = mergeGroup(merges, input.itemId).filter((member) => inItemSet(member, 'votes', key));
    if (holders.length === 0) throw new ModelError('not-found', 'errors.notFound', 'customer', { id: input.customer });
    for (const holder of holders) childMap(holder, 'votes').delete(key);
  });
}

