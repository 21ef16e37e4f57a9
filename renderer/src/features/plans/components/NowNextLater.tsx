// Now / Next / Later: every item in the column of its horizon (an undated item's own, a dated
// one's by where its dates fall from today), dated ones by start.
import { useTranslation } from 'react-i18next';
import { HORIZONS, horizonOf, type PlanItemSnapshot } from '../../../../../shared/model/plans';
import { useApp } from '../../../context';
import { ItemCard } from './ItemCard';

export function NowNextLater({ items, onOpen }: { items: readonly PlanItemSnapshot[]; onOpen(id: string): void }) {
  const { t } = useTranslation();
  const today = useApp((s) => s.today);
  return (
    <div className="plan-columns" data-testid="plan-columns">
      {HORIZONS.map((h) => {
        const list = items.filter((i) => horizonOf(i, today) === h);
        return (
          <section key={h} className="plan-column" aria-labelledby={`plan-col-${h}`} data-testid={`plan-column-${h}`}>
            <h2 id={`plan-col-${h}`}>{t(`plans.horizons.${h}`)} <span className="muted small">{list.length}</span></h2>
            <ul>
              {list.map((item) => (
                <li key={item.id}>
                  <ItemCard item={item} onOpen={onOpen} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
