// A feedback board on screen: header (name, new item), the one-row toolbar, empty states that
// offer the next step, the chosen view (kanban, table or impact × effort matrix), the item
// detail panel and dialogs.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useRuntime } from '../../../context';
import { boardToCsv, boardToMarkdown, download, exportFileName } from '../export';
import { hasFilters, matchesFeedbackFilters, NO_FEEDBACK_FILTERS, queryWords, sortFeedbackItems, type FeedbackFilters, type FeedbackSort } from '../filtering';
import type { FeedbackColumnSnapshot } from '../../../../../shared/model/feedback/snapshots';
import { channelLabel, statusLabel } from '../labels';
import { selectFeedbackBoard } from '../../../state/store';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { BoardSettingsDialog } from './BoardSettingsDialog';
import { FEEDBACK_VIEW_PANEL, FEEDBACK_VIEW_TABS, FeedbackToolbar } from './FeedbackToolbar';
import { viewTabId } from '../../../components/ViewTabs';
import { ImportDialog } from './ImportDialog';
import { ItemDetail } from './ItemDetail';
import { KanbanView, type VisibleColumn } from './KanbanView';
import { MatrixView } from './MatrixView';
import { NewItemDialog } from './NewItemDialog';
import { TableView } from './TableView';

const visibleColumns = new WeakMap<FeedbackColumnSnapshot, { filters: FeedbackFilters; sort: FeedbackSort; column: VisibleColumn }>();

/**
 * A column as shown, reused while its snapshot, the filters and the sort are unchanged: a
 * remote edit to one card then re-renders only that card's column (and the card).
 */
function visibleColumn(c: FeedbackColumnSnapshot, filters: FeedbackFilters, sort: FeedbackSort): VisibleColumn {
  const cached = visibleColumns.get(c);
  if (cached && cached.filters === filters && cached.sort === sort) return cached.column;
  const words = queryWords(filters.text);
  // No filter and the board's own order: the column as it is, with no pass over its cards.
  const shown = hasFilters(filters) ? c.items.filter((i) => matchesFeedbackFilters(i, filters, words)) : c.items;
  const column = { status: c.status, all: c.items, items: sortFeedbackItems(shown, sort) };
  visibleColumns.set(c, { filters, sort, column });
  return column;
}

export function FeedbackBoard() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const board = useApp(selectFeedbackBoard);
  const ref = useApp((s) => s.workspace?.boards.find((b) => b.id === s.activeBoardId));
  const filters = useApp((s) => s.feedbackFilters);
  const sort = useApp((s) => s.feedbackSort);
  const view = useApp((s) => s.feedbackView);
  const selectedItemId = useApp((s) => s.selectedItemId);
  const dialog = useApp((s) => s.feedbackDialog);
  const members = useApp((s) => s.workspace?.members ?? []);
  const today = useApp((s) => s.today);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [settings, setSettings] = useState(false);
  const [renameError, setRenameError] = useState<ShownError | null>(null);

  const columns = useMemo<VisibleColumn[]>(() => {
    if (!board) return [];
    return board.columns.filter((c) => c.status.kind !== 'merged' || filters.statusId === c.status.id).map((c) => visibleColumn(c, filters, sort));
  }, [board, filters, sort]);
  const visibleItems = useMemo(() => sortFeedbackItems(columns.flatMap((c) => c.items), sort), [columns, sort]);

  if (!board || !ref) return <p className="muted pad" aria-busy="true">{t('app.loading')}</p>;
  const readOnly = board.readOnly || ref.archived;
  const firstColumn = board.statuses.find((st) => st.kind !== 'merged');
  const liveCount = board.columns.reduce((n, c) => (c.status.kind === 'merged' ? n : n + c.items.length), 0);

  const exportBoard = (kind: 'csv' | 'markdown') => {
    const names = { status: (id: string) => statusLabel(board.statuses.find((s) => s.id === id), t), channel: (id: string | null) => channelLabel(board.channels.find((c) => c.id === id), t) };
    if (kind === 'csv') download(exportFileName(ref.name, 'csv', today), boardToCsv(board, members, names), 'text/csv;charset=utf-8');
    else download(exportFileName(ref.name, 'md', today), boardToMarkdown(ref.name, board, names), 'text/markdown;charset=utf-8');
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
        {t('feedback.count', { count: visibleItems.length })}
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
      {liveCount > 0 && visibleItems.length === 0 && hasFilters(filters) && (
        <div className="empty-state" data-testid="feedback-empty-filtered">
          <p>{t('feedback.emptyFiltered')}</p>
          <div className="empty-actions">
            <button onClick={clearFilters}>{t('feedback.clearFilters')}</button>
          </div>
        </div>
      )}
      <div className="board-body feedback-body">
        <div className="feedback-view" role="tabpanel" id={FEEDBACK_VIEW_PANEL} aria-labelledby={viewTabId(FEEDBACK_VIEW_TABS, view)}>
          {view === 'kanban' && <KanbanView board={board} columns={columns} />}
          {view === 'table' && <TableView board={board} items={visibleItems} />}
          {view === 'matrix' && <MatrixView items={visibleItems} />}
        </div>
        {selectedItemId && board.items.has(selectedItemId) && <ItemDetail key={selectedItemId} board={board} itemId={selectedItemId} readOnly={readOnly} />}
      </div>
      {dialog === 'new-item' && <NewItemDialog board={board} />}
      {dialog === 'import' && <ImportDialog board={board} />}
      {settings && <BoardSettingsDialog board={board} onClose={() => setSettings(false)} />}
    </div>
  );
}
