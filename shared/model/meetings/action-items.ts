// Action items. The first record of an item (its origin) holds its title, owner, due date, link
// and done state; when a series rolls an open item over, the next meeting gets a copy that only
// points at the origin (`originId`) and the occurrence it came from (`rolledFrom`). A copy reads
// everything, `done` included, through its origin, so an item completed on one laptop while the
// series rolls over on another is done in every meeting, and the copy is hidden (see
// `isOccurrenceShown`): merging in either order gives the same result.
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, str, transactLocal } from '../doc';
import { changeMark } from '../field-writes';
import { newId } from '../ids';
import { compareOrder, keyAtEnd, type Ordered } from '../order';
import { entityId, isoDate, LIMITS, parseInput, requiredText } from '../validate';
import { actionItemsOf, entityWith, linkInput, meetingsOf } from './schema';

const addInput = z.object({
  meetingId: entityId,
  title: requiredText(LIMITS.title),
  ownerId: entityId.nullable().optional(),
  due: isoDate.nullable().optional(),
  link: linkInput.nullable().optional(),
  createdBy: entityId,
});
const updateInput = z.object({
  id: entityId, title: requiredText(LIMITS.title).optional(), ownerId: entityId.nullable().optional(), due: isoDate.nullable().optional(), link: linkInput.nullable().optional(),
  /** Who edits: named as the one who gave the item its owner, for "while you were away". */
  actorId: entityId.optional(),
});

/** Who gave an item its owner, with the change mark of that write (see away.ts). */
const assignment = (doc: Y.Doc, by: string | null) => ({ assignedBy: by, assignedMark: changeMark(doc) });
const doneInput = z.object({ id: entityId, done: z.boolean({ error: 'errors.invalid' }) });

/** A meeting's place in time, comparable as a string: date, time, then id. */
export function meetingKey(doc: Y.Doc, meetingId: string): string | null {
  const meeting = meetingsOf(doc).get(meetingId);
  return meeting instanceof Y.Map ? `${str(meeting.get('date'))}T${str(meeting.get('time'))}|${meetingId}` : null;
}

/**
 * Whether an occurrence of an action item shows in its meeting. An open item shows everywhere
 * it was rolled; a done one shows up to the meeting it was completed in, so a copy rolled into
 * a later meeting, perhaps concurrently on another laptop, is hidden there.
 */
export function isOccurrenceShown(item: { done: boolean; doneInKey: string | null; isOrigin: boolean }, occurrenceKey: string): boolean {
  if (!item.done) return true;
  if (item.doneInKey === null) return item.isOrigin;
  return occurrenceKey <= item.doneInKey;
}

/** The origin record of an action item occurrence (itself, when it is the origin). */
export function originOf(doc: Y.Doc, occurrence: Y.Map<unknown>): Y.Map<unknown> {
  const originId = occurrence.get('originId');
  return typeof originId === 'string' ? entityOrThrow(actionItemsOf(doc), originId) : occurrence;
}

/** Every occurrence (origin and copies) of each origin id. */
export function occurrencesByOrigin(doc: Y.Doc): Map<string, { id: string; meetingId: string }[]> {
  const byOrigin = new Map<string, { id: string; meetingId: string }[]>();
  for (const [id, item] of entities(actionItemsOf(doc))) {
    const originId = typeof item.get('originId') === 'string' ? str(item.get('originId')) : id;
    const list = byOrigin.get(originId) ?? [];
    list.push({ id, meetingId: str(item.get('meetingId')) });
    byOrigin.set(originId, list);
  }
  return byOrigin;
}

function meetingOrder(doc: Y.Doc, meetingId: string): Ordered[] {
  const list: Ordered[] = [];
  for (const [id, item] of entities(actionItemsOf(doc))) if (item.get('meetingId') === meetingId) list.push({ id, order: str(item.get('order')) });
  return list.sort(compareOrder);
}

/**
 * Writes a copy of an open item into `meetingId`, rolled over from occurrence `fromId`. Its id is
 * derived from the meeting and the item, so two laptops rolling the same item into the same
 * series occurrence write one copy.
 */
export function writeRolledCopy(doc: Y.Doc, originId: string, fromId: string, meetingId: string, now: number): string {
  const id = `${meetingId}.${originId}`;
  const order = keyAtEnd(meetingOrder(doc, meetingId).map((o) => o.order));
  actionItemsOf(doc).set(id, entityWith({ id, meetingId, originId, rolledFrom: fromId, order, createdAt: now }));
  return id;
}

/** Adds an action item to a meeting and returns its id. */
export function addActionItem(doc: Y.Doc, args: z.input<typeof addInput>, now = Date.now()): string {
  const input = parseInput(addInput, args);
  return transactLocal(doc, () => {
    entityOrThrow(meetingsOf(doc), input.meetingId, 'meetingId');
    const id = newId('t');
    const order = keyAtEnd(meetingOrder(doc, input.meetingId).map((o) => o.order));
    actionItemsOf(doc).set(id, entityWith({
      id, meetingId: input.meetingId, title: input.title, ownerId: input.ownerId ?? null, due: input.due ?? null, link: input.link ?? null,
      done: false, doneIn: null, order, createdAt: now, createdBy: input.createdBy, originId: null, rolledFrom: null,
      ...(input.ownerId ? assignment(doc, input.createdBy) : {}),
    }));
    return id;
  });
}

/** Edits an item (through its origin, so every meeting it was rolled into shows the change). */
export function updateActionItem(doc: Y.Doc, args: z.input<typeof updateInput>): void {
  const input = parseInput(updateInput, args);
  transactLocal(doc, () => {
    const origin = originOf(doc, entityOrThrow(actionItemsOf(doc), input.id));
    for (const key of ['title', 'ownerId', 'due', 'link'] as const) {
      const value = input[key];
      if (value === undefined || JSON.stringify(origin.get(key)) === JSON.stringify(value)) continue;
      origin.set(key, value);
      if (key === 'ownerId' && value) for (const [field, v] of Object.entries(assignment(doc, input.actorId ?? null))) origin.set(field, v);
    }
  });
}

/** Ticks an item done (or open again), recording the meeting it was completed in. */
export function setActionItemDone(doc: Y.Doc, args: z.input<typeof doneInput>): void {
  const input = parseInput(doneInput, args);
  transactLocal(doc, () => {
    const occurrence = entityOrThrow(actionItemsOf(doc), input.id);
    const origin = originOf(doc, occurrence);
    if (origin.get('done') !== input.done) origin.set('done', input.done);
    const doneIn = input.done ? str(occurrence.get('meetingId')) : null;
    if (origin.get('doneIn') !== doneIn) origin.set('doneIn', doneIn);
  });
}

/**
 * Removes an item from a meeting and from the meetings it was later rolled into; removing it
 * from the meeting it was first recorded in removes it everywhere.
 */
export function removeActionItem(doc: Y.Doc, args: { id: string }): void {
  const { id } = parseInput(z.object({ id: entityId }), args);
  transactLocal(doc, () => {
    const occurrence = entityOrThrow(actionItemsOf(doc), id);
    const originId = typeof occurrence.get('originId') === 'string' ? str(occurrence.get('originId')) : id;
    const from = meetingKey(doc, str(occurrence.get('meetingId'))) ?? '';
    for (const other of occurrencesByOrigin(doc).get(originId) ?? []) {
      if (originId === id || (other.id !== originId && (meetingKey(doc, other.meetingId) ?? '') >= from)) actionItemsOf(doc).delete(other.id);
    }
  });
}
