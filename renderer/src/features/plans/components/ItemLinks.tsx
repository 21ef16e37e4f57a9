// What a plan item is tied to: the goals it should move (with the expected effect), the feedback
// it addresses (found through the registry of kinds, never by importing the feedback folder),
// with "Mark addressed feedback Done" as one undoable step per feedback board, and milestones.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanItemSnapshot } from '../../../../../shared/model/plans';
import { useApp, useRuntime } from '../../../context';
import { formatDate } from '../../../i18n/i18n';
import type { ActionResult } from '../../../runtime';
import { useBoardFacts } from '../../facts';
import { BOARD_FEATURES } from '../../kinds';
import { useLinkTargets } from '../../links';
import { usePlanActions } from '../actions';

type Show = (result: ActionResult<unknown>) => void;

function GoalLinks({ item, readOnly, show }: { item: PlanItemSnapshot; readOnly: boolean; show: Show }) {
  const { t } = useTranslation();
  const actions = usePlanActions();
  const goals = useLinkTargets('goals');
  const [goal, setGoal] = useState('');
  const [effect, setEffect] = useState('');
  const linked = new Set(item.goals.map((g) => `${g.boardId}:${g.entityId}`));
  return (
    <section className="detail-section" aria-labelledby="plan-goals-heading">
      <h3 id="plan-goals-heading">{t('plans.goals')}</h3>
      {item.goals.length === 0 && <p className="muted small">{t('plans.noGoals')}</p>}
      <ul>
        {item.goals.map((g) => {
          const title = goals.get(`${g.boardId}:${g.entityId}`)?.title ?? t('plans.missingLink');
          return (
            <li key={`${g.boardId}:${g.entityId}`} data-testid="plan-goal">
              {title}
              {g.effect && <span className="muted small"> — {g.effect}</span>}
              {!readOnly && <button className="icon-button small" onClick={() => show(actions.unlinkGoal(item.id, g.boardId, g.entityId))} aria-label={t('plans.unlink', { title })}>✕</button>}
            </li>
          );
        })}
      </ul>
      {!readOnly && (
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            const [boardId, goalId] = goal.split(':');
            if (!boardId || !goalId) return;
            const result = actions.linkGoal(item.id, boardId, goalId, effect);
            show(result);
            if (result.ok) {
              setGoal('');
              setEffect('');
            }
          }}
        >
          <select value={goal} onChange={(e) => setGoal(e.target.value)} aria-label={t('plans.linkGoal')} data-testid="plan-goal-picker">
            <option value="">{t('plans.choose')}</option>
            {[...goals.values()].filter((g) => !linked.has(g.key)).map((g) => <option key={g.key} value={g.key}>{g.title}</option>)}
          </select>
          <input value={effect} onChange={(e) => setEffect(e.target.value)} placeholder={t('plans.effectPlaceholder')} aria-label={t('plans.effect')} />
          <button type="submit" disabled={!goal}>{t('plans.linkGoal')}</button>
        </form>
      )}
    </section>
  );
}

