// Always-visible sync status next to the save indicator: Offline, or Connected to N teammates
// with Syncing (k changes pending) or Up to date, from the peer's pushed network status.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../context';
import { computeSyncState } from '../network/sync-state';

export function SyncIndicator() {
  const { t } = useTranslation();
  const state = useApp(useShallow((s) => computeSyncState(s.network, s.link === 'online')));
  if (state.kind === 'off') return null;
  return (
    <div className={`sync-indicator sync-${state.kind}`} role="status" aria-live="polite" data-testid="sync-indicator" data-state={state.kind} title={state.kind === 'offline' ? t('sync.offlineHint') : undefined}>
      <span className="dot" aria-hidden="true" />
      {state.kind === 'offline' ? (
        t('sync.offline')
      ) : (
        <>
          <span data-testid="sync-connected">{t('sync.connected', { count: state.connected })}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="sync-progress">{state.kind === 'up-to-date' ? t('sync.upToDate') : state.pending > 0 ? t('sync.syncing', { count: state.pending }) : t('sync.syncingStart')}</span>
        </>
      )}
    </div>
  );
}
