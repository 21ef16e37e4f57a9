// The shape of a feedback board doc: its collections, the templates a board starts from, the
// limits and input pieces every feedback mutation shares, and the small write helpers they use
// (child maps of an item, the activity log).
import * as Y from 'yjs';
import { z } from 'zod';
import { changeMark } from '../field-writes';
import { newId } from '../ids';
import { entityId, finiteNumber, LIMITS } from '../validate';

export type FeedbackSource = 'user' | 'internal' | 'blank';
export const FEEDBACK_SOURCES: readonly FeedbackSource[] = ['user', 'internal', 'blank'];

/** What a status column means: still open, finished, turned down, or holding merged duplicates. */
export type StatusKind = 'open' | 'done' | 'declined' | 'merged';
export const STATUS_KINDS: readonly StatusKind[] = ['open', 'done', 'declined', 'merged'];

export type Importance = 1 | 2 | 3;

export type ActivityKind = 'created' | 'status' | 'merged' | 'unmerged' | 'linked' | 'unlinked' | 'imported';
export const ACTIVITY_KINDS: readonly ActivityKind[] = ['created', 'status', 'merged', 'unmerged', 'linked', 'unlinked', 'imported'];

/**
 * Default columns of every board. The id is the stable key (so two laptops initialising the
 * same doc write the same entities), and the UI translates `key`; `name` is the English
 * fallback for exports. Renaming a status replaces the key by the typed name.
 */
export const DEFAULT_STATUSES: readonly { readonly key: string; readonly name: string; readonly kind: StatusKind }[] = [
  { key: 'new', name: 'New', kind: 'open' },
  { key: 'under-review', name: 'Under review', kind: 'open' },
  { key: 'planned', name: 'Planned', kind: 'open' },
  { key: 'in-progress', name: 'In progress', kind: 'open' },
  { key: 'done', name: 'Done', kind: 'done' },
  { key: 'declined', name: 'Declined', kind: 'declined' },
  { key: 'merged', name: 'Merged', kind: 'merged' },
];

/** Channel keys of each template, translated by the UI; custom channels are plain names. */
export const TEMPLATE_CHANNELS: Readonly<Record<FeedbackSource, readonly { readonly key: string; readonly name: string }[]>> = {
  user: [
    { key: 'support', name: 'Support' },
    { key: 'survey', name: 'Survey' },
    { key: 'interview', name: 'Interview' },
    { key: 'app-review', name: 'App review' },
    { key: 'sales', name: 'Sales' },
    { key: 'social', name: 'Social' },
  ],
  internal: [
    { key: 'product', name: 'Product' },
    { key: 'operations', name: 'Operations' },
    { key: 'engineering', name: 'Engineering' },
    { key: 'sales', name: 'Sales' },
  ],
  blank: [],
};

export const FEEDBACK_LIMITS = {
  tag: 40,
  tagsPerItem: 30,
  customer: LIMITS.name,
  members: 2_000,
  importRows: 20_000,
} as const;

/** Votes recorded for a customer are keyed with this prefix, so they never collide with a member id. */
export const CUSTOMER_VOTE_PREFIX = 'customer:';

export const feedbackItemsOf = (doc: Y.Doc) => doc.getMap<unknown>('items');
export const feedbackStatusesOf = (doc: Y.Doc) => doc.getMap<unknown>('statuses');
export const feedbackChannelsOf = (doc: Y.Doc) => doc.getMap<unknown>('channels');
export const feedbackCommentsOf = (doc: Y.Doc) => doc.getMap<unknown>('comments');
export const feedbackActivityOf = (doc: Y.Doc) => doc.getMap<unknown>('activity');

/** Everything an undo manager of a feedback board tracks (meta is left out: undo never un-creates a board). */
export function feedbackUndoScope(doc: Y.Doc): Y.Map<unknown>[] {
  return [feedbackItemsOf(doc), feedbackStatusesOf(doc), feedbackChannelsOf(doc), feedbackCommentsOf(doc), feedbackActivityOf(doc)];
}

/** A member id; refused when it could be mistaken for a customer's vote key. */
export const memberId = entityId.refine((id) => !id.startsWith(CUSTOMER_VOTE_PREFIX), { error: 'errors.invalid' });

/** A board or goal id as used in a link key `${boardId}:${goalId}`, so it may not contain a colon. */
export const linkPartId = entityId.refine((id) => !id.includes(':'), { error: 'errors.invalid' });

/** Importance: 1 nice-to-have, 2 important, 3 critical. */
export const importanceInput = finiteNumber.pipe(z.literal([1, 2, 3], { error: 'errors.importance' }));

/** Impact and effort: a whole number from 1 to 5. */
export const scaleInput = finiteNumber.pipe(
  z.number().int({ error: 'errors.scale' }).min(1, { error: 'errors.scale' }).max(5, { error: 'errors.scale' }),
);

export const tagInput = z
  .string({ error: 'errors.invalid' })
  .max(FEEDBACK_LIMITS.tag * 4, { error: `errors.tooLong|${FEEDBACK_LIMITS.tag}` })
  .transform((tag) => tag.normalize('NFC').trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, { error: 'errors.required' }).max(FEEDBACK_LIMITS.tag, { error: `errors.tooLong|${FEEDBACK_LIMITS.tag}` }));

export const tagsInput = z
  .array(tagInput, { error: 'errors.invalid' })
  .max(FEEDBACK_LIMITS.tagsPerItem, { error: `errors.tooMany|${FEEDBACK_LIMITS.tagsPerItem}` })
  .transform((tags) => [...new Set(tags)]);

/** A customer's name as a vote key: case, width and spacing differences do not make a second vote. */
export function customerVoteKey(name: string): string {
  return CUSTOMER_VOTE_PREFIX + name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function linkKey(boardId: string, goalId: string): string {
  return `${boardId}:${goalId}`;
}

/**
 * The child map `key` of an entity, created when missing. Items get their maps at creation,
 * so this only creates one for an entity a peer wrote without it.
 */
export function childMap(entity: Y.Map<unknown>, key: 'votes' | 'tags' | 'links'): Y.Map<unknown> {
  const existing = entity.get(key);
  if (existing instanceof Y.Map) return existing as Y.Map<unknown>;
  const created = new Y.Map<unknown>();
  entity.set(key, created);
  return created;
}

/** Whether the item's child set `child` holds `key`. */
export function inItemSet(entity: Y.Map<unknown>, child: 'votes' | 'tags' | 'links', key: string): boolean {
  const map = entity.get(child);
  return map instanceof Y.Map && map.has(key);
}

export function setAll(entity: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) entity.set(key, value);
}

export interface ActivityEntry {
  readonly itemId: string;
  readonly kind: ActivityKind;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly actorId: string;
  readonly at: number;
}

/** Appends one entry to the activity log; call inside the mutation's transaction. */
export function recordActivity(doc: Y.Doc, entry: ActivityEntry): string {
  const id = newId('a');
  const activity = new Y.Map<unknown>();
  setAll(activity, { id, itemId: entry.itemId, kind: entry.kind, from: entry.from ?? null, to: entry.to ?? null, actorId: entry.actorId, at: entry.at, ...changeMark(doc) });
  feedbackActivityOf(doc).set(id, activity);
  return id;
}
