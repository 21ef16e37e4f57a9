// Always-visible sync status next to the save indicator, from the peer's pushed network status:
// a person working alone reads "Only on this laptop" with what it means and a way to invite
// teammates; otherwise Offline (its meaning beside it), or Connected to N teammates with
// Syncing (k changes pending) or Up to date.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useRuntime } from '../context';
import { computeSyncState } from '../network/sync-state';

export function SyncIndicator() {
  const { t } = useTranslation();
  const runtime = useRuntime();
  const state = useApp(useShallow((s) => computeSyncState(s.network, s.link === 'online')));
  // Alone: nobody else in the workspace and no teammate's laptop or hub ever seen.
  const alone = useApp((s) => s.link === 'online' && (s.workspace?.members.length ?? 0) <= 1 && (s.network?.peers.length ?? 0) === 0);
  if (state.kind === 'off') return null;
  if (state.kind === 'offline' && alone)
    return (
      <div className="sync-status sync-status-alone">
        <div className="sync-alone-line">
          <div className="sync-indicator sync-alone" role="status" aria-live="polite" data-testid="sync-indicator" data-state="alone" aria-describedby="sync-meaning">
            <span className="dot" aria-hidden="true" />
            {t('calm.alone')}
          </div>
          <span aria-hidden="true">·</span>
          <button type="button" className="link-button" onClick={() => runtime.store.setState({ appDialog: 'invite' })}>
            {t('invite.open')}
          </button>
        </div>
        <span id="sync-meaning" className="sync-meaning">
          {t('calm.aloneHint')}
        </span>
      </div>
    );
  return (
    <div className="sync-status">
      <div className={`sync-indicator sync-${state.kind}`} role="status" aria-live="polite" data-testid="sync-indicator" data-state={state.kind} aria-describedby={state.kind === 'offline' ? 'sync-meaning' : undefined}>
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
      {state.kind === 'offline' && (
        <span id="sync-meaning" className="sync-meaning">
          {t('calm.offlineMeaning')}
        </span>
      )}
    </div>
  );
}
