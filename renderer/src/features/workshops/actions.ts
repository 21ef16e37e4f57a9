// The workshop board's actions: each goes through the shared mutations on the board on screen as
// one undo step and returns an ActionResult for the control that asked. Timer and vote-limit
// writes carry this window's clock reading through its TimerClock (see shared/model/workshops/timer.ts).
// Promoting a cluster hands plain data to the chosen board's kind through the registry.
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { TimerClock, type TimerState } from '../../../../shared/model/workshops/timer';
import { createCluster, deleteCluster, markClusterPromoted, renameCluster, unmarkClusterPromoted } from '../../../../shared/model/workshops/clusters';
import { addTimerTime, clearTimer, pauseTimer, readTimer, resumeTimer, revealAuthors, setFacilitator, setFollowMe, startTimer } from '../../../../shared/model/workshops/facilitation';
import { createNote, deleteNotes, editNoteText, moveNotes, setNoteColour, setNotesCluster, type CreateNoteInput } from '../../../../shared/model/workshops/notes';
import { initWorkshopBoard, type NoteColour } from '../../../../shared/model/workshops/schema';
import { castVote, endVoting, retractVote, revealVotes, startVoting } from '../../../../shared/model/workshops/voting';
import { SCHEMA_VERSION } from '../../../../shared/model/doc';
import { useRuntime } from '../../context';
import { attempt, type ActionResult, type Runtime } from '../../runtime';
import { BOARD_FEATURES } from '../kinds';
import { promotionEntry } from './promotion';

/** What a promotion did, so its Undo can take both halves back. */
export interface Promotion {
  readonly clusterId: string;
  readonly boardId: string;
  readonly itemId: string;
}

