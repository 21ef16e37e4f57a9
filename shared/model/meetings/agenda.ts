// Agenda items of a meeting, and the template agenda of a recurring series: each an entity in
// `agenda` naming its meeting (or series), with an owner, a time box in minutes and a
// fractional order key, so two people adding or reordering items at once never lose one.
// A series meeting's copy of its template's items is written so that two laptops making it
// apart make the same item (see `writeAgendaCopy`).
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, replaceText, str, textOf, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { newId } from '../ids';
import { compareOrder, keyAtEnd, planMove, type Ordered } from '../order';
import { entityId, LIMITS, parseInput, requiredText } from '../validate';
import { agendaOf, entityWith, linkInput, MEETINGS_LIMITS, meetingsOf, seriesOf, timeBox } from './schema';

const itemFields = { title: requiredText(LIMITS.title), ownerId: entityId.nullable().optional(), minutes: timeBox, link: linkInput.nullable().optional() };
const addInput = z.object({ meetingId: entityId.optional(), seriesId: entityId.optional(), ...itemFields });
const addManyInput = z.object({ meetingId: entityId, items: z.array(z.object(itemFields), { error: 'errors.invalid' }).max(MEETINGS_LIMITS.draftItems, { error: `errors.tooMany|${MEETINGS_LIMITS.draftItems}` }) });
const updateInput = z.object({ id: entityId, title: requiredText(LIMITS.title).optional(), ownerId: entityId.nullable().optional(), minutes: timeBox.optional() });
const moveInput = z.object({ id: entityId, toIndex: z.number({ error: 'errors.invalid' }).int({ error: 'errors.invalid' }).min(0, { error: 'errors.invalid' }) });

/** The meeting or series an agenda item belongs to: `m:<id>` or `s:<id>`. */
const parentOf = (item: Y.Map<unknown>) => (typeof item.get('meetingId') === 'string' ? `m:${str(item.get('meetingId'))}` : `s:${str(item.get('seriesId'))}`);

/** The agenda of one meeting or series template, in order. */
export function agendaOrder(doc: Y.Doc, parent: string): Ordered[] {
  const list: Ordered[] = [];
  for (const [id, item] of entities(agendaOf(doc))) if (parentOf(item) === parent) list.push({ id, order: str(item.get('order')) });
  return list.sort(compareOrder);
}

/** Writes an agenda item at the end of its parent's agenda; the caller has validated the fields. */
export function writeAgendaItem(doc: Y.Doc, parent: { meetingId: string } | { seriesId: string }, fields: { title: string; ownerId?: string | null; minutes: number; link?: unknown }, id = newId('a')): string {
  const key = 'meetingId' in parent ? `m:${parent.meetingId}` : `s:${parent.seriesId}`;
  const order = keyAtEnd(agendaOrder(doc, key).map((a) => a.order));
  agendaOf(doc).set(id, entityWith({ id, ...parent, title: fields.title, ownerId: fields.ownerId ?? null, minutes: fields.minutes, link: fields.link ?? null, order }));
  return id;
}

/** 32-bit FNV-1a of a string. */
function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * The Yjs client id that writes a copy: a 52-bit hash of the copy's id and content, at or above
 * 2^32 so it is never a real client's (those are random 32-bit numbers).
 */
export function copyClientId(content: string): number {
  return (1 + (fnv1a(content, 0x811c9dc5) & 0xfffff)) * 2 ** 32 + fnv1a(content, 0x5bd1e995);
}

/**
 * Writes the copy of a series template's agenda item into a meeting of the series, as
 * `<meetingId>.<sourceId>`, with the template item's order key, and returns its id. Two laptops
 * that start the same meeting apart must not make two items under one key (after merging, one
 * would replace the other with every edit made in it): the copy is written under a client id
 * derived from its id and content, so both laptops make the very same Yjs items and they merge
 * as one, keeping the edits made in it on either. Its title is a Y.Text, so two people editing
 * it at once keep both edits. A copy this doc already had (the meeting was deleted and is
 * started again) is written as an ordinary item. Call inside a local transaction.
 */
