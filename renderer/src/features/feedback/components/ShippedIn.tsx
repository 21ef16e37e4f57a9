// "Shipped in <release>": the launched (or done) plan items that addressed this feedback item,
// read as plain facts of every open board through the registry of kinds.
import { useTranslation } from 'react-i18next';
import { useBoardFacts } from '../../facts';

export function ShippedIn({ boardId, itemId }: { boardId: string; itemId: string }) {
  const { t } = useTranslation();
  const { plans } = useBoardFacts();
  const key = `${boardId}:${itemId}`;
  const shipped = plans.filter((p) => (p.status === 'launched' || p.status === 'done') && p.feedbackKeys.includes(key));
  if (shipped.length === 0) return null;
  return (
    <ul className="shipped-in" data-testid="shipped-in">
      {shipped.map((p) => <li key={`${p.boardId}:${p.id}`} className="badge">🚀 {t('plans.shippedIn', { release: p.title })}</li>)}
    </ul>
  );
}
