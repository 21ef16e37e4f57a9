// "Join a workspace" from the first-run screen: the invite code (or `tandem://join` link) a
// teammate sent, then the person's name and team (or "already a member", who then picks
// themselves once the workspace arrives). The local peer checks the invite; its refusals (a
// typo, another workspace) are shown translated.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../shared/model/workspace';
import { useRuntime } from '../context';
import { Modal } from './BackupDialog';
import { FieldError, type ShownError } from './FieldError';

export function JoinDialog({ onClose }: { onClose: () => void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [memberName, setMemberName] = useState('');
  const [team, setTeam] = useState<Team>('product');
  const [as, setAs] = useState<'new' | 'existing'>('new');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await runtime.network.join(as === 'new' ? { as, code, memberName, team } : { as, code });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onClose();
  }
  const nameError = error?.field === 'memberName' ? error : null;
  const codeError = error && error.field !== 'memberName' ? error : null;

  return (
    <Modal title={t('join.title')} onClose={onClose} busy={busy}>
      <form className="join-form" onSubmit={submit} noValidate>
        <label>
          {t('join.code')}
          <textarea name="inviteCode" rows={3} value={code} onChange={(e) => setCode(e.target.value)} autoFocus aria-invalid={!!codeError} aria-describedby="join-code-hint" />
        </label>
        <p id="join-code-hint" className="muted small">
          {t('join.codeHint')}
        </p>
        <FieldError error={codeError} />
        <fieldset>
          {(['new', 'existing'] as const).map((value) => (
            <label key={value} className="radio">
              <input type="radio" name="joinAs" value={value} checked={as === value} onChange={() => setAs(value)} />
              {t(value === 'new' ? 'join.asNew' : 'join.asExisting')}
            </label>
          ))}
        </fieldset>
        {as === 'new' && (
          <>
            <label>
              {t('firstRun.yourName')}
              <input name="joinMemberName" value={memberName} onChange={(e) => setMemberName(e.target.value)} autoComplete="name" aria-invalid={!!nameError} />
            </label>
            <FieldError error={nameError} />
            <fieldset>
              <legend>{t('firstRun.yourTeam')}</legend>
              {(['product', 'operations', 'shared'] as const).map((value) => (
                <label key={value} className="radio">
                  <input type="radio" name="joinTeam" value={value} checked={team === value} onChange={() => setTeam(value)} />
                  {t(`team.${value}`)}
                </label>
              ))}
            </fieldset>
          </>
        )}
        <div className="actions">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('join.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('join.joining') : t('join.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
