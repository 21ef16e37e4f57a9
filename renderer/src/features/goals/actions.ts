// The Goals board's actions: each validates through the shared mutations, runs on the open
// board doc with the local origin (so it can be undone), and returns an ActionResult the
// calling form can show.
import type * as Y from 'yjs';
import { createGoal, deleteGoal, moveGoal, updateGoal, type CreateGoalInput, type UpdateGoalInput } from '../../../../shared/model/goals/goals';
import { addCheckIn, addKpi, deleteKpi, updateKpi, type KpiUnit } from '../../../../shared/model/goals/kpis';
import { transactLocal } from '../../../../shared/model/doc';
import type { ActionResult, Runtime } from '../../runtime';
import { selectGoalsBoard } from '../../state/store';

type KpiFields = Parameters<typeof addKpi>[1];
type KpiPatch = Parameters<typeof updateKpi>[1];

/** The first KPI asked for by the short goal form: it starts from 0 towards its target. */
export interface FirstKpi {
  readonly name: string;
  readonly unit: KpiUnit;
  readonly target: number;
}

export interface GoalActions {
  /** Creates a goal, with its first KPI when given, as one undo step: a refused KPI leaves no goal behind. */
  create(input: Omit<CreateGoalInput, 'createdBy'>, firstKpi?: FirstKpi): ActionResult<string>;
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
    create: (input, firstKpi) =>
      onBoard((doc) => {
        const id = transactLocal(doc, () => {
          const goalId = createGoal(doc, { ...input, createdBy: memberId() });
          if (!firstKpi) return goalId;
          try {
            addKpi(doc, { goalId, name: firstKpi.name, unit: firstKpi.unit, direction: firstKpi.target < 0 ? 'decrease' : 'increase', baseline: 0, target: firstKpi.target });
          } catch (error) {
            // Same transaction: the goal never reaches the board or the undo stack.
            deleteGoal(doc, { id: goalId });
            throw error;
          }
          return goalId;
        });
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
