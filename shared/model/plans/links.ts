// What a plan item is tied to: goals (with the expected effect on a KPI, "+3 pts 30-day
// retention"), feedback items it addresses, and dated milestones. Each is a child Y.Map of the
// item keyed by link key or milestone id, used as a set, so two people adding links offline
// both keep theirs.
import { z } from 'zod';
import { entityOrThrow, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { newId } from '../ids';
import { entityId, isoDate, LIMITS, optionalText, parseInput, requiredText } from '../validate';
import { childMap, planLinkKey, linkPart, planItemsOf, PLANS_LIMITS } from './schema';

const goalInput = z.object({ itemId: entityId, boardId: linkPart, goalId: linkPart, effect: optionalText(PLANS_LIMITS.effect).optional() });
const feedbackInput = z.object({ itemId: entityId, boardId: linkPart, feedbackId: linkPart });
const unlinkInput = z.object({ itemId: entityId, boardId: linkPart, entityId: linkPart });
const milestoneInput = z.object({ itemId: entityId, title: requiredText(LIMITS.title), date: isoDate });
const removeMilestoneInput = z.object({ itemId: entityId, milestoneId: entityId });

function addTo(doc: Parameters<typeof planItemsOf>[0], itemId: string, collection: string, key: string, value: object): void {
  const map = childMap(entityOrThrow(planItemsOf(doc), itemId, 'itemId'), collection);
  if (!map.has(key) && map.size >= PLANS_LIMITS.links) throw new ModelError('invalid-input', 'errors.tooMany', collection, { max: PLANS_LIMITS.links });
  map.set(key, value);
}

/** Links a goal, or changes the expected effect of a goal already linked. */
export function linkPlanGoal(doc: Parameters<typeof planItemsOf>[0], args: z.input<typeof goalInput>): void {
  const input = parseInput(goalInput, args);
  transactLocal(doc, () => addTo(doc, input.itemId, 'goals', planLinkKey({ boardId: input.boardId, entityId: input.goalId }), { boardId: input.boardId, entityId: input.goalId, effect: input.effect?.trim() ?? '' }));
}

/** Links a feedback item the plan item addresses. */
export function linkPlanFeedback(doc: Parameters<typeof planItemsOf>[0], args: z.input<typeof feedbackInput>): void {
  const input = parseInput(feedbackInput, args);
  transactLocal(doc, () => addTo(doc, input.itemId, 'feedback', planLinkKey({ boardId: input.boardId, entityId: input.feedbackId }), { boardId: input.boardId, entityId: input.feedbackId }));
}

export function unlinkPlanGoal(doc: Parameters<typeof planItemsOf>[0], args: z.input<typeof unlinkInput>): void {
  const input = parseInput(unlinkInput, args);
  transactLocal(doc, () => childMap(entityOrThrow(planItemsOf(doc), input.itemId, 'itemId'), 'goals').delete(planLinkKey(input)));
}

export function unlinkPlanFeedback(doc: Parameters<typeof planItemsOf>[0], args: z.input<typeof unlinkInput>): void {
  const input = parseInput(unlinkInput, args);
  transactLocal(doc, () => childMap(entityOrThrow(planItemsOf(doc), input.itemId, 'itemId'), 'feedback').delete(planLinkKey(input)));
}

/** Adds a dated milestone and returns its id. */
export function addMilestone(doc: Parameters<typeof planItemsOf>[0], args: z.input<typeof milestoneInput>): string {
  const input = parseInput(milestoneInput, args);
  return transactLocal(doc, () => {
    const id = newId('ms');
    const milestones = childMap(entityOrThrow(planItemsOf(doc), input.itemId, 'itemId'), 'milestones');
    if (milestones.size >= PLANS_LIMITS.milestones) throw new ModelError('invalid-input', 'errors.tooMany', 'milestones', { max: PLANS_LIMITS.milestones });
    milestones.set(id, { id, title: input.title, date: input.date });
    return id;
  });
}

export function removeMilestone(doc: Parameters<typeof planItemsOf>[0], args: z.input<typeof removeMilestoneInput>): void {
  const input = parseInput(removeMilestoneInput, args);
  transactLocal(doc, () => childMap(entityOrThrow(planItemsOf(doc), input.itemId, 'itemId'), 'milestones').delete(input.milestoneId));
}
