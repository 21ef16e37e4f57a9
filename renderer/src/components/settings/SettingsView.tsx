// The Settings view, reached from the sidebar's one gear entry: language, backup and restore,
// network and the company relay, the sample data, and leaving the workspace — the admin kept apart from boards.
import { useTranslation } from 'react-i18next';
import { useRuntime } from '../../context';
import type { AppDialog } from '../../state/store';
import { LanguageSwitch } from '../LanguageSwitch';
import { NetworkView } from '../NetworkView';
import { SampleSettings } from '../SampleNotice';

function Section({ id, title, hint, children }: { id: string; title: string; hint: string; children: React.ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={`settings-${id}`}>
      <h2 id={`settings-${id}`}>{title}</h2>
      <p className="muted small">{hint}</p>
      {children}
    </section>
  );
}

export function SettingsView() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const open = (appDialog: AppDialog) => runtime.store.setState({ appDialog });
  return (
    <div className="settings-view" data-testid="settings-view">
      <h1>{t('settings.title')}</h1>
      <Section id="language" title={t('settings.language')} hint={t('settings.languageHint')}>
        <LanguageSwitch />
      </Section>
      <Section id="backup" title={t('settings.backup')} hint={t('settings.backupHint')}>
        <div className="settings-actions">
          <button type="button" onClick={() => open('back-up')}>
            {t('backup.backUp')}
          </button>
          <button type="button" onClick={() => open('restore')}>
            {t('backup.restore')}
          </button>
          <button type="button" onClick={() => open('import-unsynced')}>
            {t('unsynced.import')}
          </button>
        </div>
      </Section>
      <Section id="network" title={t('settings.network')} hint={t('settings.networkHint')}>
        <NetworkView />
      </Section>
      <Section id="sample" title={t('settings.sample')} hint={t('settings.sampleHint')}>
        <SampleSettings />
      </Section>
      <Section id="workspace" title={t('settings.workspace')} hint={t('settings.workspaceHint')}>
        <div className="settings-actions">
          <button type="button" onClick={() => open('leave')}>
            {t('leave.open')}
          </button>
        </div>
      </Section>
    </div>
  );
}
