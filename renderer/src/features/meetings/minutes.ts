// A meeting's minutes as Markdown in the chosen language: when, attendees, agenda, notes,
// decisions, action items and the KPI table as it stood on the meeting's date.
import type { TFunction } from 'i18next';
import type { Locale } from '../../../../shared/api/bridge';
import type { GoalFact } from '../../../../shared/model/facts';
import { kpiTableOn } from '../../../../shared/model/meetings/draft';
import type { MeetingLink, MeetingSnapshot } from '../../../../shared/model/meetings/read';
import { formatDate, formatKpiValue } from '../../i18n/i18n';

export interface MinutesContext {
  readonly t: TFunction;
  readonly locale: Locale;
  readonly memberName: (id: string | null) => string;
  readonly linkTitle: (link: MeetingLink) => string;
  /** Goals of the open boards; the table shows those the meeting's decisions, topics or items link to, else all. */
  readonly goals: readonly GoalFact[];
}

/** Keeps table cells and list items on one line, and Markdown from reading typed text as markup. */
const md = (text: string) => text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]|#<>])/g, '\\$1');

export function meetingToMarkdown(meeting: MeetingSnapshot, c: MinutesContext): string {
  const { t, locale } = c;
  const none = t('minutes.none');
  const lines: string[] = [`# ${t('minutes.heading', { title: md(meeting.title) })}`, ''];
  lines.push(`- **${t('minutes.when')}:** ${formatDate(meeting.date, locale)} ${meeting.time}`);
  lines.push(`- **${t('minutes.type')}:** ${t(`meetings.types.${meeting.type}`)}`);
  lines.push(`- **${t('minutes.attendees')}:** ${meeting.attendees.map((id) => md(c.memberName(id))).join(', ') || none}`, '');
  lines.push(`## ${t('minutes.agenda')}`, '');
  if (meeting.agenda.length === 0) lines.push(none);
  meeting.agenda.forEach((a, i) => lines.push(`${i + 1}. ${md(a.title)} (${t('meetings.minutesShort', { minutes: a.minutes })}${a.ownerId ? `, ${md(c.memberName(a.ownerId))}` : ''})`));
  lines.push('', `## ${t('minutes.notes')}`, '', meeting.notes.trim() ? meeting.notes.trim() : none, '');
  lines.push(`## ${t('minutes.decisions')}`, '');
  if (meeting.decisions.length === 0) lines.push(none);
  for (const d of meeting.decisions) {
    const links = d.links.length > 0 ? ` — ${t('minutes.links', { titles: d.links.map((l) => md(c.linkTitle(l))).join(', ') })}` : '';
    lines.push(`- ${md(d.text)} (${t('minutes.by', { name: md(c.memberName(d.by)) })})${links}`);
  }
  lines.push('', `## ${t('minutes.actionItems')}`, '');
  if (meeting.actionItems.length === 0) lines.push(none);
  else lines.push(`| | ${t('minutes.actionItems')} | ${t('minutes.owner')} | ${t('minutes.due')} |`, '|---|---|---|---|');
  for (const a of meeting.actionItems) {
    lines.push(`| ${a.done ? `☑ ${t('minutes.done')}` : `☐ ${t('minutes.open')}`} | ${md(a.title)}${a.link ? ` (${md(c.linkTitle(a.link))})` : ''} | ${md(c.memberName(a.ownerId))} | ${a.due ? formatDate(a.due, locale) : '—'} |`);
  }
  const linked = new Set([...meeting.decisions.flatMap((d) => d.links), ...meeting.agenda.flatMap((a) => (a.link ? [a.link] : [])), ...meeting.actionItems.flatMap((a) => (a.link ? [a.link] : []))].filter((l) => l.kind === 'goal').map((l) => `${l.boardId}:${l.entityId}`));
  const goals = linked.size > 0 ? c.goals.filter((g) => linked.has(`${g.boardId}:${g.id}`)) : c.goals;
  const rows = kpiTableOn(goals, meeting.date);
  lines.push('', `## ${t('minutes.kpis', { date: formatDate(meeting.date, locale) })}`, '');
  if (rows.length === 0) lines.push(none);
  else lines.push(`| ${t('minutes.goal')} | ${t('minutes.kpi')} | ${t('minutes.status')} | ${t('minutes.value')} | ${t('minutes.target')} |`, '|---|---|---|---|---|');
  const yesNo = { yes: t('yesNo.yes'), no: t('yesNo.no') };
  for (const r of rows) {
    const value = r.value === undefined ? '—' : formatKpiValue(r.value, r.unit, locale, yesNo);
    lines.push(`| ${md(r.goalTitle)} | ${md(r.kpiName)} | ${t(`status.${r.status ?? 'none'}`)} | ${value} | ${formatKpiValue(r.target, r.unit, locale, yesNo)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** `minutes-2026-03-02-weekly-kpi-review.md`: the date first, so files sort by meeting. */
export function minutesFileName(meeting: MeetingSnapshot): string {
  const slug = meeting.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'meeting';
  return `minutes-${meeting.date}-${slug}.md`;
}
