// A month calendar of the plan: each day lists the items running then (⚠ before a flagged one,
// as on its card and its bar) and the milestones due, weeks starting on the locale's first day;
// previous and next month buttons.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, type PlanItemSnapshot } from '../../../../../shared/model/plans';
import { useApp } from '../../../context';
import { weekStartOf } from '../labels';

const PER_DAY = 3;

function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

function shiftMonth(first: string, by: number): string {
  const d = new Date(`${first}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return d.toISOString().slice(0, 10);
}

export function CalendarView({ items, onOpen }: { items: readonly PlanItemSnapshot[]; onOpen(id: string): void }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const today = useApp((s) => s.today);
  const [first, setFirst] = useState(() => monthStart(today));
  const weekStart = weekStartOf(locale);
  const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${first}T00:00:00Z`));
  const days = useMemo(() => {
    const lead = (new Date(`${first}T00:00:00Z`).getUTCDay() - weekStart + 7) % 7;
    const gridStart = addDays(first, -lead);
    const next = shiftMonth(first, 1);
    const out: string[] = [];
    for (let d = gridStart; d < next || out.length % 7 !== 0; d = addDays(d, 1)) out.push(d);
    return out;
  }, [first, weekStart]);
  const weekdays = days.slice(0, 7).map((d) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)));
  const entries = (day: string) => {
    const out: { key: string; id: string; title: string; milestone: boolean; flagged: boolean }[] = [];
    for (const item of items) {
      const flagged = item.flags.length > 0;
      if (item.start !== null && item.end !== null && item.start <= day && day <= item.end) out.push({ key: item.id, id: item.id, title: item.title, milestone: false, flagged });
      for (const m of item.milestones) if (m.date === day) out.push({ key: `${item.id}:${m.id}`, id: item.id, title: `◇ ${m.title}`, milestone: true, flagged: false });
    }
    return out;
  };
  return (
    <div className="plan-calendar" data-testid="plan-calendar">
      <div className="plan-calendar-head">
        <button type="button" onClick={() => setFirst(shiftMonth(first, -1))} aria-label={t('plans.previousMonth')}>‹</button>
        <h2>{month}</h2>
        <button type="button" onClick={() => setFirst(shiftMonth(first, 1))} aria-label={t('plans.nextMonth')}>›</button>
      </div>
      <table aria-label={t('plans.calendarLabel', { month })}>
        <thead>
          <tr>{weekdays.map((w) => <th key={w} scope="col">{w}</th>)}</tr>
        </thead>
        <tbody>
          {Array.from({ length: days.length / 7 }, (_, w) => (
            <tr key={days[w * 7]}>
              {days.slice(w * 7, w * 7 + 7).map((day) => {
                const list = entries(day);
                return (
                  <td key={day} className={`${day.slice(0, 7) === first.slice(0, 7) ? '' : 'other-month'}${day === today ? ' today' : ''}`}>
                    <span className="day-number">{Number(day.slice(8))}</span>
                    <ul>
                      {list.slice(0, PER_DAY).map((e) => (
                        <li key={e.key}>
                          <button
                            type="button"
                            className={`link-button small${e.milestone ? ' milestone' : ''}`}
                            onClick={() => onOpen(e.id)}
                            aria-label={e.flagged ? t('plans.calendarFlagged', { title: e.title }) : undefined}
                            data-testid="plan-calendar-entry"
                          >
                            {e.flagged ? `⚠ ${e.title}` : e.title}
                          </button>
                        </li>
                      ))}
                      {list.length > PER_DAY && <li className="muted small">{t('plans.more', { count: list.length - PER_DAY })}</li>}
                    </ul>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
