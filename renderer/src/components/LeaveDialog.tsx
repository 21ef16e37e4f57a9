// "Leave workspace": this laptop stops syncing and deletes its copy of every board; teammates
// keep theirs. Before anything is deleted it says whether teammates have confirmed this
// laptop's changes, offers a backup first, and asks for a deliberate confirmation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useRuntime } from '../context';
import { BackUpDialog } from './BackupDialog';
import { Dialog } from './dialog/Dialog';
import { FieldError, type ShownError } from './FieldError';

export function LeaveDialog({ onClose }: { onClose: () => void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const name = useApp((s) => s.workspace?.name ?? '');
  const connected = useApp((s) => s.network?.peers.filter((p) => p.connected).length ?? 0);
  const pending = useApp((s) => Object.values(s.network?.pendingByDoc ?? {}).reduce((a, b) => a + b, 0));
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [backingUp, setBackingUp] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  // Without a connected teammate nobody can say the last changes reached one.
  const risk = connected === 0 ? 'leave.riskOffline' : pending > 0 ? 'leave.riskPending' : null;

  async function leave() {
    setBusy(true);
    setError(null);
    const result = await runtime.leaveWorkspace();
    // On success the window reloads into the first-run screen.
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
    }
  }

  return (
    <Dialog title={t('leave.title', { name })} onClose={onClose} busy={busy}>
      <p>{t('leave.explain')}</p>
      {risk && (
        <p className="banner warning" role="alert" data-testid="leave-risk">
          {t(risk, { count: pending })}
        </p>
      )}
      <label className="radio">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
        {t('leave.confirm', { name })}
      </label>
      <FieldError error={error} />
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy}>
          {t('join.cancel')}
        </button>
        <button type="button" onClick={() => setBackingUp(true)} disabled={busy}>
          {t('leave.backUpFirst')}
        </button>
        <button type="button" className="danger" onClick={() => void leave()} disabled={!confirmed || busy}>
          {busy ? t('leave.leaving') : t('leave.submit')}
        </button>
      </div>
      {/* On top of this dialog, so closing it comes back here, to "Back up first". */}
      {backingUp && <BackUpDialog onClose={() => setBackingUp(false)} />}
    </Dialog>
  );
}
