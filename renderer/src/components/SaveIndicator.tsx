// Always-visible save state, computed from the peer's acknowledged state vectors and the
// IndexedDB commits: "Saved on this laptop" only once the peer has the edit on disk.
import { useTranslation } from 'react-i18next';
import { useApp } from '../context';
import type { SaveState } from '../state/store';

const KEYS: Record<SaveState, string> = {
  connecting: 'save.connecting',
  saving: 'save.saving',
  saved: 'save.saved',
  'offline-saving': 'save.offlineSaving',
  'offline-saved': 'save.offlineSaved',
  'offline-error': 'save.offlineError',
  'disk-full': 'save.diskFull',
  error: 'save.error',
};

export function SaveIndicator() {
  const { t } = useTranslation();
  const save = useApp((s) => s.save);
  const offline = save === 'offline-saved' || save === 'offline-saving';
  return (
    <div className={`save-indicator save-${save}`} role="status" aria-live="polite" data-testid="save-indicator" data-state={save} title={offline ? t('save.offlineHint') : save === 'disk-full' ? t('save.diskFullHint') : undefined}>
      <span className="dot" aria-hidden="true" />
      {t(KEYS[save])}
    </div>
  );
}
