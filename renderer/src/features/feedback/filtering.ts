// Which feedback items a view shows and in what order: filters by status, channel, tag,
// owner, linked goal and text, and the sorts people ask for (priority, votes, newest,
// recently active, or the board's own order). Pure functions of snapshots.
import type { FeedbackItemSnapshot } from '../../../../shared/model/feedback/snapshots';
import type { SavedViewFilters, SavedViewKind, SavedViewSort } from '../../../../shared/model/feedback/views';
import { queryWords } from '../../components/search-words';

/** What a view filters by: the fields a saved view keeps, so a view saved is a view shown. */
export type FeedbackFilters = SavedViewFilters;
export type FeedbackSort = SavedViewSort;
export const FEEDBACK_SORTS: readonly FeedbackSort[] = ['manual', 'priority', 'votes', 'newest', 'active'];
export type FeedbackViewKind = SavedViewKind;

export const NO_FEEDBACK_FILTERS: FeedbackFilters = { statusId: 'all', channelId: 'all', tag: 'all', ownerId: 'all', goal: 'all', text: '' };

export function hasFilters(f: FeedbackFilters): boolean {
  return f.statusId !== 'all' || f.channelId !== 'all' || f.tag !== 'all' || f.ownerId !== 'all' || f.goal !== 'all' || f.text.trim() !== '';
}

export { queryWords };

export function itemMatchesText(item: FeedbackItemSnapshot, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = `${item.title}\n${item.description}\n${item.customer}\n${item.tags.join(' ')}`.toLocaleLowerCase();
  return words.every((w) => haystack.includes(w));
}

export function matchesFeedbackFilters(item: FeedbackItemSnapshot, f: FeedbackFilters, words: readonly string[]): boolean {
  if (f.statusId !== 'all' && item.columnId !== f.statusId) return false;
  if (f.channelId !== 'all' && item.channelId !== f.channelId) return false;
  if (f.tag !== 'all' && !item.tags.includes(f.tag)) return false;
  if (f.ownerId !== 'all' && (f.ownerId === 'none' ? item.ownerId !== null : item.ownerId !== f.ownerId)) return false;
  if (f.goal !== 'all' && !item.links.some((l) => l.key === f.goal)) return false;
  return itemMatchesText(item, words);
}

const BY: Record<Exclude<FeedbackSort, 'manual'>, (a: FeedbackItemSnapshot, b: FeedbackItemSnapshot) => number> = {
  priority: (a, b) => b.priority - a.priority || b.voteCount - a.voteCount,
  votes: (a, b) => b.voteCount - a.voteCount || b.priority - a.priority,
  newest: (a, b) => b.createdAt - a.createdAt,
  active: (a, b) => b.lastActivityAt - a.lastActivityAt,
};

/** Items in the chosen order; 'manual' keeps the given (board) order. Ties fall back to id. */
export function sortFeedbackItems(items: readonly FeedbackItemSnapshot[], sort: FeedbackSort): readonly FeedbackItemSnapshot[] {
  if (sort === 'manual') return items;
  const compare = BY[sort];
  return [...items].sort((a, b) => compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
