// My saved views of this board, as entries of the board's "⋯" menu: pick one to apply its view,
// sort and filters (the one in force is checked); save the current ones under a name (a small
// dialog); delete the one in force.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedViewSnapshot } from '../../../../../shared/model/feedback/views';
import { useApp, useRuntime } from '../../../context';
import { Dialog } from '../../../components/dialog/Dialog';
import { FieldError, type ShownError } from '../../../components/FieldError';
import type { MenuEntry } from '../../../components/dialog/Menu';
import type { FeedbackFilters } from '../filtering';

const NONE: readonly never[] = [];

function sameFilters(a: FeedbackFilters, b: FeedbackFilters): boolean {
  return (Object.keys(a) as (keyof FeedbackFilters)[]).every((k) => a[k] === b[k]);
}

/** The "Saved views" submenu: my views (the one matching what is shown is checked), save, delete. */
export function useSavedViewEntries(onSave: () => void): MenuEntry {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const views: readonly SavedViewSnapshot[] = useApp((s) => (s.activeBoardId ? s.savedViews[s.activeBoardId] : undefined) ?? NONE);
  const view = useApp((s) => s.feedbackView);
  const sort = useApp((s) => s.feedbackSort);
  const filters = useApp((s) => s.feedbackFilters);
  const current = views.find((v) => v.view === view && v.sort === sort && sameFilters(v.filters, filters));
  const entries: MenuEntry[] =
    views.length === 0
      ? [{ kind: 'note', label: t('feedback.toolbar.noSavedViews') }]
      : views.map((v) => ({ kind: 'check', label: v.name, checked: v === current, onSelect: () => runtime.feedback.applyView(v) }));
  entries.push({ kind: 'separator' }, { kind: 'item', label: t('feedback.saveView'), onSelect: onSave });
  if (current) entries.push({ kind: 'item', label: t('feedback.toolbar.deleteView', { name: current.name }), danger: true, onSelect: () => void runtime.feedback.deleteView(current.id) });
  return { kind: 'sub', label: t('feedback.savedViews'), entries };
}

/** Names and saves the view, sort and filters shown now. */
export function SaveViewDialog({ onClose }: { onClose(): void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  function save(e: FormEvent) {
    e.preventDefault();
    const result = runtime.feedback.saveView(name);
    if (!result.ok) return setError(result.error);
    runtime.store.setState({ toast: { id: Date.now(), messageKey: 'feedback.viewSaved', params: { name: name.trim() }, undoable: false } });
    onClose();
  }
  return (
    <Dialog title={t('feedback.toolbar.saveViewTitle')} onClose={onClose}>
      <form onSubmit={save}>
        <p className="muted small">{t('feedback.toolbar.saveViewHint')}</p>
        <label>
          {t('feedback.viewName')}
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
        <FieldError error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('item.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('feedback.saveViewButton')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
