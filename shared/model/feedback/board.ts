// A feedback board doc: started from a template (user, internal or blank), with its status
// columns and its channels editable per board. The board's name and archived flag live in the
// workspace doc's board index (see boards.ts), not here.
import { generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, SCHEMA_VERSION, str, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { columnCards, readLayout, readStatusOrder } from './columns';
import { DEFAULT_STATUSES, feedbackChannelsOf, feedbackItemsOf, feedbackStatusesOf, setAll, TEMPLATE_CHANNELS } from './schema';
import { newId } from '../ids';
import { compareOrder, keyAtEnd, planMove, type Ordered } from '../order';
import { entityId, LIMITS, parseInput, requiredText } from '../validate';

const initInput = z.object({ source: z.enum(['user', 'internal', 'blank'], { error: 'errors.invalid' }) });
const nameInput = requiredText(LIMITS.name);
const toIndex = z.number({ error: 'errors.invalid' }).int({ error: 'errors.invalid' }).min(0, { error: 'errors.invalid' });
const addStatusInput = z.object({ name: nameInput, kind: z.enum(['open', 'done', 'declined'], { error: 'errors.invalid' }).optional() });
const renameInput = z.object({ id: entityId, name: nameInput });
const moveInput = z.object({ id: entityId, toIndex });
const idInput = z.object({ id: entityId });

/**
 * Makes a new doc a feedback board: meta, the default status columns and the template's
 * channels. Entity ids are the template keys, so a second initialisation (say, on another
 * laptop before the first synced) writes the same entities instead of duplicates. Like
 * `initGoalsBoard`, it is not a local edit: undo never un-creates a board.
 */
export function initFeedbackBoard(doc: Y.Doc, args: z.input<typeof initInput>): void {
  const { source } = parseInput(initInput, args);
  const kind = doc.getMap('meta').get('kind');
  if (kind !== undefined && kind !== 'feedback') throw new ModelError('invalid-input', 'errors.invalid', 'kind');
  if (kind === 'feedback') return;
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('kind', 'feedback');
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('source', source);
    const statusKeys = generateNKeysBetween(null, null, DEFAULT_STATUSES.length);
    DEFAULT_STATUSES.forEach((s, i) => {
      const status = new Y.Map<unknown>();
      setAll(status, { id: s.key, key: s.key, name: s.name, kind: s.kind, order: statusKeys[i] });
      feedbackStatusesOf(doc).set(s.key, status);
    });
    const channels = TEMPLATE_CHANNELS[source];
    const channelKeys = generateNKeysBetween(null, null, channels.length);
    channels.forEach((c, i) => {
      const channel = new Y.Map<unknown>();
      setAll(channel, { id: c.key, key: c.key, name: c.name, order: channelKeys[i] });
      feedbackChannelsOf(doc).set(c.key, channel);
    });
  });
}

/** Adds a status column at the end of the board and returns its id. */
export function addStatus(doc: Y.Doc, args: z.input<typeof addStatusInput>): string {
  const input = parseInput(addStatusInput, args);
  return transactLocal(doc, () => {
    const id = newId('st');
    const status = new Y.Map<unknown>();
    setAll(status, { id, key: null, name: input.name, kind: input.kind ?? 'open', order: keyAtEnd(readStatusOrder(doc).map((s) => s.order)) });
    feedbackStatusesOf(doc).set(id, status);
    return id;
  });
}

/** Renames a status; a default status's translated label gives way to the typed name. */
export function renameStatus(doc: Y.Doc, args: z.input<typeof renameInput>): void {
  const input = parseInput(renameInput, args);
  transactLocal(doc, () => renameEntity(entityOrThrow(feedbackStatusesOf(doc), input.id), input.name));
}

export function moveStatus(doc: Y.Doc, args: z.input<typeof moveInput>): void {
  const input = parseInput(moveInput, args);
  transactLocal(doc, () => {
    entityOrThrow(feedbackStatusesOf(doc), input.id);
    applyMove(feedbackStatusesOf(doc), readStatusOrder(doc), input.id, input.toIndex);
  });
}

/**
 * Removes a status column that shows no card. The board always keeps one Merged status (merging
 * needs it) and one other status (new cards need it).
 */
export function removeStatus(doc: Y.Doc, args: z.input<typeof idInput>): void {
  const { id } = parseInput(idInput, args);
  transactLocal(doc, () => {
    entityOrThrow(feedbackStatusesOf(doc), id);
    const layout = readLayout(doc);
    const kind = layout.index.kinds.get(id);
    const sameSide = layout.statuses.filter((s) => (s.kind === 'merged') === (kind === 'merged'));
    if (sameSide.length <= 1) throw new ModelError('invalid-input', 'errors.statusRequired', 'id');
    const count = columnCards(layout, id).length;
    if (count > 0) throw new ModelError('invalid-input', 'errors.statusInUse', 'id', { count });
    feedbackStatusesOf(doc).delete(id);
  });
}

/** Adds a custom channel at the end of the list and returns its id. */
export function addChannel(doc: Y.Doc, args: { name: string }): string {
  const { name } = parseInput(z.object({ name: nameInput }), args);
  return transactLocal(doc, () => {
    const id = newId('ch');
    const channel = new Y.Map<unknown>();
    setAll(channel, { id, key: null, name, order: keyAtEnd(readChannelOrder(doc).map((c) => c.order)) });
    feedbackChannelsOf(doc).set(id, channel);
    return id;
  });
}

export function renameChannel(doc: Y.Doc, args: z.input<typeof renameInput>): void {
  const input = parseInput(renameInput, args);
  transactLocal(doc, () => renameEntity(entityOrThrow(feedbackChannelsOf(doc), input.id), input.name));
}

export function moveChannel(doc: Y.Doc, args: z.input<typeof moveInput>): void {
  const input = parseInput(moveInput, args);
  transactLocal(doc, () => {
    entityOrThrow(feedbackChannelsOf(doc), input.id);
    applyMove(feedbackChannelsOf(doc), readChannelOrder(doc), input.id, input.toIndex);
  });
}

/** Removes a channel no feedback item names. */
export function removeChannel(doc: Y.Doc, args: z.input<typeof idInput>): void {
  const { id } = parseInput(idInput, args);
  transactLocal(doc, () => {
    entityOrThrow(feedbackChannelsOf(doc), id);
    let count = 0;
    for (const [, item] of entities(feedbackItemsOf(doc))) if (item.get('channelId') === id) count++;
    if (count > 0) throw new ModelError('invalid-input', 'errors.channelInUse', 'id', { count });
    feedbackChannelsOf(doc).delete(id);
  });
}

export function readChannelOrder(doc: Y.Doc): Ordered[] {
  const list: Ordered[] = [];
  for (const [id, c] of entities(feedbackChannelsOf(doc))) list.push({ id, order: str(c.get('order')) });
  return list.sort(compareOrder);
}

function renameEntity(entity: Y.Map<unknown>, name: string): void {
  if (entity.get('name') !== name) entity.set('name', name);
  if (entity.get('key') !== null) entity.set('key', null);
}

function applyMove(collection: Y.Map<unknown>, siblings: readonly Ordered[], id: string, to: number): void {
  for (const [movedId, key] of planMove(siblings, id, to)) {
    const entity = collection.get(movedId);
    if (entity instanceof Y.Map) entity.set('order', key);
  }
}
