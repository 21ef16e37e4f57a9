// Chooses a goal's period: a quarter, a month, or a custom range of dates.
import { useTranslation } from 'react-i18next';
import { monthPeriod, quarterOf, quarterPeriod, type Period } from '../../../../../shared/model/goals/period';
import { useApp } from '../../../context';

export function PeriodPicker({ value, onChange }: { value: Period; onChange(p: Period): void }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const year = Number(value.start.slice(0, 4));
  const years = Array.from({ length: 7 }, (_, i) => new Date().getFullYear() - 2 + i);
  if (!years.includes(year)) years.push(year);
  const monthNames = Array.from({ length: 12 }, (_, i) => new Intl.DateTimeFormat(locale, { month: 'long' }).format(new Date(2020, i, 1)));
  return (
    <fieldset className="period-picker" data-presence-field="period">
      <legend>{t('goalForm.period')}</legend>
      <div className="row">
        <select
          aria-label={t('goalForm.period')}
          value={value.kind}
          onChange={(e) => {
            const kind = e.target.value as Period['kind'];
            if (kind === 'quarter') onChange(quarterPeriod(year, quarterOf(value.start).quarter));
            else if (kind === 'month') onChange(monthPeriod(year, Number(value.start.slice(5, 7))));
            else onChange({ ...value, kind: 'custom' });
          }}
        >
          <option value="quarter">{t('period.quarter')}</option>
          <option value="month">{t('period.month')}</option>
          <option value="custom">{t('period.custom')}</option>
        </select>
        {value.kind !== 'custom' && (
          <select aria-label={t('period.year')} value={year} onChange={(e) => onChange(value.kind === 'quarter' ? quarterPeriod(Number(e.target.value), quarterOf(value.start).quarter) : monthPeriod(Number(e.target.value), Number(value.start.slice(5, 7))))}>
            {years.sort().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        )}
        {value.kind === 'quarter' && (
          <select aria-label={t('period.quarter')} value={quarterOf(value.start).quarter} onChange={(e) => onChange(quarterPeriod(year, Number(e.target.value) as 1 | 2 | 3 | 4))}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                Q{q}
              </option>
            ))}
          </select>
        )}
        {value.kind === 'month' && (
          <select aria-label={t('period.month')} value={Number(value.start.slice(5, 7))} onChange={(e) => onChange(monthPeriod(year, Number(e.target.value)))}>
            {monthNames.map((name, i) => (
              <option key={name} value={i + 1}>
                {name}
              </option>
            ))}
          </select>
        )}
        {value.kind === 'custom' && (
          <>
            <label>
              {t('period.start')}
              <input type="date" value={value.start} onChange={(e) => onChange({ ...value, start: e.target.value })} />
            </label>
            <label>
              {t('period.end')}
              <input type="date" value={value.end} onChange={(e) => onChange({ ...value, end: e.target.value })} />
            </label>
          </>
        )}
      </div>
    </fieldset>
  );
}
