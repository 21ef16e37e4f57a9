// The shape of a workshop board doc: its collections, limits, note colours, the input pieces
// every workshop mutation shares and the init that marks a new doc as a workshop board.
import type * as Y from 'yjs';
import { z } from 'zod';
import { entityId, finiteNumber, parseInput } from '../validate';

export const WORKSHOP_LIMITS = {
  /** A sticky note is short by nature; a pasted essay is refused, not truncated. */
  noteText: 500,
  clusterTitle: 120,
  notes: 5_000,
  /** Dot-voting budget per person. */
  maxBudget: 50,
  /** Timers and vote limits, in minutes. */
  maxMinutes: 240,
  /** Canvas coordinates: far beyond any real board, small enough to stay exact. */
  maxCoordinate: 1_000_000,
} as const;

export const NOTE_COLOURS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type NoteColour = (typeof NOTE_COLOURS)[number];

export const workshopNotesOf = (doc: Y.Doc) => doc.getMap<unknown>('notes');
export const workshopClustersOf = (doc: Y.Doc) => doc.getMap<unknown>('clusters');
export const workshopVotesOf = (doc: Y.Doc) => doc.getMap<unknown>('votes');
/** Facilitation: who facilitates, authors revealed, the voting session. Undoable. */
export const workshopSessionOf = (doc: Y.Doc) => doc.getMap<unknown>('session');
/** The shared timer: never undone (undo would rewind a clock everyone is watching). */
export const workshopTimerOf = (doc: Y.Doc) => doc.getMap<unknown>('timer');

export const noteColour = z.enum(NOTE_COLOURS, { error: 'errors.invalid' });
export const coordinate = finiteNumber.pipe(
  z.number().min(-WORKSHOP_LIMITS.maxCoordinate, { error: 'errors.invalid' }).max(WORKSHOP_LIMITS.maxCoordinate, { error: 'errors.invalid' }),
);
export const noteText = z.string({ error: 'errors.invalid' }).max(WORKSHOP_LIMITS.noteText, { error: `errors.tooLong|${WORKSHOP_LIMITS.noteText}` });
export const idList = z.array(entityId, { error: 'errors.invalid' }).min(1, { error: 'errors.required' }).max(WORKSHOP_LIMITS.notes, { error: `errors.tooMany|${WORKSHOP_LIMITS.notes}` });

/** Minutes typed by a person: a number (or numeric text) from 1 to the limit. "abc" is refused. */
export const minutesInput = z
  .union([z.number({ error: 'errors.minutes' }), z.string({ error: 'errors.minutes' }).trim().regex(/^\d+(\.\d+)?$/, { error: 'errors.minutes' }).transform(Number)], { error: 'errors.minutes' })
  .pipe(z.number().refine(Number.isFinite, { error: 'errors.minutes' }).min(0.25, { error: 'errors.minutes' }).max(WORKSHOP_LIMITS.maxMinutes, { error: 'errors.minutes' }));

/** A timer write's local facts (see timer.ts `TimerReading`). */
export const readingInput = z.object({
  now: finiteNumber,
  clock: z.string({ error: 'errors.invalid' }).min(1, { error: 'errors.invalid' }).max(32, { error: 'errors.invalid' }),
  remainingMs: finiteNumber.pipe(z.number().min(0, { error: 'errors.invalid' })),
});

/** Marks a new doc as a workshop board, facilitated by the person who made it. */
export function initWorkshopBoard(doc: Y.Doc, args: { facilitatorId: string }, schemaVersion: number): void {
  const { facilitatorId } = parseInput(z.object({ facilitatorId: entityId }), args);
  doc.transact(() => {
    const meta = doc.getMap('meta');
    if (!meta.has('kind')) meta.set('kind', 'workshops');
    if (!meta.has('schemaVersion')) meta.set('schemaVersion', schemaVersion);
    const session = workshopSessionOf(doc);
    if (!session.has('facilitatorId')) session.set('facilitatorId', facilitatorId);
  });
}
