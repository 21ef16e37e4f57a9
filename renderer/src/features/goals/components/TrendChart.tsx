// A KPI's check-ins over time against its target line (Recharts). Several check-ins on one
// day are all drawn; the line follows their order. Other kinds' markers (a meeting's decision
// on this goal) are drawn as dated lines, listed below with their detail on hover or focus.
import { useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { ChartMarker } from '../../../../../shared/model/facts';
import type { KpiSnapshot } from '../../../../../shared/model/goals/read';
import { useApp } from '../../../context';
import { formatDate, formatKpiValue } from '../../../i18n/i18n';
import { useChartMarkers } from '../../facts';

function MarkerChip({ marker }: { marker: ChartMarker }) {
  const [shown, setShown] = useState(false);
  return (
    <li
      className="chart-marker"
      tabIndex={0}
      data-testid="chart-marker"
      aria-label={`${marker.label} — ${marker.detail}`}
      onMouseEnter={() => setShown(true)}
      onMouseLeave={() => setShown(false)}
      onFocus={() => setShown(true)}
      onBlur={() => setShown(false)}
      style={{ position: 'relative', border: '1px solid var(--accent-2)', borderRadius: 4, padding: '0 6px', fontSize: '0.8em' }}
    >
      ◆ {marker.label}
      {shown && (
        <span role="tooltip" className="card" style={{ position: 'absolute', left: 0, top: '100%', zIndex: 5, minWidth: '16em', padding: '4px 8px' }}>
          {marker.label}
          <br />
          <span className="muted small">{marker.detail}</span>
        </span>
      )}
    </li>
  );
}

/** `goalKey` is `${boardId}:${goalId}`, the key other kinds' markers name the goal by. */
export function TrendChart({ kpi, goalKey }: { kpi: KpiSnapshot; goalKey: string }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const markers = useChartMarkers(goalKey);
  const yesNo = { yes: t('yesNo.yes'), no: t('yesNo.no') };
  if (kpi.checkIns.length === 0) return <p className="muted small chart-empty">{t('detail.chartEmpty')}</p>;
  // A marker is a point of its own on the date axis (with no value, so the line runs through).
  const points: { key: string; date: string; value: number | null }[] = kpi.checkIns.map((c, i) => ({ key: `${c.date}#${i}`, date: c.date, value: c.value }));
  const markerKeys = markers.map((m, i) => `${m.date}#m${i}`);
  markers.forEach((m, i) => points.push({ key: markerKeys[i] as string, date: m.date, value: null }));
  const data = points.map((p, i) => ({ p, i })).sort((a, b) => (a.p.date < b.p.date ? -1 : a.p.date > b.p.date ? 1 : a.i - b.i)).map(({ p }) => p);
  const values = [...kpi.checkIns.map((c) => c.value), kpi.target, kpi.baseline];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min) * 0.1 || 1;
  return (
    <>
      <div className="trend-chart" role="img" aria-label={t('goals.trend', { name: kpi.name })} data-testid="trend-chart">
        <ResponsiveContainer width="100%" height={160}>
          <LineChart data={data} margin={{ top: 12, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis dataKey="key" tickFormatter={(k: string) => formatDate(k.split('#')[0] ?? k, locale, 'short')} fontSize={11} />
            <YAxis domain={[min - pad, max + pad]} tickFormatter={(v: number) => formatKpiValue(v, kpi.unit, locale, yesNo)} fontSize={11} width={64} />
            <Tooltip labelFormatter={(k) => formatDate(String(k).split('#')[0] ?? '', locale)} formatter={(v) => [v === null || v === undefined ? '—' : formatKpiValue(Number(v), kpi.unit, locale, yesNo), kpi.name]} />
            <ReferenceLine y={kpi.target} stroke="var(--accent-2)" strokeDasharray="6 3" label={{ value: t('detail.chartTarget'), position: 'insideTopRight', fontSize: 11 }} />
            {markers.map((m, i) => (
              <ReferenceLine key={m.key} x={markerKeys[i]} stroke="var(--accent-2)" strokeWidth={2} label={{ value: '◆', position: 'top', fontSize: 11 }} />
            ))}
            <Line type="monotone" dataKey="value" stroke="var(--accent)" strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {markers.length > 0 && (
        <ul className="chart-markers" aria-label={t('detail.chartMarkers')} style={{ listStyle: 'none', padding: 0, margin: '4px 0', display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {markers.map((m) => <MarkerChip key={m.key} marker={m} />)}
        </ul>
      )}
    </>
  );
}
