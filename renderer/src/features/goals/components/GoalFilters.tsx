// The board's filters: team, owner, period and status.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { periodKey } from '../../../../../shared/model/goals/period';
import { useApp, useRuntime } from '../../../context';
import { periodLabel } from '../../../i18n/i18n';
import { NO_FILTERS, selectGoalsBoard, type GoalFilters as Filters } from '../../../state/store';
import { periodsOf } from './grouping';
import { MemberOptions, TeamOptions } from '../../../components/options';

export function GoalFilters() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const filters = useApp((s) => s.filters);
  const locale = useApp((s) => s.locale);
  const members = useApp(useShallow((s) => s.workspace?.members ?? []));
  const goals = useApp((s) => selectGoalsBoard(s)?.goals);
  const periods = periodsOf(goals ?? []);
  const set = (patch: Partial<Filters>) => runtime.store.setState((s) => ({ filters: { ...s.filters, ...patch } }));
  const active = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <div className="filters" role="group" aria-label={t('filters.label')}>
      <label>
        {t('filters.team')}
        <select value={filters.team} onChange={(e) => set({ team: e.target.value as Filters['team'] })}>
          <option value="all">{t('filters.all')}</option>
          <TeamOptions />
        </select>
      </label>
      <label>
        {t('filters.owner')}
        <select value={filters.ownerId} onChange={(e) => set({ ownerId: e.target.value })}>
          <option value="all">{t('filters.all')}</option>
          <MemberOptions members={members} />
        </select>
      </label>
      <label>
        {t('filters.period')}
        <select value={filters.period} onChange={(e) => set({ period: e.target.value })}>
          <option value="all">{t('filters.all')}</option>
          {periods.map((p) => (
            <option key={periodKey(p)} value={periodKey(p)}>
              {periodLabel(p, locale, t)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.status')}
        <select value={filters.status} onChange={(e) => set({ status: e.target.value as Filters['status'] })}>
          <option value="all">{t('filters.all')}</option>
          {(['on-track', 'at-risk', 'off-track', 'none'] as const).map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button className="link-button" onClick={() => set(NO_FILTERS)}>
          {t('goals.clearFilters')}
        </button>
      )}
    </div>
  );
}
