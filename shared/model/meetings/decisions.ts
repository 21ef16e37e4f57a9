// Decisions taken in a meeting: the text, who decided, and the goals or feedback items they
// concern. Links are a child Y.Map keyed `${boardId}:${entityId}`, used as a set, so two people
// linking different goals offline both keep theirs.
import * as Y from 'yjs';
import { z } from 'zod';
import { entityOrThrow, transactLocal } from '../doc';
import { changeMark } from '../field-writes';
import { newId } from '../ids';
import { entityId, parseInput, requiredText } from '../validate';
import { decisionsOf, entityWith, linkInput, linkKeyOf, MEETINGS_LIMITS, meetingsOf } from './schema';

const DECISION_MAX = 2_000;

const addInput = z.object({
  meetingId: entityId,
  text: requiredText(DECISION_MAX),
  by: entityId,
  links: z.array(linkInput, { error: 'errors.invalid' }).max(MEETINGS_LIMITS.links, { error: `errors.tooMany|${MEETINGS_LIMITS.links}` }).optional(),
});
const updateInput = z.object({ id: entityId, text: requiredText(DECISION_MAX).optional(), by: entityId.optional() });
const linkArgs = z.object({ decisionId: entityId, link: linkInput });

/** Records a decision and returns its id. */
export function addDecision(doc: Y.Doc, args: z.input<typeof addInput>, now = Date.now()): string {
  const input = parseInput(addInput, args);
  return transactLocal(doc, () => {
    entityOrThrow(meetingsOf(doc), input.meetingId, 'meetingId');
    const id = newId('d');
    const links = new Y.Map<unknown>();
    for (const link of input.links ?? []) links.set(linkKeyOf(link), link);
    decisionsOf(doc).set(id, entityWith({ id, meetingId: input.meetingId, text: input.text, by: input.by, links, createdAt: now, ...changeMark(doc) }));
    return id;
  });
}

export function updateDecision(doc: Y.Doc, args: z.input<typeof updateInput>): void {
  const input = parseInput(updateInput, args);
  transactLocal(doc, () => {
    const decision = entityOrThrow(decisionsOf(doc), input.id);
    if (input.text !== undefined && decision.get('text') !== input.text) decision.set('text', input.text);
    if (input.by !== undefined && decision.get('by') !== input.by) decision.set('by', input.by);
  });
}

function linksOf(decision: Y.Map<unknown>): Y.Map<unknown> {
  const links = decision.get('links');
  if (links instanceof Y.Map) return links as Y.Map<unknown>;
  const fresh = new Y.Map<unknown>();
  decision.set('links', fresh);
  return fresh;
}

/** Links a decision to a goal or feedback item (a no-op when already linked). */
export function linkDecision(doc: Y.Doc, args: z.input<typeof linkArgs>): void {
  const input = parseInput(linkArgs, args);
  transactLocal(doc, () => {
    const links = linksOf(entityOrThrow(decisionsOf(doc), input.decisionId, 'decisionId'));
    if (links.size < MEETINGS_LIMITS.links) links.set(linkKeyOf(input.link), input.link);
  });
}

export function unlinkDecision(doc: Y.Doc, args: z.input<typeof linkArgs>): void {
  const input = parseInput(linkArgs, args);
  transactLocal(doc, () => linksOf(entityOrThrow(decisionsOf(doc), input.decisionId, 'decisionId')).delete(linkKeyOf(input.link)));
}

export function removeDecision(doc: Y.Doc, args: { id: string }): void {
  const { id } = parseInput(z.object({ id: entityId }), args);
  transactLocal(doc, () => {
    entityOrThrow(decisionsOf(doc), id);
    decisionsOf(doc).delete(id);
  });
}
