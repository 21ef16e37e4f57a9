// Launches on a goal (markers other kinds flag for comparison, a release or campaign going live):
// each with every KPI's value before and after it over a chosen window, from the check-ins, and
// how many check-ins the figure rests on.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeAround } from '../../../../../shared/model/goals/change-around';
import type { GoalSnapshot } from '../../../../../shared/model/goals/read';
import { useApp } from '../../../context';
import { formatKpiValue } from '../../../i18n/i18n';
import { useChartMarkers } from '../../facts';

const WINDOWS = [7, 14, 30, 60, 90] as const;

export function LaunchImpact({ goal, goalKey }: { goal: GoalSnapshot; goalKey: string }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const launches = useChartMarkers(goalKey).filter((m) => m.compare);
  const [windowDays, setWindowDays] = useState<number>(30);
  if (launches.length === 0) return null;
  const yesNo = { yes: t('yesNo.yes'), no: t('yesNo.no') };
  return (
    <section className="detail-section" aria-labelledby="launches-heading" data-testid="goal-launches">
      <h3 id="launches-heading">{t('plans.launches')}</h3>
      <label className="inline">
        {t('plans.window')}{' '}
        <select value={windowDays} onChange={(e) => setWindowDays(Number(e.target.value))}>
          {WINDOWS.map((w) => <option key={w} value={w}>{t('plans.days', { count: w })}</option>)}
        </select>
      </label>
      <ul>
        {launches.map((launch) => (
          <li key={launch.key} data-testid="goal-launch">
            <strong>{launch.label}</strong> <span className="muted small">{launch.detail}</span>
            <ul>
              {goal.kpis.map((kpi) => {
                const change = changeAround(kpi.checkIns, launch.date, windowDays);
                const fmt = (v: number) => formatKpiValue(v, kpi.unit, locale, yesNo);
                if (!change) return <li key={kpi.id} className="muted small">{t('plans.launchNoData', { kpi: kpi.name })}</li>;
                const delta = `${change.delta > 0 ? '+' : change.delta < 0 ? '−' : '±'}${fmt(Math.abs(change.delta))}`;
                return (
                  <li key={kpi.id} data-testid="launch-impact">
                    {t('plans.launchImpact', { kpi: kpi.name, before: fmt(change.before), after: fmt(change.after), delta, days: windowDays, count: change.checkInsBefore + change.checkInsAfter })}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
