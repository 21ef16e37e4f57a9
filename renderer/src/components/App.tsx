// The app frame: language, global keyboard shortcuts (undo/redo), and which screen shows —
// opening, first run, or the workspace.
import { useEffect, useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createI18n } from '../i18n/i18n';
import { RuntimeContext, useApp, useRuntime } from '../context';
import type { Runtime } from '../runtime';
import { FirstRun } from './FirstRun';
import { isTextField } from './text-field';
import { Workspace } from './Workspace';

function Screens() {
  const boot = useApp((s) => s.boot);
  const link = useApp((s) => s.link);
  const runtime = useRuntime();
  const { t } = useTranslation();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTextField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) runtime.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') runtime.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runtime]);
  if (boot === 'first-run') return <FirstRun />;
  if (boot === 'ready') return <Workspace />;
  if (link === 'offline')
    return (
      <main className="splash" role="alert">
        <div className="card no-peer">
          <h1>{t('app.noPeerTitle')}</h1>
          <p>{t('app.noPeerHint')}</p>
          <p className="muted">{t('app.retrying')}</p>
        </div>
      </main>
    );
  return (
    <main className="splash" aria-busy="true">
      <p>{t('app.loading')}</p>
    </main>
  );
}

export function App({ runtime }: { runtime: Runtime }) {
  const i18n = useMemo(() => createI18n(runtime.store.getState().locale), [runtime]);
  useEffect(
    () =>
      runtime.store.subscribe((s, prev) => {
        if (s.locale !== prev.locale) void i18n.changeLanguage(s.locale);
      }),
    [runtime, i18n],
  );
  useEffect(() => {
    const sync = () => {
      document.documentElement.lang = runtime.store.getState().locale;
      document.title = i18n.t('app.name');
    };
    sync();
    // Only a language change touches the document: this runs on every store change otherwise.
    return runtime.store.subscribe((s, prev) => s.locale !== prev.locale && sync());
  }, [runtime, i18n]);
  return (
    <RuntimeContext.Provider value={runtime}>
      <I18nextProvider i18n={i18n}>
        <Screens />
      </I18nextProvider>
    </RuntimeContext.Provider>
  );
}
