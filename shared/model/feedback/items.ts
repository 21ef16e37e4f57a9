// Feedback items: creating, editing and moving cards between status columns, and linking them
// to goals on any goals board. An item is a Y.Map in `items`; its tags, goal links and votes
// are child Y.Maps used as sets, so concurrent additions from two laptops all survive.
import * as Y from 'yjs';
import { z } from 'zod';
import { replaceText, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { setTracked } from '../field-writes';
import { columnCards, columnOfItem, liveItemOrThrow, mergeGroup, mergeView, readLayout, type BoardLayout, type MergeView } from './columns';
import {
  childMap,
  inItemSet,
  FEEDBACK_LIMITS,
  feedbackChannelsOf,
  feedbackItemsOf,
  importanceInput,
  linkKey,
  linkPartId,
  memberId,
  recordActivity,
  scaleInput,
  setAll,
  tagsInput,
} from './schema';
import { newId } from '../ids';
import { keyAtEnd, planMove } from '../order';
import { entityId, LIMITS, optionalText, parseInput, requiredText } from '../validate';

const customerInput = z
  .string({ error: 'errors.invalid' })
  .max(FEEDBACK_LIMITS.customer * 4, { error: `errors.tooLong|${FEEDBACK_LIMITS.customer}` })
  .transform((s) => s.trim())
  .pipe(z.string().max(FEEDBACK_LIMITS.customer, { error: `errors.tooLong|${FEEDBACK_LIMITS.customer}` }));

const editableFields = {
  description: optionalText(LIMITS.text).optional(),
  channelId: entityId.nullable().optional(),
  customer: customerInput.optional(),
  tags: tagsInput.optional(),
  ownerId: memberId.nullable().optional(),
  importance: importanceInput.optional(),
  impact: scaleInput.optional(),
  effort: scaleInput.optional(),
};

/** The fields of a new item, shared with the bulk import. `statusId` defaults to the first open column. */
export const feedbackItemFields = z.object({ title: requiredText(LIMITS.title), ...editableFields, statusId: entityId.optional() });

const createInput = feedbackItemFields.extend({ createdBy: memberId });
const updateInput = z.object({ id: entityId, title: requiredText(LIMITS.title).optional(), ...editableFields, actorId: memberId.optional() });
const moveInput = z.object({ id: entityId, statusId: entityId, toIndex: z.number({ error: 'errors.invalid' }).int({ error: 'errors.invalid' }).min(0, { error: 'errors.invalid' }), actorId: memberId });
const linkInput = z.object({ itemId: entityId, boardId: linkPartId, goalId: linkPartId, actorId: memberId });

export type CreateFeedbackItemInput = z.input<typeof createInput>;
export type UpdateFeedbackItemInput = z.input<typeof updateInput>;
export type FeedbackItemFields = z.output<typeof feedbackItemFields>;

/** Refuses a channel the board does not have. */
export function checkFeedbackChannel(doc: Y.Doc, channelId: string | null | undefined): void {
  if (channelId === null || channelId === undefined) return;
  if (!(feedbackChannelsOf(doc).get(channelId) instanceof Y.Map)) throw new ModelError('not-found', 'errors.notFound', 'channelId', { id: channelId });
}

/** The column a card may be put in: an existing status that is not a Merged one (merging has its own mutation). */
export function checkFeedbackStatus(layout: BoardLayout, statusId: string | undefined): string {
  const id = statusId ?? layout.index.firstOpen;
  const kind = layout.index.kinds.get(id);
  if (kind === undefined) throw new ModelError('not-found', 'errors.notFound', 'statusId', { id });
  if (kind === 'merged') throw new ModelError('invalid-input', 'errors.mergedStatus', 'statusId');
  return id;
}

/** Writes a new item entity; the caller has validated `fields` and chosen the order key. */
export function writeFeedbackItem(doc: Y.Doc, fields: FeedbackItemFields & { statusId: string; order: string; createdBy: string; createdAt: number }): string {
  const id = newId('f');
  const item = new Y.Map<unknown>();
  const tags = new Y.Map<unknown>();
  for (const tag of fields.tags ?? []) tags.set(tag, true);
  setAll(item, {
    id,
    title: fields.title,
    description: new Y.Text(fields.description ?? ''),
    channelId: fields.channelId ?? null,
    customer: fields.customer ?? '',
    tags,
    ownerId: fields.ownerId ?? null,
    importance: fields.importance ?? 1,
    impact: fields.impact ?? 3,
    effort: fields.effort ?? 3,
    statusId: fields.statusId,
    order: fields.order,
    links: new Y.Map<unknown>(),
    votes: new Y.Map<unknown>(),
    createdBy: fields.createdBy,
    createdAt: fields.createdAt,
    mergedInto: null,
    statusBeforeMerge: null,
  });
  feedbackItemsOf(doc).set(id, item);
  return id;
}

/** Creates an item at the bottom of its column (the first open column unless given) and returns its id. */
export function createFeedbackItem(doc: Y.Doc, args: CreateFeedbackItemInput, now = Date.now()): string {
  const input = parseInput(createInput, args);
  return transactLocal(doc, () => {
    checkFeedbackChannel(doc, input.channelId);
    const layout = readLayout(doc);
    const statusId = checkFeedbackStatus(layout, input.statusId);
    const order = keyAtEnd(columnCards(layout, statusId).map((c) => c.order));
    const id = writeFeedbackItem(doc, { ...input, statusId, order, createdAt: now });
    recordActivity(doc, { itemId: id, kind: 'created', to: statusId, actorId: input.createdBy, at: now });
    return id;
  });
}

/**
 * Changes only the fields given, so a teammate's concurrent change to another field survives.
 * `tags` is the whole new set: only the tags added or removed here are written.
 */
export function updateFeedbackItem(doc: Y.Doc, args: UpdateFeedbackItemInput, now = Date.now()): void {
  const input = parseInput(updateInput, args);
  transactLocal(doc, () => {
    const merges = mergeView(doc);
    const item = liveItemOrThrow(merges, input.id);
    checkFeedbackChannel(doc, input.channelId);
    if (input.title !== undefined) setTracked(doc, item, 'title', input.title, input.actorId, now);
    const scalars: Record<string, string | number | null | undefined> = {
      channelId: input.channelId, customer: input.customer, ownerId: input.ownerId, importance: input.importance, impact: input.impact, effort: input.effort,
    };
    for (const [key, value] of Object.entries(scalars)) if (value !== undefined && item.get(key) !== value) item.set(key, value);
    if (input.description !== undefined) setDescription(item, input.description);
    if (input.tags !== undefined) setTags(merges, input.id, item, input.tags);
  });
}

function setDescription(item: Y.Map<unknown>, description: string): void {
  const text = item.get('description');
  // replaceText keeps a teammate's concurrent typing elsewhere in the text.
  if (text instanceof Y.Text) replaceText(text, description);
  else item.set('description', new Y.Text(description));
}

/** Tags of an item are the union over its merge group; removing one removes it everywhere in the group. */
function setTags(merges: MergeView, id: string, item: Y.Map<unknown>, next: readonly string[]): void {
  const wanted = new Set(next);
  const group = mergeGroup(merges, id);
  const present = new Set<string>();
  for (const member of group) {
    const tags = member.get('tags');
    if (!(tags instanceof Y.Map)) continue;
    for (const tag of [...tags.keys()]) {
      if (wanted.has(tag)) present.add(tag);
      else tags.delete(tag);
    }
  }
  for (const tag of wanted) if (!present.has(tag)) childMap(item, 'tags').set(tag, true);
}

/**
 * Moves a card to `toIndex` of the column `statusId` (0 = top), in one transaction that writes
 * both its status and its order key. Two people moving the same card concurrently each write
 * both fields, and Yjs resolves both entries of the same map the same way, so the card ends in
 * one column, once, on every laptop.
 */
export function moveFeedbackItem(doc: Y.Doc, args: z.input<typeof moveInput>, now = Date.now()): void {
  const input = parseInput(moveInput, args);
  transactLocal(doc, () => {
    const layout = readLayout(doc);
    const item = liveItemOrThrow(layout.merges, input.id);
    const statusId = checkFeedbackStatus(layout, input.statusId);
    const from = columnOfItem(layout, input.id);
    const keys = planMove(columnCards(layout, statusId), input.id, input.toIndex);
    // A move within its column leaves the status alone, so it never undoes a teammate's move elsewhere.
    setTracked(doc, item, 'statusId', statusId, input.actorId, now);
    for (const [id, key] of keys) {
      const card = layout.merges.items.get(id);
      if (card instanceof Y.Map) card.set('order', key);
    }
    if (from !== statusId) recordActivity(doc, { itemId: input.id, kind: 'status', from, to: statusId, actorId: input.actorId, at: now });
  });
}

/** Links an item to a goal on any goals board (many to many). Linking twice changes nothing. */
export function linkGoal(doc: Y.Doc, args: z.input<typeof linkInput>, now = Date.now()): void {
  const input = parseInput(linkInput, args);
  transactLocal(doc, () => {
    const merges = mergeView(doc);
    const item = liveItemOrThrow(merges, input.itemId, 'itemId');
    const key = linkKey(input.boardId, input.goalId);
    if (mergeGroup(merges, input.itemId).some((member) => inItemSet(member, 'links', key))) return;
    childMap(item, 'links').set(key, { boardId: input.boardId, goalId: input.goalId });
    recordActivity(doc, { itemId: input.itemId, kind: 'linked', to: key, actorId: input.actorId, at: now });
  });
}

/** Removes a goal link from the item and from every item merged into it. */
export function unlinkGoal(doc: Y.Doc, args: z.input<typeof linkInput>, now = Date.now()): void {
  const input = parseInput(linkInput, args);
  transactLocal(doc, () => {
    const merges = mergeView(doc);
    liveItemOrThrow(merges, input.itemId, 'itemId');
    const key = linkKey(input.boardId, input.goalId);
    const holders = mergeGroup(merges, input.itemId).filter((member) => inItemSet(member, 'links', key));
    if (holders.length === 0) throw new ModelError('not-found', 'errors.notFound', 'goalId', { id: input.goalId });
    for (const holder of holders) childMap(holder, 'links').delete(key);
    recordActivity(doc, { itemId: input.itemId, kind: 'unlinked', from: key, actorId: input.actorId, at: now });
  });
}
