// How the feedback reader turns one item's own data, its merge group, comments and activity
// into the item snapshot the UI shows, and when it may keep the previous one.
import { feedbackPriority } from './priority';
import { compareVotes, type FeedbackActivitySnapshot, type FeedbackCommentSnapshot, type FeedbackGoalLink, type FeedbackItemSnapshot, type FeedbackVoteSnapshot, type ItemBase } from './snapshots';

/** What an item snapshot was built from; when all of it is identical, so is the snapshot. */
export interface ItemInputs {
  readonly base: ItemBase;
  readonly voters: readonly FeedbackVoteSnapshot[];
  readonly tags: readonly string[];
  readonly links: readonly FeedbackGoalLink[];
  readonly comments: readonly FeedbackCommentSnapshot[];
  readonly activity: readonly FeedbackActivitySnapshot[];
  readonly columnId: string;
  readonly mergedInto: string | null;
  readonly mergedFrom: readonly string[];
}

export interface CachedItem extends ItemInputs {
  readonly snapshot: FeedbackItemSnapshot;
}

export function sameInputs(a: ItemInputs, b: ItemInputs): boolean {
  return a.base === b.base && a.voters === b.voters && a.tags === b.tags && a.links === b.links && a.comments === b.comments && a.activity === b.activity &&
    a.columnId === b.columnId && a.mergedInto === b.mergedInto && a.mergedFrom === b.mergedFrom;
}

export function buildItem(inputs: ItemInputs): FeedbackItemSnapshot {
  const { base, voters, comments, activity } = inputs;
  let commentCount = 0;
  let lastActivityAt = base.createdAt;
  for (const c of comments) {
    if (!c.deleted) commentCount++;
    lastActivityAt = Math.max(lastActivityAt, c.createdAt, c.editedAt ?? 0);
  }
  for (const a of activity) lastActivityAt = Math.max(lastActivityAt, a.at);
  return {
    id: base.id, title: base.title, description: base.description, channelId: base.channelId, customer: base.customer, tags: inputs.tags, ownerId: base.ownerId,
    importance: base.importance, impact: base.impact, effort: base.effort, statusId: base.statusId, columnId: inputs.columnId, order: base.order,
    createdBy: base.createdBy, createdAt: base.createdAt, mergedInto: inputs.mergedInto, mergedFrom: inputs.mergedFrom, links: inputs.links,
    voters, voteCount: voters.length, commentCount, priority: feedbackPriority({ votes: voters.length, importance: base.importance, impact: base.impact, effort: base.effort }),
    activity, lastActivityAt,
  };
}

/** Voters of a merge group, each once: the earliest vote of a voter counts. */
export function unionVotes(group: readonly ItemBase[]): FeedbackVoteSnapshot[] {
  const byKey = new Map<string, FeedbackVoteSnapshot>();
  for (const base of group) {
    for (const vote of base.votes) {
      const known = byKey.get(vote.key);
      if (known === undefined || vote.at < known.at) byKey.set(vote.key, vote);
    }
  }
  return [...byKey.values()].sort(compareVotes);
}

export function unionLinks(group: readonly ItemBase[]): FeedbackGoalLink[] {
  const byKey = new Map<string, FeedbackGoalLink>();
  for (const base of group) for (const link of base.links) if (!byKey.has(link.key)) byKey.set(link.key, link);
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
