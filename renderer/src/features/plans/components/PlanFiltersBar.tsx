// The plan's filters, like the feedback boards': team, owner, goal, status and text, with a
// "Clear filters" when any is set.
import { useTranslation } from 'react-i18next';
import { PLAN_STATUSES, type PlanStatus } from '../../../../../shared/model/plans';
import { useApp } from '../../../context';
import { useLinkTargets } from '../../links';
import { hasPlanFilters, NO_PLAN_FILTERS, type PlanFilters } from '../filtering';

export function PlanFiltersBar({ filters, onChange }: { filters: PlanFilters; onChange(f: PlanFilters): void }) {
  const { t } = useTranslation();
  const members = useApp((s) => s.workspace?.members);
  const goals = useLinkTargets('goals');
  const set = (patch: Partial<PlanFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="plan-filters filters" role="group" aria-label={t('plans.filters.label')} data-testid="plan-filters">
      <input type="search" value={filters.text} onChange={(e) => set({ text: e.target.value })} placeholder={t('plans.filters.text')} aria-label={t('plans.filters.text')} />
      <label className="inline">
        {t('plans.filters.team')}{' '}
        <select value={filters.team} onChange={(e) => set({ team: e.target.value as PlanFilters['team'] })}>
          <option value="all">{t('plans.filters.all')}</option>
          {(['product', 'operations', 'shared'] as const).map((k) => <option key={k} value={k}>{t(`team.${k}`)}</option>)}
        </select>
      </label>
      <label className="inline">
        {t('plans.filters.owner')}{' '}
        <select value={filters.ownerId} onChange={(e) => set({ ownerId: e.target.value })}>
          <option value="all">{t('plans.filters.all')}</option>
          {members?.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select>
      </label>
      <label className="inline">
        {t('plans.filters.goal')}{' '}
        <select value={filters.goal} onChange={(e) => set({ goal: e.target.value })}>
          <option value="all">{t('plans.filters.all')}</option>
          {[...goals.values()].map((g) => <option key={g.key} value={g.key}>{g.title}</option>)}
        </select>
      </label>
      <label className="inline">
        {t('plans.filters.status')}{' '}
        <select value={filters.status} onChange={(e) => set({ status: e.target.value as PlanStatus | 'all' })}>
          <option value="all">{t('plans.filters.all')}</option>
          {PLAN_STATUSES.map((s) => <option key={s} value={s}>{t(`plans.statuses.${s}`)}</option>)}
        </select>
      </label>
      {hasPlanFilters(filters) && <button type="button" className="link-button" onClick={() => onChange(NO_PLAN_FILTERS)}>{t('plans.filters.clear')}</button>}
    </div>
  );
}
