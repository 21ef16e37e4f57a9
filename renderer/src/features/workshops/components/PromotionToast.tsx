// After a cluster is promoted: where it went, and Undo, which takes the feedback item away and
// unmarks the cluster in one go. It hides after ten seconds or on Escape.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Promotion } from '../actions';

export function PromotionToast({ promotion, boardName, onUndo, onDismiss }: { promotion: Promotion; boardName: string; onUndo(): void; onDismiss(): void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(onDismiss, 10_000);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onDismiss();
    window.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKey);
    };
  }, [promotion, onDismiss]);
  return (
    <div className="toast" role="status" aria-live="polite">
      <span>{t('workshops.promotedTo', { board: boardName })}</span>
      <button className="link-button" onClick={onUndo}>
        {t('goals.undo')}
      </button>
    </div>
  );
}
