// The Goals board's actions: each validates through the shared mutations, runs on the open
// board doc with the local origin (so it can be undone), and returns an ActionResult the
// calling form can show.
import type * as Y from 'yjs';
import { createGoal, deleteGoal, moveGoal, updateGoal, type CreateGoalInput, type UpdateGoalInput } from '../../../../shared/model/goals/goals';
import { addCheckIn, addKpi, deleteKpi, updateKpi } from '../../../../shared/model/goals/kpis';
import type { ActionResult, Runtime } from '../../runtime';
import { selectGoalsBoard } from '../../state/store';

type KpiFields = Parameters<typeof addKpi>[1];
type KpiPatch = Parameters<typeof updateKpi>[1];

export interface GoalActions {
  create(input: Omit<CreateGoalInput, 'createdBy'>): ActionResult<string>;
  update(input: UpdateGoalInput): ActionResult;
  move(goalId: string, toIndex: number): ActionResult;
  remove(goalId: string): ActionResult;
  addKpi(input: KpiFields): ActionResult<string>;
  updateKpi(input: KpiPatch): ActionResult;
  deleteKpi(kpiId: string): ActionResult;
  addCheckIn(input: { kpiId: string; value: number; date: string; note?: string }): ActionResult<string>;
}

export function createGoalActions(runtime: Runtime): GoalActions {
  const memberId = () => runtime.store.getState().identity?.memberId ?? 'unknown';
  const onBoard = <T>(fn: (doc: Y.Doc) => T): ActionResult<T> => runtime.editBoard(fn);

  return {
    create: (input) =>
      onBoard((doc) => {
        const id = createGoal(doc, { ...input, createdBy: memberId() });
        runtime.store.setState({ selectedGoalId: id });
        return id;
      }),
    update: (input) => onBoard((doc) => updateGoal(doc, { ...input, actorId: memberId() })),
    move: (goalId, toIndex) => onBoard((doc) => moveGoal(doc, { id: goalId, toIndex })),
    remove: (goalId) =>
      onBoard((doc) => {
        const title = selectGoalsBoard(runtime.store.getState())?.goals.find((g) => g.id === goalId)?.title ?? '';
        deleteGoal(doc, { id: goalId });
        const s = runtime.store.getState();
        runtime.store.setState({
          selectedGoalId: s.selectedGoalId === goalId ? null : s.selectedGoalId,
          toast: { id: Date.now(), messageKey: 'goals.deleted', params: { title }, undoable: true },
        });
      }),
    addKpi: (input) => onBoard((doc) => addKpi(doc, input)),
    updateKpi: (input) => onBoard((doc) => updateKpi(doc, { ...input, actorId: memberId() })),
    deleteKpi: (kpiId) => onBoard((doc) => deleteKpi(doc, { id: kpiId })),
    addCheckIn: (input) => onBoard((doc) => addCheckIn(doc, { ...input, authorId: memberId() })),
  };
}
