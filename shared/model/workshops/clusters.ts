// Clusters of sticky notes: a titled group. Notes point at their cluster (never the other way),
// so a cluster deleted while a teammate adds a note to it loses no note: the reader shows a
// note whose cluster is gone as unclustered. A cluster promoted to a feedback item remembers it.
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, transactLocal } from '../doc';
import { changeMark } from '../field-writes';
import { newId } from '../ids';
import { entityId, parseInput, requiredText } from '../validate';
import { idList, WORKSHOP_LIMITS, workshopClustersOf, workshopNotesOf } from './schema';

const title = requiredText(WORKSHOP_LIMITS.clusterTitle);
/** `createdBy` names who grouped the notes, for "while you were away". */
const createInput = z.object({ title, noteIds: idList, createdBy: entityId.optional() });
const renameInput = z.object({ id: entityId, title });
const idInput = z.object({ id: entityId });
const promoteInput = z.object({ id: entityId, boardId: entityId, itemId: entityId });

/** Groups notes into a new cluster (taking them out of any other) and returns its id. */
export function createCluster(doc: Y.Doc, args: z.input<typeof createInput>, now = Date.now()): string {
  const input = parseInput(createInput, args);
  return transactLocal(doc, () => {
    const notes = input.noteIds.map((id) => entityOrThrow(workshopNotesOf(doc), id, 'noteIds'));
    const id = newId('c');
    const cluster = new Y.Map<unknown>();
    cluster.set('id', id);
    cluster.set('title', input.title);
    cluster.set('createdAt', now);
    cluster.set('promotedTo', null);
    if (input.createdBy) cluster.set('createdBy', input.createdBy);
    for (const [key, value] of Object.entries(changeMark(doc))) cluster.set(key, value);
    workshopClustersOf(doc).set(id, cluster);
    for (const note of notes) note.set('clusterId', id);
    return id;
  });
}

export function renameCluster(doc: Y.Doc, args: z.input<typeof renameInput>): void {
  const input = parseInput(renameInput, args);
  transactLocal(doc, () => {
    const cluster = entityOrThrow(workshopClustersOf(doc), input.id);
    if (cluster.get('title') !== input.title) cluster.set('title', input.title);
  });
}

/** Removes a cluster; its notes stay on the board, unclustered. */
export function deleteCluster(doc: Y.Doc, args: z.input<typeof idInput>): void {
  const { id } = parseInput(idInput, args);
  transactLocal(doc, () => {
    entityOrThrow(workshopClustersOf(doc), id);
    for (const [, note] of entities(workshopNotesOf(doc))) if (note.get('clusterId') === id) note.set('clusterId', null);
    workshopClustersOf(doc).delete(id);
  });
}

/** Records that a cluster became a feedback item (by ids: the workshop never reads the feedback board). */
export function markClusterPromoted(doc: Y.Doc, args: z.input<typeof promoteInput>): void {
  const input = parseInput(promoteInput, args);
  transactLocal(doc, () => entityOrThrow(workshopClustersOf(doc), input.id).set('promotedTo', { boardId: input.boardId, itemId: input.itemId }));
}

export function unmarkClusterPromoted(doc: Y.Doc, args: z.input<typeof idInput>): void {
  const { id } = parseInput(idInput, args);
  transactLocal(doc, () => entityOrThrow(workshopClustersOf(doc), id).set('promotedTo', null));
}
