// Edits kept only in this browser: while the hub is away, how many there are and a way to save
// them to a file; and the dialog that imports such a file in a tab of the hub's new address.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupPhase } from '../backup-actions';
import { useApp, useRuntime } from '../context';
import { downloadFile } from './BackupDialog';
import { Dialog } from './dialog/Dialog';
import { FieldError, type ShownError } from './FieldError';

/** Shown while the local peer is unreachable and this browser holds edits it has not acknowledged. */
export function UnsyncedBanner() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const count = useApp((s) => (s.link === 'online' ? 0 : s.unsynced));
  const [busy, setBusy] = useState(false);
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  if (count === 0) return null;

  async function save() {
    setBusy(true);
    setError(null);
    const result = await runtime.unsyncedActions.saveToFile();
    setBusy(false);
    if (!result.ok) return setError(result.error);
    downloadFile(result.value.bytes, result.value.fileName);
    setSavedAs(result.value.fileName);
  }

  return (
    <section className="banner warning unsynced-banner" aria-label={t('unsynced.title')} data-testid="unsynced-banner">
      <div>
        <p role="status" data-testid="unsynced-count">
          {t('unsynced.waiting', { count })}
        </p>
        <p className="small">{savedAs ? t('unsynced.saved', { fileName: savedAs }) : t('unsynced.waitingHint')}</p>
        <FieldError error={error} />
      </div>
      <button type="button" onClick={() => void save()} disabled={busy}>
        {busy ? t('unsynced.saving') : t('unsynced.save')}
      </button>
    </section>
  );
}

const PHASE_KEYS: Record<BackupPhase, string> = { reading: 'unsynced.checking', sending: 'unsynced.checking', checking: 'unsynced.checking', restoring: 'unsynced.importing' };

/** Checks a file of unsynced edits in the local peer and merges it into the workspace held. */
export function ImportUnsyncedDialog({ onClose }: { onClose: () => void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [phase, setPhase] = useState<BackupPhase | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = phase !== null;

  async function importFile(file: File | undefined) {
    if (!file) return;
    setError(null);
    const result = await runtime.unsyncedActions.importFile(file, (p) => setPhase(p));
    setPhase(null);
    if (result.ok) return setImported(result.value.workspaceName);
    setError(result.error);
    // The same file may be chosen again once fixed: clear the input.
    if (fileInput.current) fileInput.current.value = '';
    fileInput.current?.focus();
  }

  return (
    <Dialog title={t('unsynced.importTitle')} onClose={onClose} busy={busy}>
      {imported === null ? (
        <>
          <p>{t('unsynced.importIntro')}</p>
          <label>
            {t('unsynced.file')}
            <input ref={fileInput} type="file" name="unsyncedFile" accept=".tandem,application/octet-stream" disabled={busy} onChange={(e) => void importFile(e.target.files?.[0])} autoFocus aria-invalid={!!error} />
          </label>
        </>
      ) : (
        <p className="banner info" role="status">
          {t('unsynced.imported', { name: imported })}
        </p>
      )}
      {phase && <p role="status">{t(PHASE_KEYS[phase])}</p>}
      <FieldError error={error} />
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy}>
          {imported === null ? t('unsynced.cancel') : t('unsynced.close')}
        </button>
      </div>
    </Dialog>
  );
}
