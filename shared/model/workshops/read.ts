// Reads a workshop board doc into plain, immutable snapshots for the UI: notes (author hidden
// until the facilitator reveals authors; a note whose cluster is gone reads as unclustered),
// clusters with their notes, the voting session with the votes that count, and the timer.
// Snapshots of notes a transaction did not touch keep their identity between reads, and the
// votes are counted again only when votes, the session or the set of notes changed.
import type * as Y from 'yjs';
import { entities, num, oneOf, str, textOf } from '../doc';
import { NOTE_COLOURS, workshopClustersOf, workshopNotesOf, workshopSessionOf, workshopVotesOf, type NoteColour } from './schema';
import { readTimer } from './facilitation';
import type { TimerState } from './timer';
import { countVotes, readVotes, readVotingSession, type StoredVote, type VotingSession } from './voting';

export interface NoteSnapshot {
  readonly id: string;
  readonly text: string;
  readonly colour: NoteColour;
  readonly x: number;
  readonly y: number;
  /** Null until authors are revealed. The doc holds it: this is anonymity on screen, not secrecy. */
  readonly authorId: string | null;
  /** Null when unclustered or when its cluster was deleted. */
  readonly clusterId: string | null;
  readonly createdAt: number;
}

export interface ClusterSnapshot {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  /** The feedback item this cluster became, by ids. */
  readonly promotedTo: { readonly boardId: string; readonly itemId: string } | null;
  readonly noteIds: readonly string[];
}

export interface VotingSnapshot extends VotingSession {
  /** The votes that count, in counting order (see `countVotes`). */
  readonly counted: readonly StoredVote[];
}

export interface WorkshopBoardSnapshot {
  /** In creation order: the keyboard's order. */
  readonly notes: readonly NoteSnapshot[];
  readonly clusters: readonly ClusterSnapshot[];
  readonly facilitatorId: string | null;
  readonly authorsRevealed: boolean;
  /** The facilitator asks everyone's view to follow theirs. */
  readonly followMe: boolean;
  readonly voting: VotingSnapshot | null;
  readonly timer: TimerState | null;
}

const byCreation = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function parsePromotion(value: unknown): ClusterSnapshot['promotedTo'] {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  return typeof v.boardId === 'string' && typeof v.itemId === 'string' ? { boardId: v.boardId, itemId: v.itemId } : null;
}

/** A reader that keeps the snapshot of every note a transaction did not change. */
export function createWorkshopReader(doc: Y.Doc) {
  let cache = new WeakMap<Y.Map<unknown>, NoteSnapshot>();
  const dirty = new WeakSet<object>();
  const votesMap = workshopVotesOf(doc);
  const sessionMap = workshopSessionOf(doc);
  /** Votes or the session changed since the votes were last counted. */
  let votesChanged = true;
  const onAfterTransaction = (tr: Y.Transaction) => {
    for (const type of tr.changedParentTypes.keys()) {
      dirty.add(type);
      if ((type as unknown) === votesMap || (type as unknown) === sessionMap) votesChanged = true;
    }
  };
  const parsedVotes = new WeakMap<object, StoredVote>();
  let counted: { noteIds: readonly string[]; voting: VotingSnapshot | null } | null = null;
  doc.on('afterTransaction', onAfterTransaction);
  let lastRevealed = false;

  function readNote(id: string, note: Y.Map<unknown>, revealed: boolean, clusterIds: ReadonlySet<string>): NoteSnapshot {
    const cached = cache.get(note);
    const rawCluster = note.get('clusterId');
    const clusterId = typeof rawCluster === 'string' && clusterIds.has(rawCluster) ? rawCluster : null;
    if (cached && !dirty.has(note) && cached.clusterId === clusterId) return cached;
    dirty.delete(note);
    const snapshot: NoteSnapshot = Object.freeze({
      id,
      text: textOf(note.get('text')),
      colour: oneOf(note.get('colour'), NOTE_COLOURS, 'yellow'),
      x: num(note.get('x')),
      y: num(note.get('y')),
      authorId: revealed ? str(note.get('authorId')) || null : null,
      clusterId,
      createdAt: num(note.get('createdAt')),
    });
    cache.set(note, snapshot);
    return snapshot;
  }

  function read(): WorkshopBoardSnapshot {
    const session = workshopSessionOf(doc);
    const revealed = session.get('authorsRevealed') === true;
    if (revealed !== lastRevealed) {
      cache = new WeakMap();
      lastRevealed = revealed;
    }
    const clusterMaps = [...entities(workshopClustersOf(doc))];
    const clusterIds = new Set(clusterMaps.map(([id]) => id));
    const notes = [...entities(workshopNotesOf(doc))].map(([id, note]) => readNote(id, note, revealed, clusterIds)).sort(byCreation);
    const members = new Map<string, string[]>();
    for (const note of notes) if (note.clusterId) members.set(note.clusterId, [...(members.get(note.clusterId) ?? []), note.id]);
    const clusters = clusterMaps
      .map(([id, c]): ClusterSnapshot => ({ id, title: str(c.get('title')), createdAt: num(c.get('createdAt')), promotedTo: parsePromotion(c.get('promotedTo')), noteIds: members.get(id) ?? [] }))
      .sort(byCreation);
    const sameNotes = counted !== null && counted.noteIds.length === notes.length && notes.every((n, i) => counted?.noteIds[i] === n.id);
    if (votesChanged || !sameNotes || counted === null) {
      votesChanged = false;
      const votingSession = readVotingSession(doc);
      const noteIds = new Set(notes.map((n) => n.id));
      const voting = votingSession ? { ...votingSession, counted: countVotes(readVotes(doc, votingSession.id, parsedVotes), votingSession, (id) => noteIds.has(id)) } : null;
      counted = { noteIds: notes.map((n) => n.id), voting };
    }
    const voting = counted.voting;
    const facilitator = session.get('facilitatorId');
    return { notes, clusters, facilitatorId: typeof facilitator === 'string' ? facilitator : null, authorsRevealed: revealed, followMe: session.get('followMe') === true, voting, timer: readTimer(doc) };
  }

  return {
    read,
    destroy: () => doc.off('afterTransaction', onAfterTransaction),
  };
}
