// The Goals board: goals grouped by period and team, each group a sortable list (drag, or
// keyboard), with filters, an empty state, the goal form and the detail panel.
import { useCallback, useMemo, useState } from 'react';
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useTranslation } from 'react-i18next';
import { useApp, useRuntime } from '../../../context';
import { periodLabel } from '../../../i18n/i18n';
import { NO_FILTERS, selectGoalsBoard } from '../../../state/store';
import { GoalCard } from './GoalCard';
import { GoalDetail } from './GoalDetail';
import { GoalFilters } from './GoalFilters';
import { GoalForm } from './GoalForm';
import { boardIndexForMove, groupGoals } from './grouping';
import { boardName } from '../../../boards/board-name';

// Stable sensor options: new objects each render would re-render every sortable card.
const POINTER_OPTIONS = { activationConstraint: { distance: 4 } };
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates };

/**
 * No goals yet: beside the header's "New goal", a workspace with nothing in it but this board
 * is offered the sample data to try Tandem with.
 */
function EmptyGoals({ readOnly }: { readOnly: boolean }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const onlyBoard = useApp((s) => (s.workspace?.boards.length ?? 0) <= 1);
  const [adding, setAdding] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const trySample = async () => {
    setAdding(true);
    setFailed(null);
    const result = await runtime.sample.add();
    setAdding(false);
    if (!result.ok) setFailed(t(result.error.messageKey, result.error.params));
  };
  return (
    <div className="empty-state" data-testid="goals-empty">
      <p>{t('goals.empty')}</p>
      {!readOnly && (
        <div className="empty-actions">
          <button className="primary" onClick={() => runtime.store.setState({ goalForm: { mode: 'create' } })}>
            {t('goals.addFirst')}
          </button>
          {onlyBoard && (
            <button onClick={() => void trySample()} disabled={adding} aria-describedby="sample-offer">
              {adding ? t('sample.adding') : t('sample.try')}
            </button>
          )}
        </div>
      )}
      {!readOnly && onlyBoard && (
        <p id="sample-offer" className="muted small">
          {t('sample.offer')}
        </p>
      )}
      {failed && (
        <p className="field-error" role="alert">
          {t('sample.failed', { error: failed })}
        </p>
      )}
    </div>
  );
}

export function GoalsBoard() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const board = useApp(selectGoalsBoard);
  const boardRef = useApp((s) => s.workspace?.boards.find((b) => b.id === s.activeBoardId));
  const filters = useApp((s) => s.filters);
  const members = useApp((s) => s.workspace?.members);
  const selectedGoalId = useApp((s) => s.selectedGoalId);
  const goalForm = useApp((s) => s.goalForm);
  const locale = useApp((s) => s.locale);
  const readOnly = useApp((s) => s.workspace?.readOnly ?? false);
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));

  const goals = useMemo(() => board?.goals ?? [], [board]);
  const groups = useMemo(() => groupGoals(goals, filters), [goals, filters]);
  const membersById = useMemo(() => new Map((members ?? []).map((m) => [m.id, m])), [members]);
  const order = useMemo(() => goals.map((g) => g.id), [goals]);

  const onOpen = useCallback((goalId: string) => runtime.store.setState({ selectedGoalId: goalId }), [runtime]);
  const onMoveBy = useCallback(
    (goalId: string, delta: -1 | 1) => {
      // Move past the neighbour in the same visible group.
      const group = groupGoals(selectGoalsBoard(runtime.store.getState())?.goals ?? [], runtime.store.getState().filters)
        .flatMap((g) => g.teams)
        .find((tg) => tg.goals.some((g) => g.id === goalId));
      if (!group) return;
      const index = group.goals.findIndex((g) => g.id === goalId);
      const neighbour = group.goals[index + delta];
      if (!neighbour) return;
      runtime.goals.move(goalId, boardIndexForMove(order, goalId, neighbour.id));
      requestAnimationFrame(() => (document.querySelector(`[data-goal-id="${goalId}"] .goal-open`) as HTMLElement | null)?.focus());
    },
    [runtime, order],
  );
  const onDragEnd = useCallback(
    (event: DragEndEvent) => {
      const over = event.over?.id;
      const active = String(event.active.id);
      if (!over || over === active) return;
      runtime.goals.move(active, boardIndexForMove(order, active, String(over)));
    },
    [runtime, order],
  );

  if (!board) return <p className="muted pad" aria-busy="true">{t('app.loading')}</p>;
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <div className="goals-board">
      <div className="board-header">
        <h1>{boardRef ? boardName(boardRef, t) : t('goals.title')}</h1>
        {!readOnly && (
          <button className="primary" onClick={() => runtime.store.setState({ goalForm: { mode: 'create' } })}>
            + {t('goals.newGoal')}
          </button>
        )}
      </div>
      <GoalFilters />
      <p id="reorder-hint" className="visually-hidden">
        {t('goals.reorderHint')}
      </p>
      {goals.length === 0 && <EmptyGoals readOnly={readOnly} />}
      {goals.length > 0 && groups.length === 0 && (
        <div className="empty-state">
          <p>{filtered ? t('goals.emptyFiltered') : t('goals.empty')}</p>
          <button className="link-button" onClick={() => runtime.store.setState({ filters: NO_FILTERS })}>
            {t('goals.clearFilters')}
          </button>
        </div>
      )}
      <div className="board-body">
        <div className="goal-groups">
          {groups.map((group) => (
            <section key={group.key} className="period-group" aria-label={periodLabel(group.period, locale, t)}>
              <h2>{periodLabel(group.period, locale, t)}</h2>
              {group.teams.map(({ team, goals: teamGoals }) => (
                <div key={team} className="team-group">
                  <h3>{t(`team.${team}`)}</h3>
                  <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
                    <SortableContext items={teamGoals.map((g) => g.id)} strategy={verticalListSortingStrategy}>
                      <ul className="goal-list">
                        {teamGoals.map((goal) => (
                          <GoalCard key={goal.id} goal={goal} owner={goal.ownerId ? membersById.get(goal.ownerId) : undefined} selected={goal.id === selectedGoalId} onOpen={onOpen} onMoveBy={onMoveBy} readOnly={readOnly} />
                        ))}
                      </ul>
                    </SortableContext>
                  </DndContext>
                </div>
              ))}
            </section>
          ))}
        </div>
        {selectedGoalId && <GoalDetail key={selectedGoalId} goalId={selectedGoalId} />}
      </div>
      {goalForm && <GoalForm form={goalForm} />}
    </div>
  );
}