function FeedbackLinks({ item, readOnly, show }: { item: PlanItemSnapshot; readOnly: boolean; show: Show }) {
  const { t } = useTranslation();
  const runtime = useRuntime();
  const actions = usePlanActions();
  const { feedback } = useBoardFacts();
  const feedbackFeature = BOARD_FEATURES.feedback;
  const feedbackBoards = useApp((s) => s[feedbackFeature.slice]);
  const [choice, setChoice] = useState('');
  const [marked, setMarked] = useState<{ boards: string[]; count: number } | null>(null);
  const byKey = new Map(feedback.map((f) => [`${f.boardId}:${f.id}`, f]));
  const linked = new Set(item.feedback.map((f) => `${f.boardId}:${f.entityId}`));
  const isDone = (boardId: string, id: string) => {
    const board = feedbackBoards[boardId];
    return board !== undefined && (feedbackFeature.completion?.isDone(board, id) ?? false);
  };
  const open = item.feedback.filter((f) => byKey.has(`${f.boardId}:${f.entityId}`) && !isDone(f.boardId, f.entityId));
  const markDone = async () => {
    const completion = feedbackFeature.completion;
    if (!completion) return;
    const byBoard = new Map<string, string[]>();
    for (const f of open) byBoard.set(f.boardId, [...(byBoard.get(f.boardId) ?? []), f.entityId]);
    const boards: string[] = [];
    let count = 0;
    for (const [boardId, ids] of byBoard) {
      // A big feedback board off screen may be set aside: opened again before it is written.
      const result = await runtime.onBoard(boardId, () => completion.markDone(runtime, boardId, ids));
      show(result);
      if (!result.ok) break;
      if (result.value > 0) {
        boards.push(boardId);
        count += result.value;
      }
    }
    setMarked(count > 0 ? { boards, count } : null);
  };
  const undo = () => {
    for (const boardId of marked?.boards ?? []) show(feedbackFeature.completion?.undoMarkDone(runtime, boardId) ?? { ok: true, value: undefined });
    setMarked(null);
  };
  return (
    <section className="detail-section" aria-labelledby="plan-feedback-heading">
      <h3 id="plan-feedback-heading">{t('plans.feedback')}</h3>
      {item.feedback.length === 0 && <p className="muted small">{t('plans.noFeedback')}</p>}
      <ul>
        {item.feedback.map((f) => {
          const key = `${f.boardId}:${f.entityId}`;
          const title = byKey.get(key)?.title ?? t('plans.missingLink');
          return (
            <li key={key} data-testid="plan-feedback">
              {isDone(f.boardId, f.entityId) ? '✓ ' : ''}
              {title}
              {!readOnly && <button className="icon-button small" onClick={() => show(actions.unlinkFeedback(item.id, f.boardId, f.entityId))} aria-label={t('plans.unlink', { title })}>✕</button>}
            </li>
          );
        })}
      </ul>
      {!readOnly && (
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            const f = byKey.get(choice);
            if (!f) return;
            const result = actions.linkFeedback(item.id, f.boardId, f.id);
            show(result);
            if (result.ok) setChoice('');
          }}
        >
          <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label={t('plans.linkFeedback')} data-testid="plan-feedback-picker">
            <option value="">{t('plans.choose')}</option>
            {feedback.filter((f) => !linked.has(`${f.boardId}:${f.id}`)).map((f) => <option key={`${f.boardId}:${f.id}`} value={`${f.boardId}:${f.id}`}>{f.title}</option>)}
          </select>
          <button type="submit" disabled={!choice}>{t('plans.linkFeedback')}</button>
        </form>
      )}
      {!readOnly && open.length > 0 && <button onClick={() => void markDone()} data-testid="mark-feedback-done">{t('plans.markFeedbackDone')}</button>}
      {marked && (
        <p className="banner info" role="status" data-testid="feedback-marked">
          {t('plans.feedbackMarkedDone', { count: marked.count })} <button onClick={undo} data-testid="undo-feedback-done">{t('plans.undo')}</button>
        </p>
      )}
    </section>
  );
}

function Milestones({ item, readOnly, show }: { item: PlanItemSnapshot; readOnly: boolean; show: Show }) {
  const { t } = useTranslation();
  const actions = usePlanActions();
  const locale = useApp((s) => s.locale);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  return (
    <section className="detail-section" aria-labelledby="plan-milestones-heading">
      <h3 id="plan-milestones-heading">{t('plans.milestones')}</h3>
      {item.milestones.length === 0 && <p className="muted small">{t('plans.noMilestones')}</p>}
      <ul>
        {item.milestones.map((m) => (
          <li key={m.id}>
            ◇ {m.title} <span className="muted small">{formatDate(m.date, locale)}</span>
            {!readOnly && <button className="icon-button small" onClick={() => show(actions.removeMilestone(item.id, m.id))} aria-label={t('plans.remove', { title: m.title })}>✕</button>}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form
          className="form-row"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const result = actions.addMilestone(item.id, title, date);
            show(result);
            if (result.ok) {
              setTitle('');
              setDate('');
            }
          }}
        >
          <input value={title} onChange={(e) => setTitle(e.target.value)} aria-label={t('plans.milestoneTitle')} placeholder={t('plans.milestoneTitle')} />
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-label={t('plans.end')} />
          <button type="submit">{t('plans.addMilestone')}</button>
        </form>
      )}
    </section>
  );
}

export function ItemLinks(props: { item: PlanItemSnapshot; readOnly: boolean; show: Show }) {
  return (
    <>
      <GoalLinks {...props} />
      <FeedbackLinks {...props} />
      <Milestones {...props} />
    </>
  );
}
