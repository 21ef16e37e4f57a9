// The print view of a meeting's minutes: hidden on screen, the only thing printed (see
// meetings.css), so the browser's or the app's "Print" makes the PDF. Same content as the Markdown.
import type { MeetingSnapshot } from '../../../../../shared/model/meetings/read';
import { kpiTableOn } from '../../../../../shared/model/meetings/draft';
import { formatDate, formatKpiValue } from '../../../i18n/i18n';
import type { MinutesContext } from '../minutes';

export function MinutesPrint({ meeting, context: c }: { meeting: MeetingSnapshot; context: MinutesContext }) {
  const { t, locale } = c;
  const yesNo = { yes: t('yesNo.yes'), no: t('yesNo.no') };
  const linked = new Set(meeting.decisions.flatMap((d) => d.links).filter((l) => l.kind === 'goal').map((l) => `${l.boardId}:${l.entityId}`));
  const rows = kpiTableOn(linked.size > 0 ? c.goals.filter((g) => linked.has(`${g.boardId}:${g.id}`)) : c.goals, meeting.date);
  return (
    <article className="minutes-print" aria-hidden="true">
      <h1>{t('minutes.heading', { title: meeting.title })}</h1>
      <p>{t('minutes.when')}: {formatDate(meeting.date, locale)} {meeting.time} · {t(`meetings.types.${meeting.type}`)}</p>
      <p>{t('minutes.attendees')}: {meeting.attendees.map(c.memberName).join(', ')}</p>
      <h2>{t('minutes.agenda')}</h2>
      <ol>{meeting.agenda.map((a) => <li key={a.id}>{a.title} ({t('meetings.minutesShort', { minutes: a.minutes })})</li>)}</ol>
      <h2>{t('minutes.notes')}</h2>
      <p className="minutes-notes">{meeting.notes || t('minutes.none')}</p>
      <h2>{t('minutes.decisions')}</h2>
      <ul>{meeting.decisions.map((d) => <li key={d.id}>{d.text} ({t('minutes.by', { name: c.memberName(d.by) })}){d.links.length > 0 && ` — ${t('minutes.links', { titles: d.links.map(c.linkTitle).join(', ') })}`}</li>)}</ul>
      <h2>{t('minutes.actionItems')}</h2>
      <ul>{meeting.actionItems.map((a) => <li key={a.id}>{a.done ? '☑' : '☐'} {a.title} — {c.memberName(a.ownerId)}{a.due && `, ${formatDate(a.due, locale)}`}</li>)}</ul>
      <h2>{t('minutes.kpis', { date: formatDate(meeting.date, locale) })}</h2>
      <table>
        <thead><tr><th>{t('minutes.goal')}</th><th>{t('minutes.kpi')}</th><th>{t('minutes.status')}</th><th>{t('minutes.value')}</th><th>{t('minutes.target')}</th></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}><td>{r.goalTitle}</td><td>{r.kpiName}</td><td>{t(`status.${r.status ?? 'none'}`)}</td><td>{r.value === undefined ? '—' : formatKpiValue(r.value, r.unit, locale, yesNo)}</td><td>{formatKpiValue(r.target, r.unit, locale, yesNo)}</td></tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
