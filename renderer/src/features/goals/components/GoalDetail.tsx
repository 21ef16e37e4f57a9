// A goal's detail panel: its fields, its KPIs with progress and trend chart, the check-in
// form and every check-in (two on one day are both listed), and edit/delete.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiSnapshot } from '../../../../../shared/model/goals/read';
import { ItemReach } from '../../../components/Reach';
import { useApp, useRuntime } from '../../../context';
import { formatDate, formatKpiValue, periodLabel } from '../../../i18n/i18n';
import { ConflictBadge } from '../../../components/conflicts/ConflictReview';
import { SidePanel } from '../../../components/dialog/SidePanel';
import { PresenceField } from '../../../components/presence/PresenceField';
import { CheckInForm, KpiEditForm, KpiForm } from './KpiForms';
import { ProgressBar, StatusPill } from '../../../components/ProgressBar';
import { TrendChart } from './TrendChart';
import { LaunchImpact } from './LaunchImpact';
import { selectGoalsBoard } from '../../../state/store';
import { statusReason } from '../status-reason';

function KpiSection({ kpi, goalKey, readOnly }: { kpi: KpiSnapshot; goalKey: string; readOnly: boolean }) {
  const runtime = useRuntime();
  const [editing, setEditing] = useState(false);
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const members = useApp((s) => s.workspace?.members);
  const yesNo = { yes: t('yesNo.yes'), no: t('yesNo.no') };
  const fmt = (v: number) => formatKpiValue(v, kpi.unit, locale, yesNo);
  const dayCounts = new Map<string, number>();
  for (const c of kpi.checkIns) dayCounts.set(c.date, (dayCounts.get(c.date) ?? 0) + 1);
  return (
    <section className="kpi card" aria-label={kpi.name} data-testid="kpi">
      <div className="kpi-head">
        <h4>{kpi.name}</h4>
        <ConflictBadge entityId={kpi.id} />
        {!readOnly && (
          <button className="link-button small" onClick={() => setEditing(true)} aria-label={t('detail.editKpi', { name: kpi.name })}>
            {t('detail.edit')}
          </button>
        )}
        {!readOnly && (
          <button className="link-button danger small" onClick={() => runtime.goals.deleteKpi(kpi.id)}>
            {t('detail.deleteKpi')}
          </button>
        )}
      </div>
      {editing && <KpiEditForm kpi={kpi} onDone={() => setEditing(false)} />}
      <dl className="kpi-numbers">
        <div><dt>{t('detail.baseline')}</dt><dd>{fmt(kpi.baseline)}</dd></div>
        <div><dt>{t('detail.current')}</dt><dd data-testid="kpi-current">{kpi.current === undefined ? '—' : fmt(kpi.current)}</dd></div>
        <div><dt>{t('detail.target')}</dt><dd>{fmt(kpi.target)}</dd></div>
        <div><dt>{t('detail.direction')}</dt><dd>{t(`detail.${kpi.direction}`)}</dd></div>
      </dl>
      <ProgressBar progress={kpi.progress} label={`${t('goals.progress')}: ${kpi.name}`} />
      <TrendChart kpi={kpi} goalKey={goalKey} />
      {!readOnly && <CheckInForm kpi={kpi} />}
      <h5>{t('detail.checkIns')}</h5>
      {kpi.checkIns.length === 0 ? (
        <p className="muted small">{t('detail.noCheckIns')}</p>
      ) : (
        // Newest first; each keeps its own number (the oldest is #1) however the list is read.
        <ul className="check-ins">
          {kpi.checkIns.map((c, index) => ({ c, number: index + 1 })).reverse().map(({ c, number }) => (
            <li key={c.id} data-testid="check-in" className={(dayCounts.get(c.date) ?? 0) > 1 ? 'same-day' : undefined} title={(dayCounts.get(c.date) ?? 0) > 1 ? t('detail.sameDay') : undefined}>
              <span className="check-in-number muted small">#{number}</span> <strong>{fmt(c.value)}</strong> <span className="muted">{formatDate(c.date, locale)}</span>{' '}
              <span className="muted small">{t('detail.by', { name: members?.find((m) => m.id === c.authorId)?.name ?? '?' })}</span>
              {c.note && <span className="note"> — {c.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Feedback items on any feedback board linked to this goal, with their votes. */
function LinkedFeedback({ goalId }: { goalId: string }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const boardId = useApp((s) => s.activeBoardId);
  const feedbackBoards = useApp((s) => s.feedbackBoards);
  const boards = useApp((s) => s.workspace?.boards);
  const key = `${boardId}:${goalId}`;
  const linked = useMemo(
    () =>
      Object.entries(feedbackBoards).flatMap(([feedbackBoardId, board]) =>
        [...board.items.values()].filter((item) => item.mergedInto === null && item.links.some((l) => l.key === key)).map((item) => ({ feedbackBoardId, item })),
      ),
    [feedbackBoards, key],
  );
  const totalVotes = linked.reduce((n, l) => n + l.item.voteCount, 0);
  return (
    <section className="detail-section" aria-labelledby="linked-feedback-heading" data-testid="linked-feedback">
      <h3 id="linked-feedback-heading">
        {t('linkedFeedback.title')} {linked.length > 0 && <span className="muted small">{t('linkedFeedback.votes', { count: totalVotes })}</span>}
      </h3>
      {linked.length === 0 && <p className="muted small">{t('linkedFeedback.none')}</p>}
      <ul className="linked-feedback">
        {linked.map(({ feedbackBoardId, item }) => (
          <li key={item.id}>
            <button className="link-button" onClick={() => void runtime.openBoard(feedbackBoardId).then(() => runtime.store.setState({ selectedItemId: item.id }))}>
              {item.title}
            </button>{' '}
            <span className="muted small">
              {t('linkedFeedback.votes', { count: item.voteCount })} · {boards?.find((b) => b.id === feedbackBoardId)?.name}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The goal's card on the board, to give focus back to when its card was drawn anew. */
function goalOpener(goalId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-goal-id="${CSS.escape(goalId)}"] .goal-open`);
}

export function GoalDetail({ goalId }: { goalId: string }) {
  const runtime = useRuntime();
  const boardId = useApp((s) => s.activeBoardId);
  const { t } = useTranslation();
  const goal = useApp((s) => selectGoalsBoard(s)?.goals.find((g) => g.id === goalId));
  const owner = useApp((s) => s.workspace?.members.find((m) => m.id === goal?.ownerId));
  const parent = useApp((s) => selectGoalsBoard(s)?.goals.find((g) => g.id === goal?.parentId));
  const locale = useApp((s) => s.locale);
  const readOnly = useApp((s) => s.workspace?.readOnly ?? false);
  const today = useApp((s) => s.today);
  const [addingKpi, setAddingKpi] = useState(false);
  const close = () => runtime.store.setState({ selectedGoalId: null });
  // Close the panel when the goal disappears (a teammate deleted it), but not while a goal
  // just created here has yet to reach the next snapshot.
  const seen = useRef(false);
  useEffect(() => {
    if (goal) seen.current = true;
    else if (seen.current) runtime.store.setState({ selectedGoalId: null });
  }, [goal, runtime]);
  if (!goal) return null;
  const reason = statusReason(goal, today);
  return (
    <SidePanel className="goal-detail card" titleId="goal-detail-title" onClose={close} testId="goal-detail" fallbackFocus={() => goalOpener(goal.id)}>
      <div className="detail-head">
        <PresenceField as="div" itemId={goal.id} field="title" className="presence-title">
          <h2 id="goal-detail-title" tabIndex={-1}>
            {goal.title}
          </h2>
        </PresenceField>
        <button className="icon-button" onClick={close} aria-label={t('detail.close')}>
          ✕
        </button>
      </div>
      {boardId && <ItemReach boardId={boardId} entityId={goal.id} />}
      <div className="detail-meta">
        <PresenceField as="span" itemId={goal.id} field="statusOverride">
          <StatusPill status={goal.status} />
        </PresenceField>
        {reason && (
          <span className="status-reason" data-testid="status-reason">
            {t(reason.messageKey, reason.params)}
          </span>
        )}
        {goal.statusOverride && goal.suggestedStatus && goal.suggestedStatus !== goal.statusOverride && (
          <span className="muted small">{t('status.suggested', { status: t(`status.${goal.suggestedStatus}`) })}</span>
        )}
        <PresenceField as="span" itemId={goal.id} field="team">
          <span className={`team-badge team-${goal.team}`}>{t(`team.${goal.team}`)}</span>
        </PresenceField>
        <PresenceField as="span" itemId={goal.id} field="period">
          {periodLabel(goal.period, locale, t)}
        </PresenceField>
        <PresenceField as="span" itemId={goal.id} field="ownerId">
          {t('goals.owner')}: {owner?.name ?? t('goals.noOwner')}
        </PresenceField>
        {goal.confidence !== null && (
          <PresenceField as="span" itemId={goal.id} field="confidence">
            {t('goals.confidence')}: {goal.confidence}%
          </PresenceField>
        )}
        {parent && (
          <PresenceField as="span" itemId={goal.id} field="parentId">
            ↑ {parent.title}
          </PresenceField>
        )}
      </div>
      <ProgressBar progress={goal.progress} label={t('goals.progress')} />
      {goal.description && (
        <PresenceField as="div" itemId={goal.id} field="description">
          <p className="description">{goal.description}</p>
        </PresenceField>
      )}
      {!readOnly && (
        <div className="actions left">
          <button onClick={() => runtime.store.setState({ goalForm: { mode: 'edit', goalId: goal.id } })}>{t('detail.edit')}</button>
          <button className="danger" onClick={() => runtime.goals.remove(goal.id)}>
            {t('detail.delete')}
          </button>
        </div>
      )}
      <h3>{t('detail.kpis')}</h3>
      {goal.kpis.length === 0 && !addingKpi && <p className="muted">{t('detail.noKpis')}</p>}
      {goal.kpis.map((kpi) => (
        <KpiSection key={kpi.id} kpi={kpi} goalKey={`${boardId}:${goal.id}`} readOnly={readOnly} />
      ))}
      {addingKpi ? (
        <KpiForm goalId={goal.id} onDone={() => setAddingKpi(false)} />
      ) : (
        !readOnly && <button onClick={() => setAddingKpi(true)}>+ {t('detail.addKpi')}</button>
      )}
      <LaunchImpact goal={goal} goalKey={`${boardId}:${goal.id}`} />
      <LinkedFeedback goalId={goal.id} />
      <p className="muted small">{t('detail.created', { date: formatDate(new Date(goal.createdAt).toISOString().slice(0, 10), locale) })}</p>
    </SidePanel>
  );
}
