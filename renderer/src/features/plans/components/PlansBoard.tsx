// The plan board: one row of chrome (view tabs, "+ New plan item", export and print), the
// filters, then Now / Next / Later, the timeline, the calendar or "My work", beside the panel of
// the item open. An empty board offers adding the first item.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, type PlanItemSnapshot, type PlansBoardSnapshot } from '../../../../../shared/model/plans';
import { viewTabId, ViewTabs } from '../../../components/ViewTabs';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useApp } from '../../../context';
import { download, exportFileName } from '../../../export/download';
import { formatDate } from '../../../i18n/i18n';
import { useLinkTargets } from '../../links';
import { usePlanActions } from '../actions';
import { planToCsv, planToMarkdown, type PlanExportNames } from '../export';
import { filterPlanItems, hasPlanFilters, NO_PLAN_FILTERS, type PlanFilters } from '../filtering';
import { flagText } from '../labels';
import '../plans.css';
import { CalendarView } from './CalendarView';
import { ItemPanel } from './ItemPanel';
import { MyPlanWork } from './MyPlanWork';
import { NewItemDialog } from './NewItemDialog';
import { NowNextLater } from './NowNextLater';
import { PlanFiltersBar } from './PlanFiltersBar';
import { PlanPrint } from './PlanPrint';
import { Timeline } from './Timeline';

const EMPTY: PlansBoardSnapshot = { items: [], cycles: [] };
type PlanView = 'columns' | 'timeline' | 'calendar' | 'mine';
const VIEWS: readonly PlanView[] = ['columns', 'timeline', 'calendar', 'mine'];
const PANEL = 'plan-view-panel';

export function PlansBoard() {
  const { t } = useTranslation();
  const actions = usePlanActions();
  const board = useApp((s) => (s.activeBoardId && s.plansBoards[s.activeBoardId]) || EMPTY);
  const selectedId = useApp((s) => s.selectedItemId);
  const readOnly = useApp((s) => s.workspace?.readOnly ?? false);
  const boardName = useApp((s) => s.workspace?.boards.find((b) => b.id === s.activeBoardId)?.name) ?? t('plans.title');
  const members = useApp((s) => s.workspace?.members);
  const locale = useApp((s) => s.locale);
  const today = useApp((s) => s.today);
  const goals = useLinkTargets('goals');
  const [view, setView] = useState<PlanView>('columns');
  const [filters, setFilters] = useState<PlanFilters>(NO_PLAN_FILTERS);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const items = useMemo(() => filterPlanItems(board.items, filters), [board.items, filters]);
  const selected = board.items.find((i) => i.id === selectedId);
  const titleOf = useCallback((id: string) => board.items.find((i) => i.id === id)?.title ?? '?', [board.items]);
  const flagsOf = useCallback((item: PlanItemSnapshot) => item.flags.map((f) => flagText(f, titleOf, t)), [titleOf, t]);
  const open = useCallback((id: string) => actions.select(id), [actions]);
  const move = useCallback(
    (item: PlanItemSnapshot, startDays: number, endDays: number) => {
      if (item.start === null || item.end === null) return;
      const result = actions.setDates(item.id, addDays(item.start, startDays), addDays(item.end, endDays));
      setError(result.ok ? null : result.error);
    },
    [actions],
  );
  const names: PlanExportNames = {
    headers: t('plans.exportHeaders', { returnObjects: true }) as PlanExportNames['headers'],
    kind: (k) => t(`plans.kinds.${k}`),
    team: (k) => t(`team.${k}`),
    status: (s) => t(`plans.statuses.${s}`),
    horizon: (h) => t(`plans.horizons.${h}`),
    member: (id) => members?.find((m) => m.id === id)?.name ?? '',
    goal: (key) => goals.get(key)?.title ?? t('plans.missingLink'),
    date: (iso) => formatDate(iso, locale),
    flags: flagsOf,
  };
  const newButton = !readOnly && <button className="primary" onClick={() => setAdding(true)} data-testid="new-plan-item-button">+ {t('plans.newItem')}</button>;
  return (
    <div data-testid="plans-board" className="plans-board">
      <div className="board-header">
        <h1>{boardName}</h1>
        <ViewTabs label={t('plans.viewsLabel')} tabs={VIEWS.map((v) => ({ value: v, label: t(`plans.views.${v}`) }))} value={view} onChange={(v: PlanView) => setView(v)} idPrefix="plan-view" panelId={PANEL} />
        {newButton}
        <button onClick={() => download(exportFileName(boardName, 'md', today), planToMarkdown(boardName, items, names, today), 'text/markdown;charset=utf-8')} data-testid="plan-export-md">{t('plans.exportMarkdown')}</button>
        <button onClick={() => download(exportFileName(boardName, 'csv', today), planToCsv(items, names, today), 'text/csv;charset=utf-8')} data-testid="plan-export-csv">{t('plans.exportCsv')}</button>
        <button onClick={() => window.print()}>{t('plans.print')}</button>
      </div>
      {view !== 'mine' && <PlanFiltersBar filters={filters} onChange={setFilters} />}
      {board.cycles.length > 0 && (
        <p className="banner warning" role="status" data-testid="plan-cycles">
          ↻ {t('plans.cycles')}: {board.cycles.map((c) => c.map(titleOf).join(' → ')).join('; ')}
        </p>
      )}
      <FieldError error={error} />
      <div className={selected ? 'plan-main with-panel' : 'plan-main'}>
        <div id={PANEL} role="tabpanel" aria-labelledby={viewTabId('plan-view', view)} className="plan-view">
          {view === 'mine' ? (
            <MyPlanWork />
          ) : board.items.length === 0 ? (
            <div className="empty-state card">
              <p>{t('plans.empty')}</p>
              {newButton}
            </div>
          ) : items.length === 0 && hasPlanFilters(filters) ? (
            <p className="muted">{t('plans.emptyFiltered')}</p>
          ) : view === 'columns' ? (
            <NowNextLater items={items} onOpen={open} />
          ) : view === 'timeline' ? (
            <Timeline items={items} onOpen={open} onMove={move} />
          ) : (
            <CalendarView items={items} onOpen={open} />
          )}
        </div>
        {selected && <ItemPanel key={selected.id} board={board} item={selected} readOnly={readOnly} />}
      </div>
      <PlanPrint name={boardName} items={items} flagsOf={flagsOf} />
      {adding && <NewItemDialog onClose={() => setAdding(false)} />}
    </div>
  );
}
