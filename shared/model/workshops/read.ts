// Reads a workshop board doc into plain, immutable snapshots for the UI: notes (author hidden
// until the facilitator reveals authors; a note whose cluster is gone reads as unclustered),
// clusters with their notes, the voting session with the votes that count, and the timer.
// The reader is incremental: it learns from the doc's events which notes, votes and parts of the
// session changed, and a read re-reads only those (a room of twenty laptops sends hundreds of
// edits a second, and reading every note and vote on each frame made the garbage that stalled
// the page in major GCs). Snapshots of everything unchanged keep their identity, and a read with
// nothing changed returns the previous board snapshot itself.
import * as Y from 'yjs';
import { entities, num, oneOf, str, textOf } from '../doc';
import { NOTE_COLOURS, workshopClustersOf, workshopNotesOf, workshopSessionOf, workshopTimerOf, workshopVotesOf, type NoteColour } from './schema';
import { readTimer } from './facilitation';
import type { TimerState } from './timer';
import { readVotingSession, VoteTally, type StoredVote, type VotingSession } from './voting';

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

/** Where `note` goes in `notes` (sorted by creation): its index if there, else where to insert it. */
function indexOf(notes: readonly NoteSnapshot[], note: NoteSnapshot): number {
  let lo = 0;
  let hi = notes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byCreation(notes[mid] as NoteSnapshot, note) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const sameNote = (a: NoteSnapshot, b: NoteSnapshot) =>
  a.text === b.text && a.colour === b.colour && a.x === b.x && a.y === b.y && a.authorId === b.authorId && a.clusterId === b.clusterId && a.createdAt === b.createdAt && a.id === b.id;

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** A reader of one workshop doc that re-reads only what changed since its last read. */
export function createWorkshopReader(doc: Y.Doc) {
  const notesMap = workshopNotesOf(doc);
  const clustersMap = workshopClustersOf(doc);
  const votesMap = workshopVotesOf(doc);
  const sessionMap = workshopSessionOf(doc);
  const timerMap = workshopTimerOf(doc);

  // What changed since the last read (everything, before the first).
  let all = true;
  const dirtyNotes = new Set<string>();
  const dirtyVotes = new Set<string>();
  let clustersDirty = true;
  let sessionDirty = true;
  let timerDirty = true;

  const onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event.target === notesMap) for (const id of (event as Y.YMapEvent<unknown>).keysChanged) dirtyNotes.add(id);
      else if (typeof event.path[0] === 'string') dirtyNotes.add(event.path[0]);
    }
  };
  const onClusters = () => void (clustersDirty = true);
  const onVotes = (event: Y.YMapEvent<unknown>) => {
    for (const id of event.keysChanged) dirtyVotes.add(id);
  };
  const onSession = () => void (sessionDirty = true);
  const onTimer = () => void (timerDirty = true);
  notesMap.observeDeep(onNotes);
  clustersMap.observeDeep(onClusters);
  votesMap.observe(onVotes);
  sessionMap.observe(onSession);
  timerMap.observe(onTimer);

  let revealed = false;
  /** Each note's snapshot, and the cluster id it names (valid or not), by note id. */
  const noteById = new Map<string, NoteSnapshot>();
  const rawClusterOf = new Map<string, string | null>();
  let notes: readonly NoteSnapshot[] = [];
  let clusterIds: ReadonlySet<string> = new Set();
  let clusterRows: readonly { id: string; title: string; createdAt: number; promotedTo: ClusterSnapshot['promotedTo'] }[] = [];
  let clusters: readonly ClusterSnapshot[] = [];
  let votingSession: VotingSession | null = null;
  /** The session's votes that count, kept as votes and notes change (null without a session). */
  let tally: VoteTally | null = null;
  let voting: VotingSnapshot | null = null;
  let facilitatorId: string | null = null;
  let followMe = false;
  let timer: TimerState | null = null;
  let board: WorkshopBoardSnapshot | null = null;

  function readNote(id: string, note: Y.Map<unknown>): NoteSnapshot {
    const raw = note.get('clusterId');
    rawClusterOf.set(id, typeof raw === 'string' ? raw : null);
    return Object.freeze({
      id,
      text: textOf(note.get('text')),
      colour: oneOf(note.get('colour'), NOTE_COLOURS, 'yellow'),
      x: num(note.get('x')),
      y: num(note.get('y')),
      authorId: revealed ? str(note.get('authorId')) || null : null,
      clusterId: typeof raw === 'string' && clusterIds.has(raw) ? raw : null,
      createdAt: num(note.get('createdAt')),
    });
  }

  /** Re-reads the notes in `ids` into `notes`, keeping its order: whether any snapshot changed, and the ids that appeared and went away. */
  function updateNotes(ids: Iterable<string>): { changed: boolean; added: string[]; removed: string[] } {
    const next = notes.slice();
    const added: string[] = [];
    const removed: string[] = [];
    let changed = false;
    for (const id of ids) {
      const old = noteById.get(id);
      const value = notesMap.get(id);
      const read = value instanceof Y.Map ? readNote(id, value) : undefined;
      // A write that left the note as it was (the same text typed, a merge) keeps its snapshot.
      const fresh = old && read && sameNote(old, read) ? old : read;
      if (!fresh) rawClusterOf.delete(id);
      if (old && fresh && byCreation(old, fresh) === 0) {
        next[indexOf(next, old)] = fresh;
      } else {
        if (old) next.splice(indexOf(next, old), 1);
        if (fresh) next.splice(indexOf(next, fresh), 0, fresh);
        if (old && !fresh) removed.push(id);
        if (fresh && !old) added.push(id);
      }
      if (fresh) noteById.set(id, fresh);
      else noteById.delete(id);
      changed ||= old !== fresh;
    }
    if (changed) notes = next;
    return { changed, added, removed };
  }

  function readClusterRows(): typeof clusterRows {
    return [...entities(clustersMap)]
      .map(([id, c]) => ({ id, title: str(c.get('title')), createdAt: num(c.get('createdAt')), promotedTo: parsePromotion(c.get('promotedTo')) }))
      .sort(byCreation);
  }

  /** Clusters with their notes, keeping the snapshot of each cluster whose title and notes are as before. */
  function buildClusters(): readonly ClusterSnapshot[] {
    const members = new Map<string, string[]>();
    for (const note of notes) {
      if (!note.clusterId) continue;
      const list = members.get(note.clusterId);
      if (list) list.push(note.id);
      else members.set(note.clusterId, [note.id]);
    }
    const previous = new Map(clusters.map((c) => [c.id, c]));
    const next = clusterRows.map((row): ClusterSnapshot => {
      const noteIds = members.get(row.id) ?? [];
      const old = previous.get(row.id);
      const same = old && old.title === row.title && old.createdAt === row.createdAt && old.promotedTo?.boardId === row.promotedTo?.boardId && old.promotedTo?.itemId === row.promotedTo?.itemId && sameIds(old.noteIds, noteIds);
      return same ? old : { ...row, noteIds };
    });
    return next.length === clusters.length && next.every((c, i) => c === clusters[i]) ? clusters : next;
  }

  function read(): WorkshopBoardSnapshot {
    const wasAll = all;
    all = false;
    let changed = board === null;
    let votesChanged = false;
    if (sessionDirty) {
      sessionDirty = false;
      const nextRevealed = sessionMap.get('authorsRevealed') === true;
      const rawFacilitator = sessionMap.get('facilitatorId');
      const nextFacilitator = typeof rawFacilitator === 'string' ? rawFacilitator : null;
      const nextFollow = sessionMap.get('followMe') === true;
      const nextSession = readVotingSession(doc);
      if (nextRevealed !== revealed || nextFacilitator !== facilitatorId || nextFollow !== followMe) changed = true;
      if (nextRevealed !== revealed) for (const id of noteById.keys()) dirtyNotes.add(id);
      revealed = nextRevealed;
      facilitatorId = nextFacilitator;
      followMe = nextFollow;
      if (JSON.stringify(nextSession) !== JSON.stringify(votingSession)) {
        votingSession = nextSession;
        // A new session (or its budget, rule or limit changed): every vote is counted again.
        tally = nextSession ? new VoteTally(nextSession, (id) => noteById.has(id)) : null;
        if (tally) for (const [id, value] of votesMap) tally.set(id, value);
        voting = null;
        dirtyVotes.clear();
        votesChanged = true;
      }
    }
    if (clustersDirty) {
      clustersDirty = false;
      clusterRows = readClusterRows();
      const ids = new Set(clusterRows.map((c) => c.id));
      if (ids.size !== clusterIds.size || [...ids].some((id) => !clusterIds.has(id))) {
        // A cluster gone (or back): its notes read as unclustered (or clustered again).
        for (const [id, raw] of rawClusterOf) if (raw !== null && ids.has(raw) !== clusterIds.has(raw)) dirtyNotes.add(id);
        clusterIds = ids;
      }
      changed = true;
    }
    let notesChanged = false;
    if (wasAll) for (const id of notesMap.keys()) dirtyNotes.add(id);
    if (dirtyNotes.size > 0) {
      const result = updateNotes(dirtyNotes);
      dirtyNotes.clear();
      notesChanged = result.changed;
      for (const id of [...result.added, ...result.removed]) tally?.noteChanged(id);
    }
    for (const id of dirtyVotes) tally?.set(id, votesMap.get(id));
    dirtyVotes.clear();
    if (votingSession && tally) {
      const counted = tally.counted();
      if (counted !== voting?.counted) {
        voting = { ...votingSession, counted };
        votesChanged = true;
      }
    } else if (voting) {
      voting = null;
      votesChanged = true;
    }
    if (notesChanged || changed) {
      const next = buildClusters();
      if (next !== clusters) clusters = next;
    }
    if (timerDirty) {
      timerDirty = false;
      timer = readTimer(doc);
      changed = true;
    }
    if (!board || changed || notesChanged || votesChanged) {
      board = { notes, clusters, facilitatorId, authorsRevealed: revealed, followMe, voting, timer };
    }
    return board;
  }

  return {
    read,
    destroy() {
      notesMap.unobserveDeep(onNotes);
      clustersMap.unobserveDeep(onClusters);
      votesMap.unobserve(onVotes);
      sessionMap.unobserve(onSession);
      timerMap.unobserve(onTimer);
    },
  };
}
