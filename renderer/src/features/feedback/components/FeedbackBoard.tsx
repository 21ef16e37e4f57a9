// A feedback board on screen: header (name, new item), the one-row toolbar, empty states that
// offer the next step, the chosen view (kanban, table or impact × effort matrix), the item
// detail panel and dialogs. The shell selects only what it shows (statuses, channels, tags,
// counts), so an edit to one card does not re-render it; the kanban's columns and cards select
// their own (board-view.ts), and the panels read the whole board only while one is open.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useRuntime } from '../../../context';
import { boardToCsv, boardToMarkdown, download, exportFileName } from '../export';
import { hasFilters, NO_FEEDBACK_FILTERS } from '../filtering';
import { channelLabel, statusLabel } from '../labels';
import { selectFeedbackBoard } from '../../../state/store';
import { selectBoardChrome, selectLiveCount, selectVisibleCount, selectVisibleItems } from '../board-view';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { BoardSettingsDialog } from './BoardSettingsDialog';
import { FEEDBACK_VIEW_PANEL, FEEDBACK_VIEW_TABS, FeedbackToolbar } from './FeedbackToolbar';
import { viewTabId } from '../../../components/ViewTabs';
import { ImportDialog } from './ImportDialog';
import { ItemDetail } from './ItemDetail';
import { KanbanView } from './KanbanView';
import { MatrixView } from './MatrixView';
import { NewItemDialog } from './NewItemDialog';
import { TableView } from './TableView';

/** The table or the matrix: every shown card, so these re-render on any change of one. */
function ListView({ view }: { view: 'table' | 'matrix' }) {
  const board = useApp(selectFeedbackBoard);
  const items = useApp(selectVisibleItems);
  if (!board) return null;
  return view === 'table' ? <TableView board={board} items={items} /> : <MatrixView items={items} />;
}

/** The open item's panel; the whole board is selected only while an item is open. */
function OpenItem({ readOnly }: { readOnly: boolean }) {
  const selectedItemId = useApp((s) => s.selectedItemId);
  const board = useApp((s) => (selectedItemId !== null ? selectFeedbackBoard(s) : null));
  if (!board || selectedItemId === null || !board.items.has(selectedItemId)) return null;
  return <ItemDetail key={selectedItemId} board={board} itemId={selectedItemId} readOnly={readOnly} />;
}

/** The board's dialogs; the whole board is selected only while one is open. */
function BoardDialogs({ settings, onCloseSettings }: { settings: boolean; onCloseSettings(): void }) {
  const dialog = useApp((s) => s.feedbackDialog);
  const open = settings || dialog === 'new-item' || dialog === 'import';
  const board = useApp((s) => (open ? selectFeedbackBoard(s) : null));
  if (!board) return null;
  return (
    <>
      {dialog === 'new-item' && <NewItemDialog board={board} />}
      {dialog === 'import' && <ImportDialog board={board} />}
      {settings && <BoardSettingsDialog board={board} onClose={onCloseSettings} />}
    </>
  );
}

