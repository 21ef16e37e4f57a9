// The feedback board's toolbar, in one row: the view tabs, a Filter button with a chip per
// active filter, the sort, and a "⋯" menu holding the board's other actions (rename, columns
// and channels, saved views, import, export, archive).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackBoardChrome } from '../board-view';
import { useApp, useRuntime } from '../../../context';
import { FEEDBACK_SORTS, type FeedbackViewKind } from '../filtering';
import { ViewTabs } from '../../../components/ViewTabs';
import { Menu, type MenuEntry } from '../../../components/dialog/Menu';
import { FilterButton, FilterChips, useActiveFilters } from './FeedbackFilterBar';
import { SaveViewDialog, useSavedViewEntries } from './SavedViews';
import '../feedback.css';

const FEEDBACK_VIEWS: readonly FeedbackViewKind[] = ['kanban', 'table', 'matrix'];
/** Ids tying the view tabs to the view they show (in FeedbackBoard). */
export const FEEDBACK_VIEW_TABS = 'feedback-view';
export const FEEDBACK_VIEW_PANEL = 'feedback-view-panel';

export interface BoardActions {
  /** Editing is allowed (not archived, not a newer schema). */
  editable: boolean;
  archived: boolean;
  onRename(): void;
  onSettings(): void;
  onArchive(): void;
  onExport(kind: 'csv' | 'markdown'): void;
}

export function FeedbackToolbar({ board, actions }: { board: FeedbackBoardChrome; actions: BoardActions }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const view = useApp((s) => s.feedbackView);
  const sort = useApp((s) => s.feedbackSort);
  const active = useActiveFilters(board);
  const [savingView, setSavingView] = useState(false);
  const savedViews = useSavedViewEntries(() => setSavingView(true));

  const entries: MenuEntry[] = [];
  if (!actions.archived) entries.push({ kind: 'item', label: t('feedback.rename'), onSelect: actions.onRename });
  if (actions.editable) entries.push({ kind: 'item', label: `${t('feedback.settings')}…`, onSelect: actions.onSettings });
  entries.push(savedViews, { kind: 'separator' });
  if (actions.editable) entries.push({ kind: 'item', label: t('import.button'), onSelect: () => runtime.store.setState({ feedbackDialog: 'import' }) });
  entries.push({ kind: 'item', label: t('export.csv'), onSelect: () => actions.onExport('csv') }, { kind: 'item', label: t('export.markdown'), onSelect: () => actions.onExport('markdown') });
  if (!actions.archived) entries.push({ kind: 'separator' }, { kind: 'item', label: t('feedback.archive'), onSelect: actions.onArchive, danger: true });

  return (
    <div className="feedback-toolbar one-row">
      <ViewTabs
        label={t('feedback.views.label')}
        tabs={FEEDBACK_VIEWS.map((v) => ({ value: v, label: t(`feedback.views.${v}`) }))}
        value={view}
        onChange={(v) => runtime.store.setState({ feedbackView: v })}
        idPrefix={FEEDBACK_VIEW_TABS}
        panelId={FEEDBACK_VIEW_PANEL}
      />
      <div className="toolbar-filters">
        <FilterButton board={board} activeCount={active.length} />
        <FilterChips active={active} />
      </div>
      <label className="toolbar-sort">
        <span>{t('feedback.sort.label')}</span>
        <select value={sort} onChange={(e) => runtime.store.setState({ feedbackSort: e.target.value as typeof sort })}>
          {FEEDBACK_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`feedback.sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <Menu label={t('feedback.toolbar.menu')} buttonContent={<span aria-hidden="true">⋯</span>} entries={entries} buttonClassName="board-menu-button" testId="board-menu" />
      {savingView && <SaveViewDialog onClose={() => setSavingView(false)} />}
    </div>
  );
}
