// The print view of the plan: hidden on screen, the only thing printed (see plans.css), so the
// browser's or the app's "Print" makes the PDF, in the language on screen. Items by start, each
// with its dates as a bar over the span of the plan, its status, goals and flags. Memoised: a row
// per item, so switching the board's view (its parent re-renders) must not render it again.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { daysBetween, type PlanItemSnapshot } from '../../../../../shared/model/plans';
import { useApp } from '../../../context';
import { formatDate } from '../../../i18n/i18n';
import { rangeText } from '../labels';

export const PlanPrint = memo(function PlanPrint({ name, items, flagsOf }: { name: string; items: readonly PlanItemSnapshot[]; flagsOf(item: PlanItemSnapshot): string[] }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const today = useApp((s) => s.today);
  const dated = items.filter((i) => i.start !== null && i.end !== null);
  const first = dated.reduce((m, i) => ((i.start as string) < m ? (i.start as string) : m), dated[0]?.start ?? today);
  const last = dated.reduce((m, i) => ((i.end as string) > m ? (i.end as string) : m), dated[0]?.end ?? today);
  const span = Math.max(1, daysBetween(first, last) + 1);
  return (
    <article className="plan-print" aria-hidden="true">
      <h1>{t('plans.printTitle', { name, date: formatDate(today, locale) })}</h1>
      <table>
        <thead>
          <tr><th>{t('plans.exportHeaders.title')}</th><th>{t('plans.exportHeaders.status')}</th><th>{t('plans.dates')}</th><th className="plan-print-bar-cell">{rangeText({ start: first, end: last, horizon: null }, t, locale)}</th><th>{t('plans.exportHeaders.flags')}</th></tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>{item.title} <small>({t(`plans.kinds.${item.kind}`)}, {t(`teamShort.${item.team}`)})</small></td>
              <td>{t(`plans.statuses.${item.status}`)}</td>
              <td>{rangeText(item, t, locale)}</td>
              <td className="plan-print-bar-cell">
                {item.start !== null && item.end !== null && (
                  <span className="plan-print-bar" style={{ marginLeft: `${(daysBetween(first, item.start) / span) * 100}%`, width: `${Math.max(1, ((daysBetween(item.start, item.end) + 1) / span) * 100)}%` }} />
                )}
              </td>
              <td>{flagsOf(item).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
});
