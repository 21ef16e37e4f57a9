// One goal on the board: title, team, owner, status, progress and a sparkline. Opens the
// detail panel; reorders by dragging its handle or with Alt+↑ / Alt+↓.
import { memo, type KeyboardEvent } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslation } from 'react-i18next';
import type { GoalSnapshot } from '../../../../../shared/model/goals/read';
import type { MemberSnapshot } from '../../../../../shared/model/workspace';
import { ConflictBadge } from '../../../components/conflicts/ConflictReview';
import { CardPresence } from '../../../components/presence/PresenceAvatars';
import { ProgressBar, StatusPill } from '../../../components/ProgressBar';
import { Sparkline } from './Sparkline';

export interface GoalCardProps {
  goal: GoalSnapshot;
  owner: MemberSnapshot | undefined;
  selected: boolean;
  onOpen(goalId: string): void;
  onMoveBy(goalId: string, delta: -1 | 1): void;
  readOnly: boolean;
}

export const GoalCard = memo(function GoalCard({ goal, owner, selected, onOpen, onMoveBy, readOnly }: GoalCardProps) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: goal.id, disabled: readOnly });
  const style = { transform: CSS.Transform.toString(transform), transition };
  const primary = goal.kpis[0];
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || readOnly) return;
    if (e.key === 'ArrowUp') onMoveBy(goal.id, -1);
    else if (e.key === 'ArrowDown') onMoveBy(goal.id, 1);
    else return;
    e.preventDefault();
  };
  return (
    <li ref={setNodeRef} style={style} className={`goal-card${selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}`} data-goal-id={goal.id} data-testid="goal-card">
      {!readOnly && (
        <button ref={setActivatorNodeRef} className="drag-handle" aria-label={t('goals.dragHandle', { title: goal.title })} {...attributes} {...listeners}>
          ⠿
        </button>
      )}
      {/* Only the title in the button: its name ("Open “…”") then holds all the text it shows. */}
      <div className="goal-main">
        <button className="goal-open" onClick={() => onOpen(goal.id)} onKeyDown={onKeyDown} aria-label={t('goals.open', { title: goal.title })} aria-describedby="reorder-hint">
          <span className="goal-title">{goal.title}</span>
        </button>
        <span className="goal-meta">
          <span className={`team-badge team-${goal.team}`}>{t(`teamShort.${goal.team}`)}</span>
          <span className="owner">
            {owner ? (
              <>
                <span className="avatar small" style={{ background: owner.colour }} aria-hidden="true">
                  {owner.name.slice(0, 1).toUpperCase()}
                </span>
                {owner.name}
              </>
            ) : (
              <span className="muted">{t('goals.noOwner')}</span>
            )}
          </span>
          <span className="muted small">{t('goals.kpiCount', { count: goal.kpis.length })}</span>
        </span>
      </div>
      <StatusPill status={goal.status} />
      <ConflictBadge ownerId={goal.id} />
      <ProgressBar progress={goal.progress} label={t('goals.progress')} />
      <Sparkline kpi={primary} label={primary ? t('goals.trend', { name: primary.name }) : ''} />
      <CardPresence itemId={goal.id} />
    </li>
  );
});
