// What the facilitator runs: who facilitates, revealing authors, and the shared timer (start,
// pause, resume, add time, clear). Timer writes record the writer's clock reading and clock id
// (see timer.ts), never a time meant to be compared with another laptop's clock.
import type * as Y from 'yjs';
import { z } from 'zod';
import { transactLocal } from '../doc';
import { ModelError } from '../errors';
import { newId } from '../ids';
import { entityId, parseInput } from '../validate';
import { minutesInput, readingInput, WORKSHOP_LIMITS, workshopSessionOf, workshopTimerOf } from './schema';
import { parseTimer, type TimerReading, type TimerState } from './timer';

const startInput = z.object({ minutes: minutesInput });
const MAX_MS = WORKSHOP_LIMITS.maxMinutes * 60_000;

export function readTimer(doc: Y.Doc): TimerState | null {
  return parseTimer(workshopTimerOf(doc).get('current'));
}

function writeTimer(doc: Y.Doc, timer: TimerState | null): void {
  workshopTimerOf(doc).set('current', timer);
}

/** Starts the timer for `minutes` ("abc", 0 or −1 are refused), replacing any running one. */
export function startTimer(doc: Y.Doc, args: { minutes: unknown }, reading: TimerReading): void {
  const { minutes } = parseInput(startInput, args);
  const at = parseInput(readingInput, reading);
  const ms = Math.round(minutes * 60_000);
  transactLocal(doc, () => writeTimer(doc, { id: newId('t'), status: 'running', remainingMs: ms, setAt: at.now, clock: at.clock, totalMs: ms }));
}

function currentOrThrow(doc: Y.Doc): TimerState {
  const timer = readTimer(doc);
  if (!timer) throw new ModelError('not-found', 'errors.noTimer', 'timer');
  return timer;
}

/** Pauses at the remaining time this laptop shows; every laptop then shows that same time. */
export function pauseTimer(doc: Y.Doc, reading: TimerReading): void {
  const at = parseInput(readingInput, reading);
  transactLocal(doc, () => {
    const timer = currentOrThrow(doc);
    if (timer.status === 'paused') return;
    writeTimer(doc, { ...timer, id: newId('t'), status: 'paused', remainingMs: at.remainingMs, setAt: at.now, clock: at.clock });
  });
}

export function resumeTimer(doc: Y.Doc, reading: TimerReading): void {
  const at = parseInput(readingInput, reading);
  transactLocal(doc, () => {
    const timer = currentOrThrow(doc);
    if (timer.status === 'running') return;
    writeTimer(doc, { ...timer, id: newId('t'), status: 'running', remainingMs: timer.remainingMs, setAt: at.now, clock: at.clock });
  });
}

/** Adds time to the timer (running or paused; an ended one starts again with it). */
export function addTimerTime(doc: Y.Doc, args: { minutes: unknown }, reading: TimerReading): void {
  const { minutes } = parseInput(startInput, args);
  const at = parseInput(readingInput, reading);
  transactLocal(doc, () => {
    const timer = currentOrThrow(doc);
    const add = Math.round(minutes * 60_000);
    const remainingMs = Math.min(MAX_MS, at.remainingMs + add);
    writeTimer(doc, { ...timer, id: newId('t'), remainingMs, setAt: at.now, clock: at.clock, totalMs: Math.min(MAX_MS, timer.totalMs + add) });
  });
}

export function clearTimer(doc: Y.Doc): void {
  transactLocal(doc, () => writeTimer(doc, null));
}

/** Hands facilitation to a member (anyone in the room may take it over). */
export function setFacilitator(doc: Y.Doc, args: { memberId: string }): void {
  const { memberId } = parseInput(z.object({ memberId: entityId }), args);
  transactLocal(doc, () => workshopSessionOf(doc).set('facilitatorId', memberId));
}

/** Asks everyone's view to follow the facilitator's board and viewport (each may pan away), or stops asking. */
export function setFollowMe(doc: Y.Doc, args: { on: boolean }): void {
  const { on } = parseInput(z.object({ on: z.boolean({ error: 'errors.invalid' }) }), args);
  transactLocal(doc, () => workshopSessionOf(doc).set('followMe', on));
}

/** Shows every note's author from now on (notes are anonymous until then). */
export function revealAuthors(doc: Y.Doc, args: { revealed: boolean }): void {
  const { revealed } = parseInput(z.object({ revealed: z.boolean({ error: 'errors.invalid' }) }), args);
  transactLocal(doc, () => workshopSessionOf(doc).set('authorsRevealed', revealed));
}
