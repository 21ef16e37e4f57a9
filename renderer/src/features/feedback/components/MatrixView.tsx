// Impact versus effort: a 5 × 5 grid with impact rising upwards and effort rising to the
// right, each cell listing its items (most votes first), and a legend naming the quadrants:
// quick wins (top left), big bets, fill-ins and time sinks.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackItemSnapshot } from '../../../../../shared/model/feedback/snapshots';
import { useApp, useRuntime } from '../../../context';

const SCALE = [1, 2, 3, 4, 5] as const;
const PER_CELL = 6;

type Quadrant = 'quickWins' | 'bigBets' | 'fillIns' | 'timeSinks';
/** The legend's order, each with the cell class it colours (impact high/low, effort low/high). */
const QUADRANTS: readonly { quadrant: Quadrant; cell: string }[] = [
  { quadrant: 'quickWins', cell: 'q-high-low' },
  { quadrant: 'bigBets', cell: 'q-high-high' },
  { quadrant: 'fillIns', cell: 'q-low-low' },
  { quadrant: 'timeSinks', cell: 'q-low-high' },
];

function quadrantCell(impact: number, effort: number): string {
  return `q-${impact >= 3 ? 'high' : 'low'}-${effort <= 3 ? 'low' : 'high'}`;
}

export function MatrixView({ items }: { items: readonly FeedbackItemSnapshot[] }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const selectedItemId = useApp((s) => s.selectedItemId);
  const cells = useMemo(() => {
    const map = new Map<string, FeedbackItemSnapshot[]>();
    for (const item of items) {
      const key = `${item.impact}:${item.effort}`;
      const list = map.get(key) ?? [];
      list.push(item);
      map.set(key, list);
    }
    for (const list of map.values()) list.sort((a, b) => b.voteCount - a.voteCount || b.priority - a.priority);
    return map;
  }, [items]);
  return (
    <div className="matrix-wrap">
      <div className="matrix" data-testid="matrix" role="grid" aria-label={t('feedback.views.matrix')}>
        <div className="matrix-axis-y" aria-hidden="true">
          {t('feedback.impact')} ↑
        </div>
        <div className="matrix-grid">
          {[...SCALE].reverse().map((impact) => (
            <div key={impact} role="row" className="matrix-row">
              <span className="matrix-label" aria-hidden="true">
                {impact}
              </span>
              {SCALE.map((effort) => {
                const list = cells.get(`${impact}:${effort}`) ?? [];
                const cell = quadrantCell(impact, effort);
                const quadrant = QUADRANTS.find((q) => q.cell === cell)?.quadrant ?? 'fillIns';
                return (
                  <div key={effort} role="gridcell" className={`matrix-cell ${cell}`} data-testid="matrix-cell" data-impact={impact} data-effort={effort}>
                    {/* Read first, in the cell's own text (an aria-label would hide the chips' titles). */}
                    <span className="visually-hidden">{`${t('feedback.impact')} ${impact}, ${t('feedback.effort')} ${effort} (${t(`feedback.matrixLegend.${quadrant}`)}): ${list.length}`}</span>
                    {list.slice(0, PER_CELL).map((item) => (
                      <button key={item.id} className={`matrix-chip${item.id === selectedItemId ? ' selected' : ''}`} title={item.title} data-opens-item={item.id} onClick={() => runtime.store.setState({ selectedItemId: item.id })}>
                        {item.title} <span className="muted small">▲{item.voteCount}</span>
                      </button>
                    ))}
                    {list.length > PER_CELL && <span className="muted small">+{list.length - PER_CELL}</span>}
                  </div>
                );
              })}
            </div>
          ))}
          <div className="matrix-row matrix-x" aria-hidden="true">
            <span className="matrix-label" />
            {SCALE.map((e) => (
              <span key={e} className="matrix-label">
                {e}
              </span>
            ))}
          </div>
          <div className="matrix-axis-x" aria-hidden="true">
            {t('feedback.effort')} →
          </div>
        </div>
      </div>
      <ul className="matrix-legend" aria-label={t('feedback.matrixLegend.label')} data-testid="matrix-legend">
        {QUADRANTS.map(({ quadrant, cell }) => (
          <li key={quadrant}>
            <span className={`legend-swatch ${cell}`} aria-hidden="true" />
            <strong>{t(`feedback.matrixLegend.${quadrant}`)}</strong> <span className="muted">{t(`feedback.matrixLegend.${quadrant}Hint`)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
