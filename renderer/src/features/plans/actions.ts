// The plan boards' actions: each goes through the shared mutations on the board on screen (or
// the workspace doc, for a new board), is one undo step of its own (notes typing is grouped by
// the undo manager's capture window), and returns an ActionResult the calling control shows.
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { SCHEMA_VERSION } from '../../../../shared/model/doc';
import {
  acknowledgeSlip, addDependency, addMilestone, createPlanItem, deletePlanItem, editPlanNotes, initPlansBoard, linkPlanFeedback, linkPlanGoal, removeDependency, removeMilestone,
  setPlanDates, setPlanHorizon, setPlanStatus, unlinkPlanFeedback, unlinkPlanGoal, updatePlanItem, type CreatePlanItemInput, type Horizon, type PlanStatus, type UpdatePlanItemInput,
} from '../../../../shared/model/plans';
import { useRuntime } from '../../context';
import { attempt, type ActionResult, type Runtime } from '../../runtime';

export function createPlanActions(runtime: Runtime) {
  const me = () => runtime.store.getState().identity?.memberId ?? 'unknown';
  const today = () => runtime.store.getState().today;
  const onBoard = <T>(fn: (doc: Y.Doc) => T): ActionResult<T> => runtime.editBoard(fn);
  const select = (itemId: string | null) => runtime.store.setState({ selectedItemId: itemId });
  return {
    createBoard: (name: string): Promise<ActionResult<string>> => runtime.createBoard('plans', name, (doc) => initPlansBoard(doc, SCHEMA_VERSION)),
    /** The item the panel shows (the store's selected entity of the board on screen). */
    select,
    create: (input: Omit<CreatePlanItemInput, 'createdBy'>) => onBoard((doc) => createPlanItem(doc, { ...input, createdBy: me() })),
    update: (input: Omit<UpdatePlanItemInput, 'by'>) => onBoard((doc) => updatePlanItem(doc, { ...input, by: me() })),
    setDates: (id: string, start: string | null, end: string | null) => onBoard((doc) => setPlanDates(doc, { id, start, end, by: me() })),
    setHorizon: (id: string, horizon: Horizon) => onBoard((doc) => setPlanHorizon(doc, { id, horizon })),
    setStatus: (id: string, status: PlanStatus) => onBoard((doc) => setPlanStatus(doc, { id, status, today: today(), by: me() })),
    /** Typing in the notes: not cut into one undo step per keystroke. */
    editNotes: (id: string, text: string) => attempt(() => editPlanNotes(runtime.requireBoard().doc, { id, text })),
    remove: (id: string, title: string) =>
      onBoard((doc) => {
        deletePlanItem(doc, { id });
        runtime.store.setState({ selectedItemId: null, toast: { id: Date.now(), messageKey: 'plans.deleted', params: { title }, undoable: true } });
      }),
    linkGoal: (itemId: string, boardId: string, goalId: string, effect: string) => onBoard((doc) => linkPlanGoal(doc, { itemId, boardId, goalId, effect })),
    unlinkGoal: (itemId: string, boardId: string, entityId: string) => onBoard((doc) => unlinkPlanGoal(doc, { itemId, boardId, entityId })),
    linkFeedback: (itemId: string, boardId: string, feedbackId: string) => onBoard((doc) => linkPlanFeedback(doc, { itemId, boardId, feedbackId })),
    unlinkFeedback: (itemId: string, boardId: string, entityId: string) => onBoard((doc) => unlinkPlanFeedback(doc, { itemId, boardId, entityId })),
    addMilestone: (itemId: string, title: string, date: string) => onBoard((doc) => addMilestone(doc, { itemId, title, date })),
    removeMilestone: (itemId: string, milestoneId: string) => onBoard((doc) => removeMilestone(doc, { itemId, milestoneId })),
    addDependency: (fromId: string, toId: string) => onBoard((doc) => addDependency(doc, { fromId, toId, by: me() })),
    removeDependency: (id: string) => onBoard((doc) => removeDependency(doc, { id })),
    /** "Seen" on a flag, from this board or from "My work" on another plan board. */
    acknowledge: (boardId: string, depId: string) =>
      attempt(() => {
        const board = runtime.boards.get(boardId);
        if (!board) throw new Error('board not open');
        board.undo.stopCapturing();
        acknowledgeSlip(board.doc, { id: depId });
      }),
  };
}

export type PlanActions = ReturnType<typeof createPlanActions>;

export function usePlanActions(): PlanActions {
  const runtime = useRuntime();
  return useMemo(() => createPlanActions(runtime), [runtime]);
}
