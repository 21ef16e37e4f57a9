// The Filter button of a feedback board's toolbar and the chips of the filters in force: the
// button opens a popover with every filter (text, status, channel, tag, owner, linked goal);
// each active filter shows as a chip that removes it (by click, Enter, Delete or Backspace).
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackBoardChrome } from '../board-view';
import { useApp, useRuntime } from '../../../context';
import { useLinkTargets } from '../../links';
import { channelLabel, statusLabel } from '../labels';
import { NO_FEEDBACK_FILTERS, type FeedbackFilters } from '../filtering';
import { Popover } from '../../../components/dialog/Popover';
import { ChannelOptions, MemberOptions, StatusOptions } from '../../../components/options';

type FilterKey = keyof FeedbackFilters;
const FILTER_KEYS: readonly FilterKey[] = ['text', 'statusId', 'channelId', 'tag', 'ownerId', 'goal'];
const FIELD_LABEL: Record<FilterKey, string> = { text: 'feedback.filters.text', statusId: 'feedback.filters.status', channelId: 'feedback.filters.channel', tag: 'feedback.filters.tag', ownerId: 'feedback.filters.owner', goal: 'feedback.filters.goal' };

export interface ActiveFilter {
  key: FilterKey;
  /** "Channel: Support", as the chip reads. */
  text: string;
}

/** The filters in force, each named in the person's language, in the order the popover lists them. */
export function useActiveFilters(board: FeedbackBoardChrome): ActiveFilter[] {
  const { t } = useTranslation();
  const filters = useApp((s) => s.feedbackFilters);
  const members = useApp((s) => s.workspace?.members);
  const goals = useLinkTargets('goals');
  const value = (key: FilterKey): string | null => {
    const v = filters[key];
    if (key === 'text') return v.trim() === '' ? null : `“${v.trim()}”`;
    if (v === 'all') return null;
    if (key === 'statusId') return statusLabel(board.statuses.find((s) => s.id === v), t) || v;
    if (key === 'channelId') return channelLabel(board.channels.find((c) => c.id === v), t);
    if (key === 'tag') return `#${v}`;
    if (key === 'ownerId') return v === 'none' ? t('feedback.filters.noOwner') : (members?.find((m) => m.id === v)?.name ?? v);
    return goals.get(v)?.title ?? t('item.unknownGoal');
  };
  return FILTER_KEYS.flatMap((key) => {
    const shown = value(key);
    return shown === null ? [] : [{ key, text: t('feedback.toolbar.chip', { field: t(FIELD_LABEL[key]), value: shown }) }];
  });
}

export function FilterButton({ board, activeCount }: { board: FeedbackBoardChrome; activeCount: number }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const filters = useApp((s) => s.feedbackFilters);
  const members = useApp((s) => s.workspace?.members ?? []);
  const goals = [...useLinkTargets('goals').values()];
  const set = (patch: Partial<FeedbackFilters>) => runtime.store.setState((s) => ({ feedbackFilters: { ...s.feedbackFilters, ...patch } }));
  const trigger = (
    <button type="button" className={`filter-button${activeCount > 0 ? ' active' : ''}`} data-testid="filter-button">
      {t('feedback.toolbar.filter')}
      {activeCount > 0 && <span className="count-badge">{activeCount}</span>}
    </button>
  );
  return (
    <Popover trigger={trigger} label={t('feedback.toolbar.filtersTitle')} open={open} onOpenChange={setOpen} className="filter-popover" testId="filter-popover">
      <div className="filters stacked" role="group" aria-label={t('filters.label')}>
        <label>
          {t('feedback.filters.text')}
          <input type="search" value={filters.text} onChange={(e) => set({ text: e.target.value })} autoFocus />
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
            {board.tags.map((tag) => (
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
      </div>
    </Popover>
  );
}

/** The chips of the active filters, and "Clear filters" once there is one. */
export function FilterChips({ active }: { active: readonly ActiveFilter[] }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);
  if (active.length === 0) return null;
  const remove = (key: FilterKey, index: number) => {
    runtime.store.setState((s) => ({ feedbackFilters: { ...s.feedbackFilters, [key]: NO_FEEDBACK_FILTERS[key] } }));
    // Focus goes to the chip that takes this one's place, else the Filter button: never lost to the page.
    requestAnimationFrame(() => {
      const chips = listRef.current?.querySelectorAll<HTMLElement>('.filter-chip');
      const next = chips?.[Math.min(index, chips.length - 1)] ?? document.querySelector<HTMLElement>('[data-testid="filter-button"]');
      next?.focus();
    });
  };
  const onKeyDown = (key: FilterKey, index: number) => (e: KeyboardEvent) => {
    if (e.key !== 'Delete' && e.key !== 'Backspace') return;
    e.preventDefault();
    remove(key, index);
  };
  return (
    <>
      <ul ref={listRef} className="filter-chips" aria-label={t('feedback.toolbar.activeFilters')}>
        {active.map((filter, index) => (
          <li key={filter.key}>
            <button type="button" className="filter-chip" aria-label={t('feedback.toolbar.removeFilter', { filter: filter.text })} onClick={() => remove(filter.key, index)} onKeyDown={onKeyDown(filter.key, index)} data-testid="filter-chip">
              {filter.text} <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="link-button small"
        onClick={() => {
          runtime.store.setState({ feedbackFilters: NO_FEEDBACK_FILTERS });
          requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="filter-button"]')?.focus());
        }}
      >
        {t('feedback.clearFilters')}
      </button>
    </>
  );
}
