// "Join a workspace" from the first-run screen: the invite code (or `tandem://join` link) a
// teammate sent, then the person's name and team (or "already a member", who then picks
// themselves once the workspace arrives). The local peer checks the invite; its refusals (a
// typo, another workspace) are shown translated.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../shared/model/workspace';
import { useRuntime } from '../context';
import { Dialog } from './dialog/Dialog';
import { FieldError, type ShownError } from './FieldError';

/**
 * `initialCode`: a `tandem://join` link the OS opened Tandem with. `inWorkspace`: this laptop
 * already holds a workspace, so the invite only refreshes its secret and addresses (after the
 * secret was rotated, say); an invite to another workspace is refused by the peer.
 */
export function JoinDialog({ onClose, initialCode = '', inWorkspace = false }: { onClose: () => void; initialCode?: string; inWorkspace?: boolean }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [code, setCode] = useState(initialCode);
  const [memberName, setMemberName] = useState('');
  const [team, setTeam] = useState<Team>('product');
  const [as, setAs] = useState<'new' | 'existing'>('new');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [confirmNewSecret, setConfirmNewSecret] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = inWorkspace ? await runtime.network.useInvite(code, confirmNewSecret) : await runtime.network.join(as === 'new' ? { as, code, memberName, team } : { as, code });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onClose();
  }
  const nameError = error?.field === 'memberName' ? error : null;
  const codeError = error && error.field !== 'memberName' ? error : null;

  return (
    <Dialog title={t(inWorkspace ? 'join.useTitle' : 'join.title')} onClose={onClose} busy={busy}>
      <form className="join-form" onSubmit={submit} noValidate>
        <label>
          {t('join.code')}
          <textarea name="inviteCode" rows={3} value={code} onChange={(e) => setCode(e.target.value)} autoFocus aria-invalid={!!codeError} aria-describedby="join-code-hint" />
        </label>
        <p id="join-code-hint" className="muted small">
          {t('join.codeHint')}
        </p>
        <FieldError error={codeError} />
        {inWorkspace && <p className="muted small">{t('join.useHint')}</p>}
        {inWorkspace && error?.messageKey === 'errors.inviteNewSecret' && (
          <label className="radio">
            <input type="checkbox" checked={confirmNewSecret} onChange={(e) => setConfirmNewSecret(e.target.checked)} />
            {t('join.confirmNewSecret')}
          </label>
        )}
        <fieldset hidden={inWorkspace}>
          {(['new', 'existing'] as const).map((value) => (
            <label key={value} className="radio">
              <input type="radio" name="joinAs" value={value} checked={as === value} onChange={() => setAs(value)} />
              {t(value === 'new' ? 'join.asNew' : 'join.asExisting')}
            </label>
          ))}
        </fieldset>
        {as === 'new' && !inWorkspace && (
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
            {busy ? t('join.joining') : t(inWorkspace ? 'join.useSubmit' : 'join.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
