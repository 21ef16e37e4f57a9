// An item's goals: the goals it is linked to (on any goals board) with their progress, and
// a picker to link another.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackItemSnapshot } from '../../../../../shared/model/feedback/snapshots';
import { useRuntime } from '../../../context';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { ProgressBar, StatusPill } from '../../../components/ProgressBar';
import { useLinkTargets } from '../../links';

export function ItemLinks({ item, readOnly }: { item: FeedbackItemSnapshot; readOnly: boolean }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  // Goals are another kind's: found by id through the registry of kinds.
  const goals = useLinkTargets('goals');
  const [error, setError] = useState<ShownError | null>(null);
  const linked = new Set(item.links.map((l) => l.key));
  const link = (value: string) => {
    const [boardId, goalId] = value.split(':');
    if (!boardId || !goalId) return;
    const result = runtime.feedback.link(item.id, boardId, goalId);
    setError(result.ok ? null : result.error);
  };
  return (
    <section className="detail-section" aria-labelledby="links-heading">
      <h3 id="links-heading">{t('item.goals')}</h3>
      {item.links.length === 0 && <p className="muted small">{t('item.noGoals')}</p>}
      <ul className="linked-goals">
        {item.links.map((l) => {
          const goal = goals.get(`${l.boardId}:${l.goalId}`);
          return (
            <li key={l.key} data-testid="linked-goal">
              <button
                className="link-button"
                onClick={() => {
                  void runtime.openBoard(l.boardId).then(() => runtime.store.setState({ selectedGoalId: l.goalId }));
                }}
              >
                {goal?.title ?? t('item.unknownGoal')}
              </button>
              {goal && <StatusPill status={goal.status} />}
              {goal && <ProgressBar progress={goal.progress} label={t('goals.progress')} />}
              {!readOnly && (
                <button className="link-button small danger" onClick={() => runtime.feedback.unlink(item.id, l.boardId, l.goalId)}>
                  {t('item.unlink')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {!readOnly && item.mergedInto === null && (
        <label>
          {t('item.linkGoal')}
          <select value="" onChange={(e) => link(e.target.value)}>
            <option value="">{t('item.chooseGoal')}</option>
            {[...goals.values()]
              .filter((goal) => !linked.has(goal.key))
              .map((goal) => (
                <option key={goal.key} value={goal.key}>
                  {goal.title}
                </option>
              ))}
          </select>
        </label>
      )}
      <FieldError error={error} />
    </section>
  );
}
