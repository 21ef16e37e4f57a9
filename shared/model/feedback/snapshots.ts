// Plain, immutable snapshots of a feedback board's entities, and the defensive readers that
// build them from Y types (a peer may have written anything). The caching reader that
// assembles them into a board lives in read.ts.
import * as Y from 'yjs';
import { num, oneOf, str, textOf } from '../doc';
import { ACTIVITY_KINDS, CUSTOMER_VOTE_PREFIX, STATUS_KINDS, type ActivityKind, type FeedbackSource, type Importance, type StatusKind } from './schema';

export interface FeedbackStatusSnapshot {
  readonly id: string;
  /** A default status's key (`new`, `under-review`, …) for the UI to translate; null once renamed. */
  readonly key: string | null;
  readonly name: string;
  readonly kind: StatusKind;
  readonly order: string;
}

export interface FeedbackChannelSnapshot {
  readonly id: string;
  /** A template channel's key (`support`, `app-review`, …) for the UI to translate; null for a custom or renamed one. */
  readonly key: string | null;
  readonly name: string;
  readonly order: string;
}

/** One voter. `key` is the member id, or `customer:<normalised name>` for a customer. */
export type FeedbackVoteSnapshot =
  | { readonly kind: 'member'; readonly key: string; readonly memberId: string; readonly at: number }
  | { readonly kind: 'customer'; readonly key: string; readonly customer: string; readonly recordedBy: string; readonly at: number };

export interface FeedbackGoalLink {
  /** `${boardId}:${goalId}` */
  readonly key: string;
  readonly boardId: string;
  readonly goalId: string;
}

export interface FeedbackActivitySnapshot {
  readonly id: string;
  readonly itemId: string;
  readonly kind: ActivityKind;
  /** status: the column left; merged/unmerged: the merged item; unlinked: the link key. */
  readonly from: string | null;
  /** created/imported/status: the column; merged/unmerged: the target item; linked: the link key. */
  readonly to: string | null;
  readonly actorId: string;
  readonly at: number;
}

export interface FeedbackCommentSnapshot {
  readonly id: string;
  /** The item the comment was written on; the board lists it under the item that item merged into. */
  readonly itemId: string;
  readonly parentId: string | null;
  readonly authorId: string;
  readonly body: string;
  readonly mentions: readonly string[];
  readonly createdAt: number;
  readonly editedAt: number | null;
  readonly deleted: boolean;
}

export interface FeedbackItemSnapshot {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly channelId: string | null;
  /** The customer or segment the feedback came from. */
  readonly customer: string;
  readonly tags: readonly string[];
  readonly ownerId: string | null;
  readonly importance: Importance;
  readonly impact: number;
  readonly effort: number;
  /** The status as stored; `columnId` is where the card shows (see `columnFor`). */
  readonly statusId: string;
  readonly columnId: string;
  readonly order: string;
  readonly createdBy: string;
  readonly createdAt: number;
  /** The item this one was merged into, or null. A merged item's votes and comments count there. */
  readonly mergedInto: string | null;
  /** Every item merged into this one, directly or along a chain, by id. */
  readonly mergedFrom: readonly string[];
  readonly links: readonly FeedbackGoalLink[];
  /** Distinct voters of the item and of the items merged into it, oldest first; empty on a merged item. */
  readonly voters: readonly FeedbackVoteSnapshot[];
  readonly voteCount: number;
  /** Comments not deleted, including those on items merged into this one; 0 on a merged item. */
  readonly commentCount: number;
  readonly priority: number;
  /** This item's own activity log, oldest first. */
  readonly activity: readonly FeedbackActivitySnapshot[];
  /** Latest of creation, activity and comments, for the "recently active" sort. */
  readonly lastActivityAt: number;
}

export interface FeedbackColumnSnapshot {
  readonly status: FeedbackStatusSnapshot;
  /** Cards in order (ties broken by id). */
  readonly items: readonly FeedbackItemSnapshot[];
}

export interface FeedbackBoardSnapshot {
  readonly source: FeedbackSource;
  readonly schemaVersion: number;
  readonly readOnly: boolean;
  /** Statuses in column order. */
  readonly statuses: readonly FeedbackStatusSnapshot[];
  readonly channels: readonly FeedbackChannelSnapshot[];
  /** Every item, merged ones included, by id. */
  readonly items: ReadonlyMap<string, FeedbackItemSnapshot>;
  /** One column per status, in order; each item is in exactly one column. */
  readonly columns: readonly FeedbackColumnSnapshot[];
  /** Comments oldest first, by the id of the item they count for (merged items' comments under their target). */
  readonly comments: ReadonlyMap<string, readonly FeedbackCommentSnapshot[]>;
  /** Every tag used on the board's items, alphabetically (the same array while the set is unchanged). */
  readonly tags: readonly string[];
}

/** An item's own fields and child sets, before merges, comments and activity are joined in. */
export interface ItemBase {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly channelId: string | null;
  readonly customer: string;
  readonly tags: readonly string[];
  readonly ownerId: string | null;
  readonly importance: Importance;
  readonly impact: number;
  readonly effort: number;
  readonly statusId: string;
  readonly statusBeforeMerge: string | null;
  readonly order: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly mergedInto: string | null;
  readonly links: readonly FeedbackGoalLink[];
  readonly votes: readonly FeedbackVoteSnapshot[];
}