export function createWorkshopActions(runtime: Runtime) {
  const me = () => runtime.store.getState().identity?.memberId ?? 'unknown';
  const onBoard = <T>(fn: (doc: Y.Doc) => T): ActionResult<T> => runtime.editBoard(fn);
  const clock = new TimerClock(() => Date.now(), String(runtime.presence.clientId), runtime.presence.clockOffsets);
  const timerReading = (doc: Y.Doc) => clock.reading(readTimer(doc));
  /** The intake of the kind of board `boardId`, through the registry (feedback boards have one). */
  const intakeOf = (boardId: string) => {
    const ref = runtime.store.getState().workspace?.boards.find((b) => b.id === boardId);
    return ref ? BOARD_FEATURES[ref.kind].intake : undefined;
  };

  return {
    clock,
    createBoard: (name: string): Promise<ActionResult<string>> => runtime.createBoard('workshops', name, (doc) => initWorkshopBoard(doc, { facilitatorId: me() }, SCHEMA_VERSION)),
    createNote: (input: Omit<CreateNoteInput, 'authorId'>) => onBoard((doc) => createNote(doc, { ...input, authorId: me() })),
    editText: (id: string, text: string) => onBoard((doc) => editNoteText(doc, { id, text })),
    setColour: (ids: readonly string[], colour: NoteColour) => onBoard((doc) => setNoteColour(doc, { ids: [...ids], colour })),
    move: (moves: readonly { id: string; x: number; y: number }[]) => onBoard((doc) => moveNotes(doc, { moves: [...moves] })),
    setCluster: (ids: readonly string[], clusterId: string | null) => onBoard((doc) => setNotesCluster(doc, { ids: [...ids], clusterId })),
    deleteNotes: (ids: readonly string[]) => onBoard((doc) => deleteNotes(doc, { ids: [...ids] })),
    group: (title: string, noteIds: readonly string[]) => onBoard((doc) => createCluster(doc, { title, noteIds: [...noteIds], createdBy: me() })),
    renameCluster: (id: string, title: string) => onBoard((doc) => renameCluster(doc, { id, title })),
    deleteCluster: (id: string) => onBoard((doc) => deleteCluster(doc, { id })),
    vote: (noteId: string) => onBoard((doc) => castVote(doc, { noteId, memberId: me() }, (limit) => clock.remaining(limit))),
    unvote: (noteId: string) => onBoard((doc) => retractVote(doc, { noteId, memberId: me() })),
    startVoting: (budget: number, onePerNote: boolean, minutes: string) =>
      onBoard((doc) => startVoting(doc, { budget, onePerNote, minutes: minutes.trim() === '' ? null : minutes }, timerReading(doc))),
    endVoting: () => onBoard((doc) => endVoting(doc)),
    revealVotes: () => onBoard((doc) => revealVotes(doc, me())),
    revealAuthors: (revealed: boolean) => onBoard((doc) => revealAuthors(doc, { revealed })),
    facilitate: () => onBoard((doc) => setFacilitator(doc, { memberId: me() })),
    followMe: (on: boolean) => onBoard((doc) => setFollowMe(doc, { on })),
    // Timer writes bypass the undo manager (its scope leaves the timer out).
    startTimer: (minutes: string) => attempt(() => startTimer(runtime.requireBoard().doc, { minutes }, timerReading(runtime.requireBoard().doc))),
    pauseTimer: () => attempt(() => pauseTimer(runtime.requireBoard().doc, timerReading(runtime.requireBoard().doc))),
    resumeTimer: () => attempt(() => resumeTimer(runtime.requireBoard().doc, timerReading(runtime.requireBoard().doc))),
    addMinute: () => attempt(() => addTimerTime(runtime.requireBoard().doc, { minutes: 1 }, timerReading(runtime.requireBoard().doc))),
    clearTimer: () => attempt(() => clearTimer(runtime.requireBoard().doc)),
    remaining: (timer: TimerState | null) => clock.remaining(timer),
    /** Makes a cluster a feedback item on `boardId` (its notes in the description) and marks the cluster. */
    async promote(clusterId: string, boardId: string): Promise<ActionResult<Promotion>> {
      const workshopId = runtime.store.getState().activeBoardId;
      const snapshot = workshopId ? runtime.store.getState().workshopsBoards[workshopId] : undefined;
      const cluster = snapshot?.clusters.find((c) => c.id === clusterId);
      const intake = intakeOf(boardId);
      if (!snapshot || !cluster || !intake) return { ok: false, error: { messageKey: 'errors.notFound', params: {} } };
      const added = await intake.add(runtime, boardId, promotionEntry(cluster, snapshot.notes));
      if (!added.ok) return added;
      const marked = onBoard((doc) => markClusterPromoted(doc, { id: clusterId, boardId, itemId: added.value }));
      if (!marked.ok) {
        intake.undoAdd(runtime, boardId, added.value);
        return marked;
      }
      return { ok: true, value: { clusterId, boardId, itemId: added.value } };
    },
    /** Takes a promotion back: the feedback item goes and the cluster is no longer marked. */
    undoPromotion(promotion: Promotion): ActionResult {
      const intake = intakeOf(promotion.boardId);
      const removed = intake ? intake.undoAdd(runtime, promotion.boardId, promotion.itemId) : { ok: false as const, error: { messageKey: 'errors.notFound', params: {} } };
      if (!removed.ok) return removed;
      return onBoard((doc) => unmarkClusterPromoted(doc, { id: promotion.clusterId }));
    },
  };
}

export type WorkshopActions = ReturnType<typeof createWorkshopActions>;

const perRuntime = new WeakMap<Runtime, WorkshopActions>();

/** The workshop actions of this window's runtime (one set, so its TimerClock remembers what it saw). */
export function workshopActionsOf(runtime: Runtime): WorkshopActions {
  let actions = perRuntime.get(runtime);
  if (!actions) {
    actions = createWorkshopActions(runtime);
    perRuntime.set(runtime, actions);
  }
  return actions;
}

export function useWorkshopActions(): WorkshopActions {
  const runtime = useRuntime();
  return useMemo(() => workshopActionsOf(runtime), [runtime]);
}