export function writeAgendaCopy(doc: Y.Doc, meetingId: string, source: { id: string; title: string; ownerId: string | null; minutes: number; order: string }): string {
  const id = `${meetingId}.${source.id}`;
  const client = copyClientId(JSON.stringify([id, source.title, source.ownerId, source.minutes, source.order]));
  if (Y.getState(doc.store, client) > 0 || agendaOf(doc).has(id)) return writeAgendaItem(doc, { meetingId }, source, id);
  // Yjs names the items a write makes by the doc's client id at the time of the write.
  const own = doc.clientID;
  doc.clientID = client;
  try {
    agendaOf(doc).set(id, entityWith({ id, meetingId, title: new Y.Text(source.title), ownerId: source.ownerId, minutes: source.minutes, link: null, order: source.order }));
  } finally {
    doc.clientID = own;
  }
  return id;
}

/** Adds an item to a meeting's agenda or to a series' template agenda, and returns its id. */
export function addAgendaItem(doc: Y.Doc, args: z.input<typeof addInput>): string {
  const input = parseInput(addInput, args);
  if ((input.meetingId === undefined) === (input.seriesId === undefined)) throw new ModelError('invalid-input', 'errors.invalid', 'meetingId');
  return transactLocal(doc, () => {
    if (input.meetingId !== undefined) {
      entityOrThrow(meetingsOf(doc), input.meetingId, 'meetingId');
      return writeAgendaItem(doc, { meetingId: input.meetingId }, input);
    }
    const seriesId = input.seriesId as string;
    entityOrThrow(seriesOf(doc), seriesId, 'seriesId');
    return writeAgendaItem(doc, { seriesId }, input);
  });
}

/** Adds several items at once (a drafted KPI review agenda), in one undoable step. */
export function addAgendaItems(doc: Y.Doc, args: z.input<typeof addManyInput>): string[] {
  const input = parseInput(addManyInput, args);
  return transactLocal(doc, () => {
    entityOrThrow(meetingsOf(doc), input.meetingId, 'meetingId');
    return input.items.map((item) => writeAgendaItem(doc, { meetingId: input.meetingId }, item));
  });
}

export function updateAgendaItem(doc: Y.Doc, args: z.input<typeof updateInput>): void {
  const input = parseInput(updateInput, args);
  transactLocal(doc, () => {
    const item = entityOrThrow(agendaOf(doc), input.id);
    const title = item.get('title');
    // A copy's title is a Y.Text (see writeAgendaCopy): only the changed part is written.
    if (input.title !== undefined && title instanceof Y.Text) replaceText(title, input.title);
    else if (input.title !== undefined && title !== input.title) item.set('title', input.title);
    if (input.ownerId !== undefined && item.get('ownerId') !== input.ownerId) item.set('ownerId', input.ownerId);
    if (input.minutes !== undefined && item.get('minutes') !== input.minutes) item.set('minutes', input.minutes);
  });
}

/** Moves an agenda item to `toIndex` within its agenda (0 = first). */
export function moveAgendaItem(doc: Y.Doc, args: z.input<typeof moveInput>): void {
  const input = parseInput(moveInput, args);
  transactLocal(doc, () => {
    const moved = entityOrThrow(agendaOf(doc), input.id);
    for (const [id, key] of planMove(agendaOrder(doc, parentOf(moved)), input.id, input.toIndex)) {
      const item = agendaOf(doc).get(id) as Y.Map<unknown> | undefined;
      item?.set('order', key);
    }
  });
}

export function removeAgendaItem(doc: Y.Doc, args: { id: string }): void {
  const { id } = parseInput(z.object({ id: entityId }), args);
  transactLocal(doc, () => {
    entityOrThrow(agendaOf(doc), id);
    agendaOf(doc).delete(id);
  });
}

/** Makes a meeting's agenda the template of its series (replacing the template's items). */
export function saveAgendaAsTemplate(doc: Y.Doc, args: { meetingId: string }): void {
  const { meetingId } = parseInput(z.object({ meetingId: entityId }), args);
  transactLocal(doc, () => {
    const meeting = entityOrThrow(meetingsOf(doc), meetingId, 'meetingId');
    const seriesId = meeting.get('seriesId');
    if (typeof seriesId !== 'string') throw new ModelError('invalid-input', 'errors.notInSeries', 'meetingId');
    entityOrThrow(seriesOf(doc), seriesId, 'seriesId');
    for (const { id } of agendaOrder(doc, `s:${seriesId}`)) agendaOf(doc).delete(id);
    for (const { id } of agendaOrder(doc, `m:${meetingId}`)) {
      const item = agendaOf(doc).get(id) as Y.Map<unknown>;
      writeAgendaItem(doc, { seriesId }, { title: textOf(item.get('title')), ownerId: (item.get('ownerId') as string | null) ?? null, minutes: Number(item.get('minutes')) || 5 });
    }
  });
}
