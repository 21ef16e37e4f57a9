// A short message after a destructive action, with Undo. It hides after a while or on Escape.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useRuntime } from '../context';

export function Toast() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => runtime.store.setState((s) => (s.toast?.id === toast.id ? { toast: null } : {})), 10_000);
    return () => clearTimeout(timer);
  }, [toast, runtime]);
  if (!toast) return null;
  return (
    <div className="toast" role="status" aria-live="polite">
      <span>{t(toast.messageKey, toast.params)}</span>
      {toast.undoable && (
        <button className="link-button" onClick={() => (toast.undo ? toast.undo() : runtime.undo())}>
          {t('goals.undo')}
        </button>
      )}
    </div>
  );
}