const optStr = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const scale = (value: unknown, min: number, max: number, fallback: number) => {
  const n = num(value, fallback);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
};
const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function compareVotes(a: FeedbackVoteSnapshot, b: FeedbackVoteSnapshot): number {
  return a.at - b.at || byKey(a, b);
}

export function compareByTime(a: { at: number; id: string }, b: { at: number; id: string }): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function readStatus(id: string, s: Y.Map<unknown>): FeedbackStatusSnapshot {
  return { id, key: optStr(s.get('key')), name: str(s.get('name')), kind: oneOf(s.get('kind'), STATUS_KINDS, 'open'), order: str(s.get('order')) };
}

export function readChannel(id: string, c: Y.Map<unknown>): FeedbackChannelSnapshot {
  return { id, key: optStr(c.get('key')), name: str(c.get('name')), order: str(c.get('order')) };
}

function readVotes(votes: unknown): FeedbackVoteSnapshot[] {
  if (!(votes instanceof Y.Map)) return [];
  const list: FeedbackVoteSnapshot[] = [];
  for (const [key, raw] of votes as Y.Map<unknown>) {
    const value = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const at = num(value.at);
    if (key.startsWith(CUSTOMER_VOTE_PREFIX)) list.push({ kind: 'customer', key, customer: str(value.customer, key.slice(CUSTOMER_VOTE_PREFIX.length)), recordedBy: str(value.recordedBy), at });
    else list.push({ kind: 'member', key, memberId: key, at });
  }
  return list.sort(compareVotes);
}

function readLinks(links: unknown): FeedbackGoalLink[] {
  if (!(links instanceof Y.Map)) return [];
  const list: FeedbackGoalLink[] = [];
  for (const key of (links as Y.Map<unknown>).keys()) {
    const colon = key.indexOf(':');
    if (colon > 0) list.push({ key, boardId: key.slice(0, colon), goalId: key.slice(colon + 1) });
  }
  return list.sort(byKey);
}

/**
 * Reads an item's own fields. Child lists equal in value to `prev`'s are reused, so a title
 * edit leaves the voters, tags and links arrays identical.
 */
export function readItemBase(id: string, item: Y.Map<unknown>, prev?: ItemBase): ItemBase {
  const tags = item.get('tags');
  const votes = readVotes(item.get('votes'));
  const tagList = tags instanceof Y.Map ? [...(tags as Y.Map<unknown>).keys()].sort() : [];
  const links = readLinks(item.get('links'));
  return {
    id,
    title: str(item.get('title')),
    description: textOf(item.get('description')),
    channelId: optStr(item.get('channelId')),
    customer: str(item.get('customer')),
    tags: prev && sameValues(prev.tags, tagList, (a, b) => a === b) ? prev.tags : tagList,
    ownerId: optStr(item.get('ownerId')),
    importance: scale(item.get('importance'), 1, 3, 1) as Importance,
    impact: scale(item.get('impact'), 1, 5, 3),
    effort: scale(item.get('effort'), 1, 5, 3),
    statusId: str(item.get('statusId')),
    statusBeforeMerge: optStr(item.get('statusBeforeMerge')),
    order: str(item.get('order')),
    createdBy: str(item.get('createdBy')),
    createdAt: num(item.get('createdAt')),
    mergedInto: optStr(item.get('mergedInto')),
    links: prev && sameValues(prev.links, links, (a, b) => a.key === b.key) ? prev.links : links,
    votes: prev && sameValues(prev.votes, votes, sameVote) ? prev.votes : votes,
  };
}

/** Field-by-field equality; child arrays compare by identity, which `readItemBase` keeps for equal values. */
export function sameItemBase(a: ItemBase, b: ItemBase): boolean {
  for (const key of Object.keys(a) as (keyof ItemBase)[]) if (a[key] !== b[key]) return false;
  return true;
}

export function readComment(id: string, c: Y.Map<unknown>): FeedbackCommentSnapshot {
  const mentions = c.get('mentions');
  const editedAt = c.get('editedAt');
  return {
    id, itemId: str(c.get('itemId')), parentId: optStr(c.get('parentId')), authorId: str(c.get('authorId')), body: textOf(c.get('body')),
    mentions: Array.isArray(mentions) ? mentions.filter((m): m is string => typeof m === 'string') : [],
    createdAt: num(c.get('createdAt')), editedAt: typeof editedAt === 'number' && Number.isFinite(editedAt) ? editedAt : null, deleted: c.get('deleted') === true,
  };
}

export function readActivity(id: string, a: Y.Map<unknown>): FeedbackActivitySnapshot {
  return { id, itemId: str(a.get('itemId')), kind: oneOf(a.get('kind'), ACTIVITY_KINDS, 'created'), from: optStr(a.get('from')), to: optStr(a.get('to')), actorId: str(a.get('actorId')), at: num(a.get('at')) };
}

function sameVote(a: FeedbackVoteSnapshot, b: FeedbackVoteSnapshot): boolean {
  if (a.key !== b.key || a.at !== b.at || a.kind !== b.kind) return false;
  return a.kind === 'member' || (b.kind === 'customer' && a.customer === b.customer && a.recordedBy === b.recordedBy);
}

function sameValues<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => same(x, b[i] as T));
}

/** The previous array when the next one holds the same elements (by identity), so callers can compare by identity. */
export function keepSame<T>(prev: readonly T[] | undefined, next: readonly T[]): readonly T[] {
  if (prev === undefined || prev.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (prev[i] !== next[i]) return next;
  return prev;
}
