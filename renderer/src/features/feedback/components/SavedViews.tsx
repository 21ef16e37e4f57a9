// My saved views of this board: pick one to apply its view, sort and filters; save the
// current ones under a name; delete one.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useRuntime } from '../../../context';
import { FieldError, type ShownError } from '../../../components/FieldError';

const NONE: readonly never[] = [];

export function SavedViews() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const views = useApp((s) => (s.activeBoardId ? s.savedViews[s.activeBoardId] : undefined) ?? NONE);
  const [chosen, setChosen] = useState('');
  const [naming, setNaming] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  function save(e: FormEvent) {
    e.preventDefault();
    if (naming === null) return;
    const result = runtime.feedback.saveView(naming);
    if (!result.ok) return setError(result.error);
    setError(null);
    setChosen(result.value);
    runtime.store.setState({ toast: { id: Date.now(), messageKey: 'feedback.viewSaved', params: { name: naming.trim() }, undoable: false } });
    setNaming(null);
  }
  return (
    <div className="saved-views">
      <label className="inline">
        {t('feedback.savedViews')}
        <select
          value={views.some((v) => v.id === chosen) ? chosen : ''}
          onChange={(e) => {
            setChosen(e.target.value);
            const view = views.find((v) => v.id === e.target.value);
            if (view) runtime.feedback.applyView(view);
          }}
        >
          <option value="">{t('feedback.chooseView')}</option>
          {views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {views.some((v) => v.id === chosen) && (
        <button className="link-button small" onClick={() => runtime.feedback.deleteView(chosen)}>
          {t('feedback.deleteView')}
        </button>
      )}
      {naming === null ? (
        <button onClick={() => setNaming('')}>{t('feedback.saveView')}</button>
      ) : (
        <form className="inline-form" onSubmit={save}>
          <input aria-label={t('feedback.viewName')} value={naming} onChange={(e) => setNaming(e.target.value)} autoFocus onKeyDown={(e) => e.key === 'Escape' && setNaming(null)} />
          <button type="submit">{t('feedback.saveViewButton')}</button>
          <FieldError error={error} />
        </form>
      )}
    </div>
  );
}
