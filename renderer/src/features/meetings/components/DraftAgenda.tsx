// "Draft agenda" for a KPI review: goals at risk or off track, KPIs that moved since the
// series' previous review (with the change) and the most-voted new feedback, read from every
// open board as plain facts; one click adds them to the agenda, each linked to what it is about.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { draftKpiReviewAgenda } from '../../../../../shared/model/meetings/draft';
import type { MeetingSnapshot } from '../../../../../shared/model/meetings/read';
import type { LinkInput } from '../../../../../shared/model/meetings/schema';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useApp } from '../../../context';
import { formatDate, formatKpiValue } from '../../../i18n/i18n';
import { useBoardFacts } from '../../facts';
import { useMeetingActions } from '../actions';

/** “A”, “B” and “C”, in the language's own way of listing. */
function quotedList(titles: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(titles.map((title) => `“${title}”`));
}

export function DraftAgenda({ meeting }: { meeting: MeetingSnapshot }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const actions = useMeetingActions();
  const facts = useBoardFacts();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const lines = useMemo(() => {
    const draft = draftKpiReviewAgenda({ goals: facts.goals, feedback: facts.feedback, plans: facts.plans, since: meeting.previousKpiReview, until: meeting.date });
    const yesNo = { yes: t('yesNo.yes'), no: t('yesNo.no') };
    const out: { title: string; link: LinkInput | null }[] = [];
    for (const g of draft.atRisk) out.push({ title: t('meetings.draftAtRisk', { status: t(`status.${g.status}`), title: g.title }), link: { kind: 'goal', boardId: g.boardId, entityId: g.goalId } });
    for (const m of draft.moved) {
      const fmt = (v: number) => formatKpiValue(v, m.unit, locale, yesNo);
      const delta = `${m.delta > 0 ? '+' : m.delta < 0 ? '−' : ''}${fmt(Math.abs(m.delta))}`;
      out.push({ title: t('meetings.draftMoved', { goal: m.goalTitle, kpi: m.kpiName, from: fmt(m.from), to: fmt(m.to), delta }), link: { kind: 'goal', boardId: m.boardId, entityId: m.goalId } });
    }
    for (const f of draft.topFeedback) out.push({ title: t('meetings.draftFeedback', { title: f.title, count: f.votes }), link: { kind: 'feedback', boardId: f.boardId, entityId: f.id } });
    // Plan items link to no goal or feedback item themselves: their topic carries no link.
    for (const p of draft.plans) {
      const title = p.change === 'launched' ? t('plans.draftLaunched', { title: p.title, date: formatDate(p.launchedOn ?? '', locale) }) : p.change === 'slipped' ? t('plans.draftSlipped', { title: p.title, amount: p.days !== undefined && p.days % 7 === 0 ? t('plans.weeks', { count: p.days / 7 }) : t('plans.days', { count: p.days ?? 0 }) }) : p.waitsOn && p.waitsOn.length > 0 ? t('plans.draftBlockedBy', { title: p.title, moved: quotedList(p.waitsOn, locale) }) : t('plans.draftBlocked', { title: p.title });
      out.push({ title, link: null });
    }
    // An agenda topic is one line: the longest titles are cut rather than refused.
    return out.map((line) => ({ ...line, title: line.title.slice(0, 200) }));
  }, [facts, meeting.previousKpiReview, meeting.date, t, locale]);
  if (!open) return <button onClick={() => setOpen(true)} data-testid="draft-agenda">{t('meetings.draftAgenda')}</button>;
  return (
    <section className="draft-agenda card" aria-labelledby="draft-heading" data-testid="drafted-agenda">
      <h4 id="draft-heading">{t('meetings.draftTitle')}</h4>
      <p className="muted small">{meeting.previousKpiReview ? t('meetings.draftSince', { date: formatDate(meeting.previousKpiReview, locale) }) : t('meetings.draftFirst')}</p>
      {lines.length === 0 ? <p className="muted">{t('meetings.draftNothing')}</p> : <ul>{lines.map((l) => <li key={`${l.link?.boardId}:${l.link?.entityId}:${l.title}`}>{l.title}</li>)}</ul>}
      <div className="actions left">
        <button onClick={() => setOpen(false)}>{t('meetings.cancel')}</button>
        {lines.length > 0 && (
          <button
            className="primary"
            onClick={() => {
              const result = actions.addTopics(meeting.id, lines.map((l) => ({ title: l.title, minutes: 5, link: l.link })));
              setError(result.ok ? null : result.error);
              if (result.ok) setOpen(false);
            }}
          >
            {t('meetings.draftAdd')}
          </button>
        )}
      </div>
      <FieldError error={error} />
    </section>
  );
}
