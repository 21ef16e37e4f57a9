// The workshop reader re-reads only what the doc's events say changed. Here a reader kept open on
// each of two laptops must read exactly what a fresh reader reads, after every step of seeded
// random edits (notes, text, moves, clusters made and deleted under notes, votes cast and taken
// back, sessions, reveals, the timer), merged between the laptops at random; snapshots of what a
// step did not touch keep their identity, and a read with nothing changed returns the same board.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  castVote,
  createCluster,
  createNote,
  createWorkshopReader,
  deleteCluster,
  deleteNotes,
  editNoteText,
  endVoting,
  markClusterPromoted,
  moveNotes,
  pauseTimer,
  renameCluster,
  retractVote,
  revealAuthors,
  revealVotes,
  setFollowMe,
  setNoteColour,
  setNotesCluster,
  startTimer,
  startVoting,
  type WorkshopBoardSnapshot,
} from '../../shared/model';
import { replicaOf, seededRandom, syncBoth } from './support/docs';
import { ALICE, BOB, FACILITATOR, newWorkshop, reading } from './workshops-fixtures';

const ITERATIONS = Number(process.env.TANDEM_RANDOM_ITERATIONS ?? 60);
const STEPS = 40;
const MEMBERS = [ALICE, BOB, FACILITATOR];

type Reader = ReturnType<typeof createWorkshopReader>;

/** Runs one random edit on `doc`; refusals (a vote past the budget, a note gone) are part of the game. */
function randomEdit(doc: Y.Doc, random: () => number, step: number): string {
  const pick = <T,>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const fresh = createWorkshopReader(doc);
  const board = fresh.read();
  fresh.destroy();
  const noteId = pick(board.notes)?.id;
  const clusterId = pick(board.clusters)?.id;
  const member = pick(MEMBERS) as string;
  const roll = random();
  try {
    if (roll < 0.2 || !noteId) {
      createNote(doc, { text: `note ${step}`, colour: pick(['yellow', 'pink', 'blue'] as const) ?? 'yellow', x: Math.floor(random() * 900), y: Math.floor(random() * 600), authorId: member, clusterId: random() < 0.2 ? clusterId : undefined }, 1_000 + Math.floor(random() * 50));
      return 'create note';
    }
    if (roll < 0.35) return editNoteText(doc, { id: noteId, text: `typed ${step}` }), 'edit text';
    if (roll < 0.42) return moveNotes(doc, { moves: [{ id: noteId, x: step, y: step * 2 }] }), 'move';
    if (roll < 0.46) return setNoteColour(doc, { ids: [noteId], colour: 'green' }), 'colour';
    if (roll < 0.5) return deleteNotes(doc, { ids: [noteId] }), 'delete note';
    if (roll < 0.56) return createCluster(doc, { title: `cluster ${step}`, noteIds: [noteId] }, 2_000 + step), 'make cluster';
    if (roll < 0.6 && clusterId) return deleteCluster(doc, { id: clusterId }), 'delete cluster';
    if (roll < 0.63 && clusterId) return renameCluster(doc, { id: clusterId, title: `renamed ${step}` }), 'rename cluster';
    if (roll < 0.65 && clusterId) return markClusterPromoted(doc, { id: clusterId, boardId: 'b_feedback000000', itemId: `i_item${String(step).padStart(10, '0')}` }), 'promote';
    if (roll < 0.68 && clusterId) return setNotesCluster(doc, { ids: [noteId], clusterId: random() < 0.5 ? clusterId : null }), 'set cluster';
    if (roll < 0.71) return startVoting(doc, { budget: 1 + Math.floor(random() * 3), onePerNote: random() < 0.5, minutes: null }, reading(step)), 'start voting';
    if (roll < 0.84) return castVote(doc, { noteId, memberId: member }), 'vote';
    if (roll < 0.89) return retractVote(doc, { noteId, memberId: member }), 'unvote';
    if (roll < 0.91) return endVoting(doc), 'end voting';
    if (roll < 0.93) return revealVotes(doc, FACILITATOR), 'reveal votes';
    if (roll < 0.96) return revealAuthors(doc, { revealed: random() < 0.6 }), 'reveal authors';
    if (roll < 0.97) return setFollowMe(doc, { on: random() < 0.5 }), 'follow me';
    if (roll < 0.99) return startTimer(doc, { minutes: 5 }, reading(step)), 'timer';
    return pauseTimer(doc, reading(step + 1, 'w1', 60_000)), 'pause';
  } catch {
    return 'refused';
  }
}