export function FeedbackBoard() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const board = useApp(useShallow(selectBoardChrome));
  const ref = useApp((s) => s.workspace?.boards.find((b) => b.id === s.activeBoardId));
  const filters = useApp((s) => s.feedbackFilters);
  const view = useApp((s) => s.feedbackView);
  const visibleCount = useApp(selectVisibleCount);
  const liveCount = useApp(selectLiveCount);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [settings, setSettings] = useState(false);
  const [renameError, setRenameError] = useState<ShownError | null>(null);

  if (!board || !ref) return <p className="muted pad" aria-busy="true">{t('app.loading')}</p>;
  const readOnly = board.readOnly || ref.archived;
  const firstColumn = board.statuses.find((st) => st.kind !== 'merged');

  // The board as it is now, read at the click: the shell does not follow every card.
  const exportBoard = (kind: 'csv' | 'markdown') => {
    const { workspace, today } = runtime.store.getState();
    const full = selectFeedbackBoard(runtime.store.getState());
    if (!full) return;
    const members = workspace?.members ?? [];
    const names = { status: (id: string) => statusLabel(board.statuses.find((s) => s.id === id), t), channel: (id: string | null) => channelLabel(board.channels.find((c) => c.id === id), t) };
    if (kind === 'csv') download(exportFileName(ref.name, 'csv', today), boardToCsv(full, members, names), 'text/csv;charset=utf-8');
    else download(exportFileName(ref.name, 'md', today), boardToMarkdown(ref.name, full, names), 'text/markdown;charset=utf-8');
  };
  const openNewItem = () => runtime.store.setState({ feedbackDialog: 'new-item' });
  const openImport = () => runtime.store.setState({ feedbackDialog: 'import' });
  const clearFilters = () => runtime.store.setState({ feedbackFilters: NO_FEEDBACK_FILTERS });
  // The rename field came from the "⋯" menu: closing it gives focus back there.
  const stopRenaming = () => {
    setRenaming(null);
    setRenameError(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="board-menu"]')?.focus());
  };
  const saveName = () => {
    if (renaming === null) return;
    const result = runtime.feedback.renameBoard(ref.id, renaming);
    if (!result.ok) return setRenameError(result.error);
    stopRenaming();
  };
  const actions = {
    editable: !readOnly,
    archived: ref.archived,
    onRename: () => setRenaming(ref.name),
    onSettings: () => setSettings(true),
    onArchive: () => runtime.feedback.archiveBoard(ref.id),
    onExport: exportBoard,
  };

  return (
    <div className="feedback-board">
      <div className="board-header">
        {renaming === null ? (
          <h1>{ref.name}</h1>
        ) : (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              saveName();
            }}
          >
            <input aria-label={t('feedback.boardName')} value={renaming} onChange={(e) => setRenaming(e.target.value)} autoFocus onKeyDown={(e) => e.key === 'Escape' && stopRenaming()} />
            <button type="submit">{t('comments.save')}</button>
            <FieldError error={renameError} />
          </form>
        )}
        <div className="header-actions">
          {ref.archived ? (
            <button onClick={() => runtime.feedback.restoreBoard(ref.id)}>{t('feedback.restore')}</button>
          ) : (
            !readOnly && (
              <button className="primary" onClick={openNewItem}>
                + {t('feedback.newItem')}
              </button>
            )
          )}
        </div>
      </div>
      {ref.archived && (
        <p className="banner info" role="status">
          {t('feedback.archivedNotice')}
        </p>
      )}
      <FeedbackToolbar board={board} actions={actions} />
      <p className="muted small" role="status" aria-live="polite">
        {t('feedback.count', { count: visibleCount })}
      </p>
      {liveCount === 0 && (
        <div className="empty-state" data-testid="feedback-empty">
          <p>{t('feedback.empty')}</p>
          {!readOnly && (
            <div className="empty-actions">
              <button className="primary" onClick={openNewItem}>
                {t('feedback.emptyBoard.addFirst')}
              </button>
              <button onClick={openImport}>{t('feedback.emptyBoard.importCsv')}</button>
            </div>
          )}
          {view === 'kanban' && firstColumn && <p className="muted small">{t('feedback.emptyBoard.kanbanHint', { column: statusLabel(firstColumn, t) })}</p>}
        </div>
      )}
      {liveCount > 0 && visibleCount === 0 && hasFilters(filters) && (
        <div className="empty-state" data-testid="feedback-empty-filtered">
          <p>{t('feedback.emptyFiltered')}</p>
          <div className="empty-actions">
            <button onClick={clearFilters}>{t('feedback.clearFilters')}</button>
          </div>
        </div>
      )}
      <div className="board-body feedback-body">
        <div className="feedback-view" role="tabpanel" id={FEEDBACK_VIEW_PANEL} aria-labelledby={viewTabId(FEEDBACK_VIEW_TABS, view)}>
          {view === 'kanban' && <KanbanView readOnly={readOnly} />}
          {view !== 'kanban' && <ListView view={view} />}
        </div>
        <OpenItem readOnly={readOnly} />
      </div>
      <BoardDialogs settings={settings} onCloseSettings={() => setSettings(false)} />
    </div>
  );
}
