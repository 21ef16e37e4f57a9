// The back-up and restore dialogs. Backing up downloads one file of the whole workspace;
// restoring checks the chosen file in the local peer first, shows what it holds, and only
// writes after the person confirms. Every refusal is shown translated; it changed nothing.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSummary } from '../../../shared/api/link';
import type { BackupPhase, CheckedBackup } from '../backup-actions';
import { useApp, useRuntime } from '../context';
import { formatNumber } from '../i18n/i18n';
import { Dialog } from './dialog/Dialog';
import { FieldError, type ShownError } from './FieldError';

/** Saves bytes as a download: a Blob and an `<a download>`, which the desktop app handles too. */
export function downloadFile(bytes: Uint8Array<ArrayBuffer>, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function useSize(): (bytes: number) => string {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  return (bytes) => (bytes < 1024 * 1024 ? t('backup.sizeKb', { value: formatNumber(Math.max(1, Math.ceil(bytes / 1024)), locale, 0) }) : t('backup.sizeMb', { value: formatNumber(bytes / 1024 / 1024, locale, 1) }));
}

function Progress({ label, fraction }: { label: string; fraction: number | null }) {
  const { t } = useTranslation();
  return (
    <div className="backup-progress">
      <progress max={1} {...(fraction === null ? {} : { value: fraction })} aria-label={t('backup.progress')} />
      <p role="status">{label}</p>
    </div>
  );
}

export function BackUpDialog({ onClose }: { onClose: () => void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const name = useApp((s) => s.workspace?.name ?? '');
  const size = useSize();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [saved, setSaved] = useState<{ fileName: string; size: string } | null>(null);

  async function download() {
    setBusy(true);
    setError(null);
    const result = await runtime.backup.create();
    setBusy(false);
    if (!result.ok) return setError(result.error);
    downloadFile(result.value.bytes, result.value.fileName);
    setSaved({ fileName: result.value.fileName, size: size(result.value.bytes.byteLength) });
  }

  return (
    <Dialog title={t('backup.backUpTitle')} onClose={onClose} busy={busy}>
      <p>{t('backup.backUpIntro', { name })}</p>
      {busy && <Progress label={t('backup.preparing')} fraction={null} />}
      {saved && (
        <p className="banner info" role="status">
          {t('backup.saved', saved)}
        </p>
      )}
      <FieldError error={error} />
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy}>
          {t('backup.close')}
        </button>
        <button type="button" className="primary" onClick={() => void download()} disabled={busy} autoFocus>
          {t('backup.download')}
        </button>
      </div>
    </Dialog>
  );
}

type Step = { kind: 'choose' } | { kind: 'busy'; phase: BackupPhase; fraction: number | null } | { kind: 'confirm'; backup: CheckedBackup } | { kind: 'done'; summary: BackupSummary };

const PHASE_KEYS: Record<BackupPhase, string> = { reading: 'backup.reading', sending: 'backup.sending', checking: 'backup.checking', restoring: 'backup.restoring' };

export function RestoreDialog({ onClose }: { onClose: () => void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<ShownError | null>(null);
  const [memberId, setMemberId] = useState<string | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = step.kind === 'busy';
  const onProgress = (phase: BackupPhase, fraction: number | null) => setStep({ kind: 'busy', phase, fraction });

  function refuse(shown: ShownError) {
    setError(shown);
    setStep({ kind: 'choose' });
    // The same file may be chosen again (after it was fixed, say): clear the input.
    if (fileInput.current) fileInput.current.value = '';
    fileInput.current?.focus();
  }

  async function check(file: File | undefined) {
    if (!file) return;
    setError(null);
    const result = await runtime.backup.check(file, onProgress);
    if (!result.ok) return refuse(result.error);
    setMemberId(result.value.summary.members[0]?.id);
    setStep({ kind: 'confirm', backup: result.value });
  }

  async function restore(backup: CheckedBackup) {
    setError(null);
    const result = await runtime.backup.restore(backup, backup.summary.target === 'empty' ? memberId : undefined, onProgress);
    if (!result.ok) return refuse(result.error);
    // Into an empty install the workspace opens and this dialog goes with the first-run screen.
    setStep({ kind: 'done', summary: result.value });
  }

  return (
    <Dialog title={t('backup.restoreTitle')} onClose={onClose} busy={busy}>
      {step.kind !== 'done' && (
        <>
          <p>{t('backup.restoreIntro')}</p>
          <label>
            {t('backup.file')}
            <input ref={fileInput} type="file" name="backupFile" accept=".tandem,application/octet-stream" disabled={busy} onChange={(e) => void check(e.target.files?.[0])} autoFocus aria-invalid={!!error} />
          </label>
        </>
      )}
      {step.kind === 'busy' && <Progress label={t(PHASE_KEYS[step.phase])} fraction={step.fraction} />}
      <FieldError error={error} />
      {step.kind === 'confirm' && <BackupContents summary={step.backup.summary} memberId={memberId} onChooseMember={setMemberId} />}
      {step.kind === 'done' && (
        <p className="banner info" role="status">
          {t(step.summary.target === 'same-workspace' ? 'backup.restoredMerge' : 'backup.restored', { name: step.summary.workspaceName })}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy}>
          {step.kind === 'done' ? t('backup.close') : t('backup.cancel')}
        </button>
        {step.kind === 'confirm' && (
          <button type="button" className="primary" onClick={() => void restore(step.backup)}>
            {t('backup.confirm')}
          </button>
        )}
      </div>
    </Dialog>
  );
}

/** What a checked backup holds, and on an empty install which member the person is. */
function BackupContents({ summary, memberId, onChooseMember }: { summary: BackupSummary; memberId: string | undefined; onChooseMember: (id: string) => void }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const size = useSize();
  const madeOn = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(summary.createdAt));
  return (
    <section className="backup-contents" aria-label={t('backup.holds')} data-testid="backup-contents">
      <h3>{t('backup.holds')}</h3>
      <dl>
        <dt>{t('backup.workspace')}</dt>
        <dd>{summary.workspaceName}</dd>
        <dt>{t('backup.madeOn')}</dt>
        <dd>{madeOn}</dd>
        <dt>{t('backup.boards')}</dt>
        <dd data-testid="backup-boards">{formatNumber(summary.boards, locale, 0)}</dd>
        <dt>{t('backup.members')}</dt>
        <dd>{summary.members.map((m) => m.name).join(locale === 'zh-CN' ? '、' : ', ')}</dd>
        <dt>{t('backup.size')}</dt>
        <dd>{size(summary.bytes)}</dd>
      </dl>
      <p className="muted small">{t('backup.madeWith', { version: summary.appVersion })}</p>
      {summary.target === 'empty' ? (
        <>
          <p>{t('backup.emptyNote')}</p>
          <fieldset className="backup-members">
            <legend>{t('backup.whoAreYou')}</legend>
            {summary.members.map((m) => (
              <label key={m.id} className="radio">
                <input type="radio" name="backupMember" value={m.id} checked={memberId === m.id} onChange={() => onChooseMember(m.id)} />
                {m.name}
              </label>
            ))}
            <p className="muted small">{t('backup.whoAreYouHint')}</p>
          </fieldset>
        </>
      ) : (
        <p className="banner info">{t('backup.mergeNote')}</p>
      )}
    </section>
  );
}
