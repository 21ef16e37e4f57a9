// A tiny trend line of a KPI's check-ins for a goal card (Recharts), described in words for
// assistive technology.
import { memo } from 'react';
import { Line, LineChart, YAxis } from 'recharts';
import type { KpiSnapshot } from '../../../../../shared/model/goals/read';

export const Sparkline = memo(function Sparkline({ kpi, label }: { kpi: KpiSnapshot | undefined; label: string }) {
  if (!kpi || kpi.checkIns.length < 2) return <span className="sparkline sparkline-empty" aria-hidden="true" />;
  const data = kpi.checkIns.map((c) => ({ v: c.value }));
  return (
    <span className="sparkline" role="img" aria-label={label}>
      <LineChart width={96} height={28} data={data} margin={{ top: 3, right: 2, bottom: 3, left: 2 }}>
        <YAxis hide domain={['dataMin', 'dataMax']} />
        <Line type="monotone" dataKey="v" stroke="currentColor" strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </span>
  );
});
