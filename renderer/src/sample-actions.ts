// Adding the sample workspace: its goals go onto the Goals board and a new user-feedback board
// holds its feedback, each board's part written in one transaction by the shared mutations.
// The toast's Undo removes both at once (the goals deleted, the sample board archived).
import { archiveBoard } from '../../shared/model/boards';
import { initFeedbackBoard } from '../../shared/model/feedback/board';
import { deleteGoal } from '../../shared/model/goals/goals';
import { newId } from '../../shared/model/ids';
import { transactLocal } from '../../shared/model/doc';
import { samplePlan, writeSampleFeedback, writeSampleGoals } from '../../shared/model/sample';
import { addBoard } from '../../shared/model/workspace';
import { attempt, toActionError, type ActionResult, type Runtime } from './runtime';

export interface SampleActions {
  /** Adds the sample in the current language and opens the Goals board; returns the feedback board's id. */
  add(): Promise<ActionResult<string>>;
}

export function createSampleActions(runtime: Runtime): SampleActions {
  return {
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
        const feedbackBoard = await runtime.boards.ensure({ id: feedbackId, kind: 'feedback' });
        initFeedbackBoard(feedbackBoard.doc, { source: 'user' });
        const members = (state.workspace?.members ?? []).map((m) => ({ id: m.id, name: m.name }));
        const itemIds = writeSampleFeedback(feedbackBoard.doc, plan, { goalsBoardId: goalsRef.id, goalIds, memberId, members });
        // Undoing the board's creation step would leave an empty board behind: only the sample's own step is undone.
        feedbackBoard.undo.clear();
        await runtime.openBoard(goalsRef.id);
        const remove = () => {
          const removed = attempt(() => {
            transactLocal(goalsBoard.doc, () => {
              for (const id of goalIds) if (goalsBoard.doc.getMap('goals').has(id)) deleteGoal(goalsBoard.doc, { id });
            });
            archiveBoard(workspaceDoc, { id: feedbackId });
          });
          runtime.store.setState({ toast: { id: Date.now(), messageKey: removed.ok ? 'sample.removed' : removed.error.messageKey, params: removed.ok ? {} : removed.error.params, undoable: false } });
        };
        runtime.store.setState({ toast: { id: Date.now(), messageKey: 'sample.added', params: { goals: goalIds.length, items: itemIds.length }, undoable: true, undo: remove } });
        return { ok: true, value: feedbackId };
      } catch (error) {
        return toActionError(error);
      }
    },
  };
}