/** The kept-open reader agrees with a fresh one; what did not change kept its identity. */
function expectAgrees(doc: Y.Doc, reader: Reader, before: WorkshopBoardSnapshot | null): WorkshopBoardSnapshot {
  const fresh = createWorkshopReader(doc);
  const expected = fresh.read();
  fresh.destroy();
  const board = reader.read();
  expect(board).toEqual(expected);
  expect(reader.read()).toBe(board);
  if (before) {
    const old = new Map(before.notes.map((n) => [n.id, n]));
    for (const note of board.notes) {
      const was = old.get(note.id);
      if (was && JSON.stringify(was) === JSON.stringify(note)) expect(note).toBe(was);
    }
  }
  return board;
}

describe('the incremental workshop reader', () => {
  it(`reads what a fresh reader reads after every step of random edits merged between two laptops (${ITERATIONS} seeds × ${STEPS} steps)`, () => {
    const baseSeed = Number(process.env.TANDEM_SEED ?? 0x5eed);
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const seed = baseSeed + iteration;
      const random = seededRandom(seed);
      const a = newWorkshop(1);
      const b = replicaOf(a, 2);
      const readers = [createWorkshopReader(a), createWorkshopReader(b)] as const;
      const last: [WorkshopBoardSnapshot | null, WorkshopBoardSnapshot | null] = [null, null];
      const log: string[] = [];
      try {
        for (let step = 0; step < STEPS; step++) {
          const side = random() < 0.5 ? 0 : 1;
          const doc = side === 0 ? a : b;
          log.push(`${step}: ${side === 0 ? 'A' : 'B'} ${randomEdit(doc, random, step)}`);
          if (random() < 0.3) {
            syncBoth(a, b);
            log.push(`${step}: sync`);
          }
          // Reads happen at frame times, not after every edit: sometimes skip one.
          if (random() < 0.8) last[0] = expectAgrees(a, readers[0], last[0]);
          if (random() < 0.8) last[1] = expectAgrees(b, readers[1], last[1]);
        }
        syncBoth(a, b);
        expect(expectAgrees(a, readers[0], last[0])).toEqual(expectAgrees(b, readers[1], last[1]));
      } catch (error) {
        throw new Error(`incremental reader disagreed with seed ${seed} (rerun with TANDEM_SEED=${seed}): ${(error as Error).message}\n${log.join('\n')}`, { cause: error });
      } finally {
        for (const reader of readers) reader.destroy();
      }
    }
  });

  it('returns the same board when nothing changed, and re-reads only the note that was typed into', () => {
    const doc = newWorkshop();
    const reader = createWorkshopReader(doc);
    const ids = [0, 1, 2].map((i) => createNote(doc, { text: `n${i}`, colour: 'yellow', x: i, y: i, authorId: ALICE }, 1_000 + i));
    const first = reader.read();
    expect(reader.read()).toBe(first);
    editNoteText(doc, { id: ids[1] as string, text: 'changed' });
    const second = reader.read();
    expect(second).not.toBe(first);
    expect(second.notes.map((n) => n.text)).toEqual(['n0', 'changed', 'n2']);
    expect(second.notes[0]).toBe(first.notes[0]);
    expect(second.notes[2]).toBe(first.notes[2]);
    expect(second.clusters).toBe(first.clusters);
    reader.destroy();
  });
});
