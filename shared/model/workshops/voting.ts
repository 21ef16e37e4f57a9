// Dot voting: a session with a budget per person, optional one vote per note, an optional time
// limit and results hidden until revealed. Each vote is an entity of its own with a Lamport
// clock, so votes cast offline on two laptops of one person all merge; which of them count is
// decided by `countVotes` from the doc alone, identically on every laptop.
import * as Y from 'yjs';
import { z } from 'zod';
import { entityOrThrow, num, str, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { changeMark } from '../field-writes';
import { newId } from '../ids';
import { entityId, parseInput } from '../validate';
import { minutesInput, readingInput, WORKSHOP_LIMITS, workshopNotesOf, workshopSessionOf, workshopVotesOf } from './schema';
import { parseTimer, type TimerReading, type TimerState } from './timer';

const budgetInput = z
  .number({ error: 'errors.voteBudget' })
  .int({ error: 'errors.voteBudget' })
  .min(1, { error: 'errors.voteBudget' })
  .max(WORKSHOP_LIMITS.maxBudget, { error: 'errors.voteBudget' });
const startInput = z.object({ budget: budgetInput, onePerNote: z.boolean({ error: 'errors.invalid' }), minutes: minutesInput.nullable() });
const voteInput = z.object({ noteId: entityId, memberId: entityId });

export interface VotingSession {
  readonly id: string;
  readonly budget: number;
  readonly onePerNote: boolean;
  readonly status: 'open' | 'closed';
  readonly revealed: boolean;
  /** The time limit, when there is one (read like the shared timer). */
  readonly limit: TimerState | null;
}

/** A vote as stored: immutable; taking it back deletes it. */
export interface StoredVote {
  readonly id: string;
  readonly sessionId: string;
  readonly noteId: string;
  readonly memberId: string;
  /** Lamport clock: one more than every vote of the session the writer had seen. */
  readonly clock: number;
  /** The writing replica's client id: the tie-break after the clock. */
  readonly client: number;
  /**
   * With a time limit: the milliseconds left on it when the vote was cast, as the voter's laptop
   * read it. Stored with the vote, so whether it came in time is decided from the doc alone,
   * the same on every laptop however late it arrives; null when cast without a limit.
   */
  readonly leftMs: number | null;
}

export function readVotingSession(doc: Y.Doc): VotingSession | null {
  const v = workshopSessionOf(doc).get('voting');
  if (typeof v !== 'object' || v === null) return null;
  const s = v as Record<string, unknown>;
  const budget = num(s.budget);
  if (typeof s.id !== 'string' || !Number.isInteger(budget) || budget < 1) return null;
  return { id: s.id, budget, onePerNote: s.onePerNote === true, status: s.status === 'closed' ? 'closed' : 'open', revealed: s.revealed === true, limit: parseTimer(s.limit) };
}

/** The votes of a session. */
export function readVotes(doc: Y.Doc, sessionId: string): StoredVote[] {
  const votes: StoredVote[] = [];
  for (const [id, value] of workshopVotesOf(doc)) {
    const vote = parseVote(id, value);
    if (vote?.sessionId === sessionId) votes.push(vote);
  }
  return votes;
}

/** A stored vote as written, or null for anything a peer wrote that is not one. */
export function parseVote(id: string, value: unknown): StoredVote | null {
  if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.sessionId !== 'string') return null;
  const leftMs = typeof v.leftMs === 'number' && Number.isFinite(v.leftMs) ? v.leftMs : null;
  return { id, sessionId: v.sessionId, noteId: str(v.noteId), memberId: str(v.memberId), clock: num(v.clock), client: num(v.client), leftMs };
}

