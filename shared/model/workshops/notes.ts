// Sticky notes on a workshop board. A note is a Y.Map in `notes` keyed by id; its text is a
// Y.Text, so two people typing in the same note both keep their words. The author is stored
// (the UI hides it until the facilitator reveals authors); the cluster is an id or null.
import * as Y from 'yjs';
import { z } from 'zod';
import { entityOrThrow, replaceText, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { changeMark } from '../field-writes';
import { newId } from '../ids';
import { entityId, parseInput } from '../validate';
import { coordinate, idList, noteColour, noteText, WORKSHOP_LIMITS, workshopClustersOf, workshopNotesOf } from './schema';

const createInput = z.object({ text: noteText, colour: noteColour, x: coordinate, y: coordinate, authorId: entityId, clusterId: entityId.nullable().optional() });
const textInput = z.object({ id: entityId, text: noteText });
const colourInput = z.object({ ids: idList, colour: noteColour });
const moveInput = z.object({ moves: z.array(z.object({ id: entityId, x: coordinate, y: coordinate }), { error: 'errors.invalid' }).min(1, { error: 'errors.required' }).max(WORKSHOP_LIMITS.notes, { error: `errors.tooMany|${WORKSHOP_LIMITS.notes}` }) });
const clusterInput = z.object({ ids: idList, clusterId: entityId.nullable() });
const idsInput = z.object({ ids: idList });

export type CreateNoteInput = z.input<typeof createInput>;

/** A cluster id that exists, or null; a missing one is refused. */
export function checkCluster(doc: Y.Doc, clusterId: string | null | undefined): string | null {
  if (clusterId === null || clusterId === undefined) return null;
  entityOrThrow(workshopClustersOf(doc), clusterId, 'clusterId');
  return clusterId;
}

/** Adds a note and returns its id. */
export function createNote(doc: Y.Doc, args: CreateNoteInput, now = Date.now()): string {
  const input = parseInput(createInput, args);
  return transactLocal(doc, () => {
    if (workshopNotesOf(doc).size >= WORKSHOP_LIMITS.notes) throw new ModelError('invalid-input', 'errors.tooMany', 'text', { max: WORKSHOP_LIMITS.notes });
    const clusterId = checkCluster(doc, input.clusterId);
    const id = newId('n');
    const note = new Y.Map<unknown>();
    note.set('id', id);
    note.set('text', new Y.Text(input.text));
    note.set('colour', input.colour);
    note.set('x', input.x);
    note.set('y', input.y);
    note.set('authorId', input.authorId);
    note.set('clusterId', clusterId);
    note.set('createdAt', now);
    for (const [key, value] of Object.entries(changeMark(doc))) note.set(key, value);
    workshopNotesOf(doc).set(id, note);
    return id;
  });
}

/** Replaces a note's text by editing only the changed middle, so a concurrent edit elsewhere survives. */
export function editNoteText(doc: Y.Doc, args: z.input<typeof textInput>): void {
  const input = parseInput(textInput, args);
  transactLocal(doc, () => {
    const note = entityOrThrow(workshopNotesOf(doc), input.id);
    const text = note.get('text');
    if (text instanceof Y.Text) replaceText(text, input.text);
    else note.set('text', new Y.Text(input.text));
  });
}

function notesOrThrow(doc: Y.Doc, ids: readonly string[]): Y.Map<unknown>[] {
  return ids.map((id) => entityOrThrow(workshopNotesOf(doc), id));
}

export function setNoteColour(doc: Y.Doc, args: z.input<typeof colourInput>): void {
  const input = parseInput(colourInput, args);
  transactLocal(doc, () => {
    for (const note of notesOrThrow(doc, input.ids)) if (note.get('colour') !== input.colour) note.set('colour', input.colour);
  });
}

/** Moves notes on the canvas (a drag of a multi-selection is one step). */
export function moveNotes(doc: Y.Doc, args: z.input<typeof moveInput>): void {
  const input = parseInput(moveInput, args);
  transactLocal(doc, () => {
    const notes = notesOrThrow(doc, input.moves.map((m) => m.id));
    input.moves.forEach((move, i) => {
      const note = notes[i] as Y.Map<unknown>;
      if (note.get('x') !== move.x) note.set('x', move.x);
      if (note.get('y') !== move.y) note.set('y', move.y);
    });
  });
}

/** Puts notes in a cluster, or takes them out of any (null). */
export function setNotesCluster(doc: Y.Doc, args: z.input<typeof clusterInput>): void {
  const input = parseInput(clusterInput, args);
  transactLocal(doc, () => {
    const clusterId = checkCluster(doc, input.clusterId);
    for (const note of notesOrThrow(doc, input.ids)) if (note.get('clusterId') !== clusterId) note.set('clusterId', clusterId);
  });
}

export function deleteNotes(doc: Y.Doc, args: z.input<typeof idsInput>): void {
  const input = parseInput(idsInput, args);
  transactLocal(doc, () => {
    notesOrThrow(doc, input.ids);
    for (const id of input.ids) workshopNotesOf(doc).delete(id);
  });
}
