// The feedback board's toolbar: view tabs, sort, filters (status, channel, tag, owner,
// linked goal, text), and the import/export entries.
import { useTranslation } from 'react-i18next';
import type { FeedbackBoardSnapshot } from '../../../../../shared/model/feedback/snapshots';
import { useApp, useRuntime } from '../../../context';
import { useLinkTargets } from '../../links';
import { FEEDBACK_SORTS, hasFilters, NO_FEEDBACK_FILTERS, type FeedbackFilters, type FeedbackViewKind } from '../filtering';
import { SavedViews } from './SavedViews';
import { ViewTabs } from '../../../components/ViewTabs';
import { ChannelOptions, MemberOptions, StatusOptions } from '../../../components/options';

const FEEDBACK_VIEWS: readonly FeedbackViewKind[] = ['kanban', 'table', 'matrix'];
/** Ids tying the view tabs to the view they show (in FeedbackBoard). */
export const FEEDBACK_VIEW_TABS = 'feedback-view';
export const FEEDBACK_VIEW_PANEL = 'feedback-view-panel';

export function FeedbackToolbar({ board, onExport }: { board: FeedbackBoardSnapshot; onExport(kind: 'csv' | 'markdown'): void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const view = useApp((s) => s.feedbackView);
  const sort = useApp((s) => s.feedbackSort);
  const filters = useApp((s) => s.feedbackFilters);
  const members = useApp((s) => s.workspace?.members ?? []);
  const linkTargets = useLinkTargets('goals');
  const tags = board.tags;
  const set = (patch: Partial<FeedbackFilters>) => runtime.store.setState((s) => ({ feedbackFilters: { ...s.feedbackFilters, ...patch } }));
  const goals = [...linkTargets.values()];
  return (
    <div className="feedback-toolbar">
      <ViewTabs
        label={t('feedback.views.label')}
        tabs={FEEDBACK_VIEWS.map((v) => ({ value: v, label: t(`feedback.views.${v}`) }))}
        value={view}
        onChange={(v) => runtime.store.setState({ feedbackView: v })}
        idPrefix={FEEDBACK_VIEW_TABS}
        panelId={FEEDBACK_VIEW_PANEL}
      />
      <SavedViews />
      <label className="inline">
        {t('feedback.sort.label')}
        <select value={sort} onChange={(e) => runtime.store.setState({ feedbackSort: e.target.value as typeof sort })}>
          {FEEDBACK_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`feedback.sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="filters" role="group" aria-label={t('filters.label')}>
        <label>
          {t('feedback.filters.text')}
          <input type="search" value={filters.text} onChange={(e) => set({ text: e.target.value })} />
        </label>
        <label>
          {t('feedback.filters.status')}
          <select value={filters.statusId} onChange={(e) => set({ statusId: e.target.value })}>
            <option value="all">{t('feedback.filters.all')}</option>
            <StatusOptions statuses={board.statuses} />
          </select>
        </label>
        <label>
          {t('feedback.filters.channel')}
          <select value={filters.channelId} onChange={(e) => set({ channelId: e.target.value })}>
            <option value="all">{t('feedback.filters.all')}</option>
            <ChannelOptions channels={board.channels} />
          </select>
        </label>
        <label>
          {t('feedback.filters.tag')}
          <select value={filters.tag} onChange={(e) => set({ tag: e.target.value })}>
            <option value="all">{t('feedback.filters.all')}</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                #{tag}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('feedback.filters.owner')}
          <select value={filters.ownerId} onChange={(e) => set({ ownerId: e.target.value })}>
            <option value="all">{t('feedback.filters.all')}</option>
            <option value="none">{t('feedback.filters.noOwner')}</option>
            <MemberOptions members={members} />
          </select>
        </label>
        <label>
          {t('feedback.filters.goal')}
          <select value={filters.goal} onChange={(e) => set({ goal: e.target.value })}>
            <option value="all">{t('feedback.filters.all')}</option>
            {goals.map((g) => (
              <option key={g.key} value={g.key}>
                {g.title}
              </option>
            ))}
          </select>
        </label>
        {hasFilters(filters) && (
          <button className="link-button" onClick={() => runtime.store.setState({ feedbackFilters: NO_FEEDBACK_FILTERS })}>
            {t('feedback.clearFilters')}
          </button>
        )}
      </div>
      <div className="toolbar-actions">
        {!board.readOnly && <button onClick={() => runtime.store.setState({ feedbackDialog: 'import' })}>{t('import.button')}</button>}
        <button onClick={() => onExport('csv')}>{t('export.csv')}</button>
        <button onClick={() => onExport('markdown')}>{t('export.markdown')}</button>
      </div>
    </div>
  );
}