/** The total order that decides which votes count: (clock, client, id). */
export function compareDotVotes(a: StoredVote, b: StoredVote): number {
  return a.clock - b.clock || a.client - b.client || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether a vote came in time: always without a limit; with one, only when cast with time left on it. */
export function inTime(vote: Pick<StoredVote, 'leftMs'>, session: Pick<VotingSession, 'limit'>): boolean {
  return session.limit === null || (vote.leftMs !== null && vote.leftMs > 0);
}

/**
 * The votes that count: per person, in (clock, client, id) order, the first `budget` on notes
 * that still exist, cast in time (with one vote per note, a second vote on a note is skipped and
 * spends nothing). Votes past the budget, cast on a second laptop while apart, are kept but not
 * counted; so are votes cast after the time limit ran out.
 */
export function countVotes(votes: readonly StoredVote[], session: Pick<VotingSession, 'budget' | 'onePerNote'> & Partial<Pick<VotingSession, 'limit'>>, noteExists: (id: string) => boolean): StoredVote[] {
  const spent = new Map<string, number>();
  const onNote = new Set<string>();
  const counted: StoredVote[] = [];
  for (const vote of [...votes].sort(compareDotVotes)) {
    if (!noteExists(vote.noteId) || !inTime(vote, { limit: session.limit ?? null })) continue;
    const used = spent.get(vote.memberId) ?? 0;
    if (used >= session.budget) continue;
    const key = `${vote.memberId}\u0000${vote.noteId}`;
    if (session.onePerNote && onNote.has(key)) continue;
    onNote.add(key);
    spent.set(vote.memberId, used + 1);
    counted.push(vote);
  }
  return counted;
}

/**
 * The votes that count, kept as votes come and go: `countVotes` decides each person's votes from
 * their own alone (the budget and one-per-note are per person), so a change recounts only the
 * people it touched: whose vote was cast or taken back, or who voted on a note that appeared or
 * went away. `counted()` equals `countVotes` over all of the session's votes.
 */
export class VoteTally {
  /** The session's votes by id; others' are not kept. */
  private readonly votes = new Map<string, StoredVote>();
  private readonly byMember = new Map<string, StoredVote[]>();
  private readonly countedByMember = new Map<string, readonly StoredVote[]>();
  /** Who voted on each note: the people to recount when it appears or goes away. */
  private readonly voters = new Map<string, Map<string, number>>();
  private readonly dirty = new Set<string>();
  private result: readonly StoredVote[] = [];

  constructor(
    private readonly session: VotingSession,
    private readonly noteExists: (id: string) => boolean,
  ) {}

  /** A stored vote written (`value`) or deleted (undefined) under `id`. */
  set(id: string, value: unknown): void {
    const old = this.votes.get(id);
    if (old) {
      this.votes.delete(id);
      const list = this.byMember.get(old.memberId) ?? [];
      list.splice(list.indexOf(old), 1);
      this.unindex(old);
      this.dirty.add(old.memberId);
    }
    const vote = value === undefined ? null : parseVote(id, value);
    if (!vote || vote.sessionId !== this.session.id) return;
    this.votes.set(id, vote);
    const list = this.byMember.get(vote.memberId);
    if (list) list.push(vote);
    else this.byMember.set(vote.memberId, [vote]);
    const on = this.voters.get(vote.noteId) ?? new Map<string, number>();
    on.set(vote.memberId, (on.get(vote.memberId) ?? 0) + 1);
    this.voters.set(vote.noteId, on);
    this.dirty.add(vote.memberId);
  }

  /** A note appeared or went away: its voters are counted again. */
  noteChanged(noteId: string): void {
    for (const member of this.voters.get(noteId)?.keys() ?? []) this.dirty.add(member);
  }

  /** The votes that count, in counting order; the same array while nothing that counts changed. */
  counted(): readonly StoredVote[] {
    if (this.dirty.size === 0) return this.result;
    let changed = false;
    for (const member of this.dirty) {
      const next = countVotes(this.byMember.get(member) ?? [], this.session, this.noteExists);
      const before = this.countedByMember.get(member) ?? [];
      if (next.length === before.length && next.every((v, i) => v === before[i])) continue;
      changed = true;
      if (next.length > 0) this.countedByMember.set(member, next);
      else this.countedByMember.delete(member);
    }
    this.dirty.clear();
    if (changed) this.result = [...this.countedByMember.values()].flat().sort(compareDotVotes);
    return this.result;
  }

  private unindex(vote: StoredVote): void {
    const on = this.voters.get(vote.noteId);
    const left = (on?.get(vote.memberId) ?? 0) - 1;
    if (left > 0) on?.set(vote.memberId, left);
    else on?.delete(vote.memberId);
    if (on?.size === 0) this.voters.delete(vote.noteId);
  }
}

function countedNow(doc: Y.Doc, session: VotingSession): StoredVote[] {
  const notes = workshopNotesOf(doc);
  return countVotes(readVotes(doc, session.id), session, (id) => notes.get(id) instanceof Y.Map);
}

function openSessionOrThrow(doc: Y.Doc): VotingSession {
  const session = readVotingSession(doc);
  if (!session || session.status !== 'open') throw new ModelError('invalid-input', 'errors.votingClosed', 'voting');
  return session;
}

/** Starts a new voting session (votes of an earlier one stay, but no longer count). */
export function startVoting(doc: Y.Doc, args: { budget: unknown; onePerNote: boolean; minutes: unknown }, reading: TimerReading): string {
  const input = parseInput(startInput, args);
  const at = parseInput(readingInput, reading);
  return transactLocal(doc, () => {
    const id = newId('v');
    const limit: TimerState | null = input.minutes === null ? null : { id: newId('t'), status: 'running', remainingMs: Math.round(input.minutes * 60_000), setAt: at.now, clock: at.clock, totalMs: Math.round(input.minutes * 60_000) };
    workshopSessionOf(doc).set('voting', { id, budget: input.budget, onePerNote: input.onePerNote, status: 'open', revealed: false, limit });
    return id;
  });
}

/**
 * Casts one dot on a note. Refused past the budget, on a closed session, twice on a note when one
 * per note, and once the session's time limit has run out: `remainingOf` reads the limit by this
 * laptop's clock (a `TimerClock`), and without it a session with a limit takes no votes.
 */
export function castVote(doc: Y.Doc, args: z.input<typeof voteInput>, remainingOf?: (limit: TimerState) => number): string {
  const input = parseInput(voteInput, args);
  return transactLocal(doc, () => {
    const session = openSessionOrThrow(doc);
    const leftMs = session.limit === null ? null : Math.max(0, Math.round(remainingOf?.(session.limit) ?? 0));
    if (leftMs !== null && leftMs <= 0) throw new ModelError('invalid-input', 'errors.votingClosed', 'voting');
    entityOrThrow(workshopNotesOf(doc), input.noteId, 'noteId');
    const mine = countedNow(doc, session).filter((v) => v.memberId === input.memberId);
    if (mine.length >= session.budget) throw new ModelError('invalid-input', 'errors.voteBudgetSpent', 'noteId', { max: session.budget });
    if (session.onePerNote && mine.some((v) => v.noteId === input.noteId)) throw new ModelError('invalid-input', 'errors.oneVotePerNote', 'noteId');
    const clock = 1 + readVotes(doc, session.id).reduce((max, v) => Math.max(max, v.clock), 0);
    const id = newId('d');
    workshopVotesOf(doc).set(id, { sessionId: session.id, noteId: input.noteId, memberId: input.memberId, clock, client: doc.clientID, ...(leftMs === null ? {} : { leftMs }) });
    return id;
  });
}

/** Takes back the member's latest vote on a note (every vote of theirs there that does not count goes too). */
export function retractVote(doc: Y.Doc, args: z.input<typeof voteInput>): void {
  const input = parseInput(voteInput, args);
  transactLocal(doc, () => {
    const session = openSessionOrThrow(doc);
    const mine = readVotes(doc, session.id).filter((v) => v.memberId === input.memberId && v.noteId === input.noteId).sort(compareDotVotes);
    const last = mine.at(-1);
    if (!last) throw new ModelError('not-found', 'errors.notFound', 'noteId', { id: input.noteId });
    workshopVotesOf(doc).delete(last.id);
  });
}

/** Closes the session: no more votes. Results stay hidden until revealed. */
export function endVoting(doc: Y.Doc): void {
  transactLocal(doc, () => {
    const session = readVotingSession(doc);
    if (!session) throw new ModelError('not-found', 'errors.notFound', 'voting');
    if (session.status !== 'closed') workshopSessionOf(doc).set('voting', { ...session, status: 'closed' });
  });
}

/** Shows everyone's results together (and closes the session if it is still open); `by` is named in "while you were away". */
export function revealVotes(doc: Y.Doc, by?: string, now = Date.now()): void {
  transactLocal(doc, () => {
    const session = readVotingSession(doc);
    if (!session) throw new ModelError('not-found', 'errors.notFound', 'voting');
    workshopSessionOf(doc).set('voting', { ...session, status: 'closed', revealed: true, revealedBy: by ?? null, revealedAt: now, revealMark: changeMark(doc) });
  });
}

