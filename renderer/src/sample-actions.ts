// Adding and removing the sample workspace: its goals go onto the Goals board and a new
// user-feedback board holds its feedback, each board's part written in one transaction by the
// shared mutations and marked as sample. Removing (the toast's Undo, Settings, the palette, the
// notice on a sample board) deletes the marked goals and archives the marked board, on whichever
// laptop it is done: nothing the person made is touched.
import { archiveSampleBoards, markSampleBoard, removeSampleGoals, samplePlan, writeSampleFeedback, writeSampleGoals } from '../../shared/model/sample';
import { initFeedbackBoard } from '../../shared/model/feedback/board';
import { newId } from '../../shared/model/ids';
import { addBoard } from '../../shared/model/workspace';
import { attempt, toActionError, type ActionResult, type Runtime } from './runtime';

export interface SampleActions {
  /** Adds the sample in the current language and opens the Goals board; returns the feedback board's id. */
  add(): Promise<ActionResult<string>>;
  /** Removes every goal and board marked as sample, in one step per doc; returns how many goals and boards went. */
  remove(): Promise<ActionResult<{ goals: number; boards: number }>>;
}

export function createSampleActions(runtime: Runtime): SampleActions {
  const remove = async (): Promise<ActionResult<{ goals: number; boards: number }>> => {
    const workspaceDoc = runtime.workspace;
    const boards = runtime.store.getState().workspace?.boards ?? [];
    if (!workspaceDoc) return { ok: false, error: { messageKey: 'errors.notFound', params: {} } };
    try {
      const goalsBoards = await Promise.all(boards.filter((b) => b.kind === 'goals' && !b.archived).map((b) => runtime.boards.ensure(b)));
      const removed = attempt(() => {
        let goals = 0;
        for (const board of goalsBoards) {
          board.undo.stopCapturing();
          goals += removeSampleGoals(board.doc);
          board.undo.stopCapturing();
        }
        return { goals, boards: archiveSampleBoards(workspaceDoc) };
      });
      // The sample board was on screen: the Goals board takes its place rather than an archived board.
      const active = boards.find((b) => b.id === runtime.store.getState().activeBoardId);
      const goalsRef = boards.find((b) => b.kind === 'goals' && !b.archived);
      if (removed.ok && active?.sample && goalsRef) await runtime.openBoard(goalsRef.id);
      runtime.store.setState({ toast: { id: Date.now(), messageKey: removed.ok ? 'sample.removed' : removed.error.messageKey, params: removed.ok ? {} : removed.error.params, undoable: false } });
      return removed;
    } catch (error) {
      return toActionError(error);
    }
  };
  return {
    remove,
    async add() {
      const state = runtime.store.getState();
      const memberId = state.identity?.memberId;
      const workspaceDoc = runtime.workspace;
      const goalsRef = state.workspace?.boards.find((b) => b.kind === 'goals' && !b.archived);
      if (!memberId || !workspaceDoc || !goalsRef) return { ok: false, error: { messageKey: 'errors.notFound', params: {} } };
      try {
        const plan = samplePlan(state.locale, state.today);
        const goalsBoard = await runtime.boards.ensure(goalsRef);
        goalsBoard.undo.stopCapturing();
        const goalIds = writeSampleGoals(goalsBoard.doc, plan, memberId);
        goalsBoard.undo.stopCapturing();
        const feedbackId = newId('b');
        addBoard(workspaceDoc, { id: feedbackId, kind: 'feedback', name: plan.feedbackBoardName });
        markSampleBoard(workspaceDoc, feedbackId);
        const feedbackBoard = await runtime.boards.ensure({ id: feedbackId, kind: 'feedback' });
        initFeedbackBoard(feedbackBoard.doc, { source: 'user' });
        const members = (state.workspace?.members ?? []).map((m) => ({ id: m.id, name: m.name }));
        const itemIds = writeSampleFeedback(feedbackBoard.doc, plan, { goalsBoardId: goalsRef.id, goalIds, memberId, members });
        // Undoing the board's creation step would leave an empty board behind: only the sample's own step is undone.
        feedbackBoard.undo.clear();
        await runtime.openBoard(goalsRef.id);
        runtime.store.setState({ toast: { id: Date.now(), messageKey: 'sample.added', params: { goals: goalIds.length, items: itemIds.length }, undoable: true, undo: () => void remove() } });
        return { ok: true, value: feedbackId };
      } catch (error) {
        return toActionError(error);
      }
    },
  };
}
