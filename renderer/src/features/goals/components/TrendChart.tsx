// A KPI's check-ins over time against its target line (Recharts). Several check-ins on one
// day are all drawn; the line follows their order.
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { KpiSnapshot } from '../../../../../shared/model/goals/read';
import { useApp } from '../../../context';
import { formatDate, formatKpiValue } from '../../../i18n/i18n';

export function TrendChart({ kpi }: { kpi: KpiSnapshot }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const yesNo = { yes: t('yesNo.yes'), no: t('yesNo.no') };
  if (kpi.checkIns.length === 0) return <p className="muted small chart-empty">{t('detail.chartEmpty')}</p>;
  const data = kpi.checkIns.map((c, i) => ({ key: `${c.date}#${i}`, date: c.date, value: c.value }));
  const values = [...data.map((d) => d.value), kpi.target, kpi.baseline];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min) * 0.1 || 1;
  return (
    <div className="trend-chart" role="img" aria-label={t('goals.trend', { name: kpi.name })} data-testid="trend-chart">
      <ResponsiveContainer width="100%" height={160}>
        <LineChart data={data} margin={{ top: 12, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="key" tickFormatter={(k: string) => formatDate(k.split('#')[0] ?? k, locale, 'short')} fontSize={11} />
          <YAxis domain={[min - pad, max + pad]} tickFormatter={(v: number) => formatKpiValue(v, kpi.unit, locale, yesNo)} fontSize={11} width={64} />
          <Tooltip labelFormatter={(k) => formatDate(String(k).split('#')[0] ?? '', locale)} formatter={(v) => [formatKpiValue(Number(v), kpi.unit, locale, yesNo), kpi.name]} />
          <ReferenceLine y={kpi.target} stroke="var(--accent-2)" strokeDasharray="6 3" label={{ value: t('detail.chartTarget'), position: 'insideTopRight', fontSize: 11 }} />
          <Line type="monotone" dataKey="value" stroke="var(--accent)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
