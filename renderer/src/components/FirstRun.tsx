// First run: the person's name and team, and the workspace's name. The local peer creates
// the workspace (its id stays in the peer's data folder) with a Goals board in it. Or the
// person joins a teammate's workspace by invite, or restores one from a backup file instead.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../shared/model/workspace';
import { useApp, useRuntime } from '../context';
import { RestoreDialog } from './BackupDialog';
import { FieldError } from './FieldError';
import { JoinDialog } from './JoinDialog';
import { LanguageSwitch } from './LanguageSwitch';

export function FirstRun() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const online = useApp((s) => s.link === 'online');
  const openedInviteLink = useApp((s) => s.openedInviteLink);
  const [memberName, setMemberName] = useState('');
  const [team, setTeam] = useState<Team>('product');
  const [workspaceName, setWorkspaceName] = useState('');
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<{ messageKey: string; field?: string; params: Record<string, string | number> } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await runtime.createWorkspace({ memberName, team, workspaceName, goalsBoardName: t('firstRun.defaultGoalsBoard') });
    setBusy(false);
    if (!result.ok) setError(result.error);
  }
  const errorFor = (field: string) => (error && error.field === field ? error : null);

  return (
    <main className="first-run" id="main">
      <form className="card first-run-card" onSubmit={submit} aria-labelledby="first-run-title" noValidate>
        <div className="first-run-head">
          <h1 id="first-run-title">{t('firstRun.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('firstRun.intro')}</p>
        <label>
          {t('firstRun.yourName')}
          <input name="memberName" value={memberName} onChange={(e) => setMemberName(e.target.value)} autoFocus autoComplete="name" aria-invalid={!!errorFor('memberName')} />
        </label>
        <FieldError error={errorFor('memberName')} />
        <fieldset>
          <legend>{t('firstRun.yourTeam')}</legend>
          {(['product', 'operations', 'shared'] as const).map((value) => (
            <label key={value} className="radio">
              <input type="radio" name="team" value={value} checked={team === value} onChange={() => setTeam(value)} />
              {t(`team.${value}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('firstRun.workspaceName')}
          <input name="workspaceName" value={workspaceName} placeholder={t('firstRun.workspacePlaceholder')} onChange={(e) => setWorkspaceName(e.target.value)} aria-invalid={!!errorFor('workspaceName')} />
        </label>
        <FieldError error={errorFor('workspaceName')} />
        {error && !error.field && <FieldError error={error} />}
        {!online && <p className="muted" role="status">{t('firstRun.needsPeer')}</p>}
        <button type="submit" className="primary" disabled={busy || !online}>
          {busy ? t('firstRun.creating') : t('firstRun.create')}
        </button>
      </form>
      {/* Outside the form: the dialogs' events must not reach the form's submit. */}
      <section className="card first-run-restore" aria-label={t('join.title')}>
        <span className="muted">{t('join.prompt')}</span>
        <button type="button" onClick={() => setJoining(true)} disabled={!online}>
          {t('join.open')}
        </button>
      </section>
      {(joining || openedInviteLink) && (
        <JoinDialog
          initialCode={openedInviteLink ?? ''}
          onClose={() => {
            setJoining(false);
            runtime.store.setState({ openedInviteLink: null });
          }}
        />
      )}
      <section className="card first-run-restore" aria-label={t('backup.restoreTitle')}>
        <span className="muted">{t('backup.firstRunPrompt')}</span>
        <button type="button" onClick={() => setRestoring(true)} disabled={!online}>
          {t('backup.restore')}
        </button>
      </section>
      {restoring && <RestoreDialog onClose={() => setRestoring(false)} />}
    </main>
  );
}
