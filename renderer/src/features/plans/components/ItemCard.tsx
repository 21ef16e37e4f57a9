// One plan item as a card (Now / Next / Later, My work): title, kind, team, dates or horizon,
// status, and a flag when what it waits on moved. The card opens the item's panel.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanItemSnapshot } from '../../../../../shared/model/plans';
import { useApp } from '../../../context';
import { rangeText } from '../labels';

export const ItemCard = memo(function ItemCard({ item, onOpen }: { item: PlanItemSnapshot; onOpen(id: string): void }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  return (
    <button type="button" className={`plan-card card kind-${item.kind}`} data-opens-item={item.id} data-testid="plan-card" onClick={() => onOpen(item.id)}>
      <span className="plan-card-title">{item.title}</span>
      <span className="muted small">
        {t(`plans.kinds.${item.kind}`)} · {t(`teamShort.${item.team}`)} · {rangeText(item, t, locale)}
      </span>
      <span className="plan-card-badges">
        <span className={`badge status-${item.status}`}>{t(`plans.statuses.${item.status}`)}</span>
        {item.flags.length > 0 && <span className="badge danger" data-testid="plan-flag-badge">⚠ {t('plans.flagged')}</span>}
        {item.inCycle && <span className="badge danger">↻</span>}
      </span>
    </button>
  );
});
