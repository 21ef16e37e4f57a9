// The standard feedback board of BENCHMARKS.md written in the app's real feedback model (the
// shape `createFeedbackItem`, `addComment`, `toggleVote` and `mergeItems` write, on a board
// made by `initFeedbackBoard`), and the workspace around it, deterministically from a seed.
//
// Entities are written directly rather than through the mutations, for two reasons: the
// mutations draw their ids from `newId` (crypto-random by design), so the bytes would differ on
// every run, and each `createFeedbackItem` scans the board for its column's last order key
// (quadratic at 10,000 items). To keep the two from drifting apart, the first thing the
// generator does is write one item, vote, comment and activity entry with the real mutations
// on a scratch board and refuse to run if its own entities do not have exactly their fields.
import { generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import {
  addBoard, addComment, createFeedbackItem, DEFAULT_STATUSES, feedbackActivityOf, feedbackCommentsOf, feedbackItemsOf, initFeedbackBoard,
  initGoalsBoard, initWorkspace, readFeedbackBoard, SCHEMA_VERSION, TEMPLATE_CHANNELS, toggleVote, upsertMember, type Team,
} from '../../shared/model';
import { changeMark } from '../../shared/model/field-writes';
import { SeededRandom } from './support/prng';

const WORDS = ('export csv dashboard slow login sso mobile offline sync board goal kpi filter search sort tag owner ' +
  'deadline reminder email chat invoice report chart quarter team roadmap priority bug crash lag scroll ' +
  'dark mode keyboard shortcut import sheet customer churn onboarding pricing trial seat admin audit ' +
  'permission share link comment mention notify weekly digest calendar timezone language draft archive ' +
  'template duplicate undo history attachment upload preview print zoom layout column card drag drop').split(' ');
const CUSTOMERS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell', 'Soylent', 'Vandelay', 'SMB segment', 'Enterprise segment'];
const TAGS = ['ux', 'performance', 'billing', 'mobile', 'api', 'reporting', 'onboarding', 'security', 'integrations', 'accessibility'];
const MEMBER_NAMES: readonly [string, Team][] = [
  ['Ana', 'product'], ['Ben', 'operations'], ['Chen Wei', 'product'], ['Dara', 'operations'], ['Eli', 'shared'], ['Fatima', 'product'],
  ['Goran', 'operations'], ['Hana', 'product'], ['Ivo', 'operations'], ['Jia', 'shared'], ['Kofi', 'product'], ['Lea', 'operations'],
];
/** Where the cards end up: most are new or being looked at, as on a real board. Merged cards come on top. */
const STATUS_WEIGHTS: Readonly<Record<string, number>> = { new: 0.35, 'under-review': 0.2, planned: 0.15, 'in-progress': 0.1, done: 0.15, declined: 0.05 };
const COMMENTS_PER_ITEM = 3;
const DESCRIPTION_WORDS = 30;
/** Share of items merged into another item (they show under Merged, hidden by default). */
const MERGED_SHARE = 0.01;
/** Items are commented on this many items after their creation, so comments interleave with new items. */
const COMMENT_LAG = 20;

export interface ModelFeedbackBoard {
  readonly boardId: string;
  readonly boardName: string;
  readonly doc: Y.Doc;
  /** Every item id, in creation order. */
  readonly itemIds: readonly string[];
  /** Item ids of each status column in board (manual) order, as the Kanban shows them with no filter. */
  readonly columns: ReadonlyMap<string, readonly string[]>;
  /** Items that are not merged into another: the cards a default Kanban shows. */
  readonly liveItems: number;
  /** Workspace members: the first one is the person at the bench's window. */
  readonly members: readonly { readonly id: string; readonly name: string; readonly team: Team }[];
}

export interface ModelWorkspace {
  readonly workspaceId: string;
  readonly memberId: string;
  readonly goalsBoardId: string;
  /** Every doc of the workspace by doc id: the workspace doc, the goals board and the feedback board. */
  readonly docs: ReadonlyMap<string, Y.Doc>;
  readonly board: ModelFeedbackBoard;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What a Y.Map's value is, for comparing entity shapes (plain values may be null or not). */
function kindOf(value: unknown): string {
  if (value instanceof Y.Text) return 'Y.Text';
  if (value instanceof Y.Map) return 'Y.Map';
  return Array.isArray(value) ? 'array' : 'value';
}

function shapeOf(entity: Y.Map<unknown>): string {
  return [...entity.entries()].map(([key, value]) => `${key}:${kindOf(value)}`).sort().join(' ');
}

/** The real mutations' entities on a scratch board, to hold the generator's up against. */
function realShapes(): { item: string; comment: string; activity: string } {
  const doc = new Y.Doc();
  initFeedbackBoard(doc, { source: 'user' });
  const itemId = createFeedbackItem(doc, { title: 'Shape', description: 'd', channelId: 'support', customer: 'c', tags: ['t'], ownerId: 'm_shape0000', importance: 2, impact: 3, effort: 3, createdBy: 'm_shape0000' }, 1);
  toggleVote(doc, { itemId, memberId: 'm_shape0000' }, 1);
  addComment(doc, { itemId, authorId: 'm_shape0000', body: 'b', members: [] }, 1);
  const first = (map: Y.Map<unknown>) => [...map.values()][0] as Y.Map<unknown>;
  const shapes = { item: shapeOf(first(feedbackItemsOf(doc))), comment: shapeOf(first(feedbackCommentsOf(doc))), activity: shapeOf(first(feedbackActivityOf(doc))) };
  doc.destroy();
  return shapes;
}

/** Cumulative weights → a status key for a random draw. */
function statusPicker(rng: SeededRandom): () => string {
  const entries = Object.entries(STATUS_WEIGHTS);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return () => {
    let draw = rng.next() * total;
    for (const [key, weight] of entries) {
      draw -= weight;
      if (draw < 0) return key;
    }
    return entries[entries.length - 1]?.[0] as string;
  };
}

/**
 * The feedback board: `items` items from the User feedback template, each with 7 fields set
 * (title, channel, customer, tags, owner, importance, impact and effort), a 30-word description,
 * 3 comments, some votes, and the activity log of its creation and status change; 1% merged
 * into another item. Three simulated laptops take turns (the doc's client id changes between
 * transactions); each item, comment, later field edit and description fix is its own transaction.
 */
export function generateModelFeedbackBoard(options: { items: number; seed: number }): ModelFeedbackBoard {
  const rng = new SeededRandom(options.seed ^ 0x5eed);
  const boardId = rng.id('b');
  const members = MEMBER_NAMES.map(([name, team]) => ({ id: rng.id('m'), name, team }));
  const memberIds = members.map((m) => m.id);
  const doc = new Y.Doc({ gc: true });
  const clientIds = [0, 1, 2].map(() => 1 + rng.int(2 ** 31 - 1));
  let clock = Date.UTC(2025, 0, 6, 9);
  const as = (fn: () => void) => {
    doc.clientID = rng.pick(clientIds);
    clock += rng.between(1_000, 120_000);
    doc.transact(fn);
  };

  as(() => initFeedbackBoard(doc, { source: 'user' }));
  const items = feedbackItemsOf(doc);
  const comments = feedbackCommentsOf(doc);
  const activity = feedbackActivityOf(doc);
  const channels = TEMPLATE_CHANNELS.user.map((c) => c.key);
  const mergedStatus = DEFAULT_STATUSES.find((s) => s.kind === 'merged')?.key as string;

  // Plan every item's column first, so each column gets its order keys in one go.
  const pickStatus = statusPicker(rng);
  const itemIds = Array.from({ length: options.items }, () => rng.id('f'));
  const planned = itemIds.map(() => pickStatus());
  const mergedInto = new Map<string, string>();
  for (let i = 1; i < itemIds.length; i++) if (rng.chance(MERGED_SHARE)) mergedInto.set(itemIds[i] as string, itemIds[rng.int(i)] as string);
  for (const [id, target] of mergedInto) if (mergedInto.has(target)) mergedInto.delete(id); // no chains: one level, like a person merging duplicates
  // Keys in each planned column (merged items too: they are merged later on), then in Merged.
  const orderOf = new Map<string, string>();
  const mergedOrder = new Map<string, string>();
  const keyColumn = (ids: readonly string[], into: Map<string, string>) => generateNKeysBetween(null, null, ids.length).forEach((key, i) => into.set(ids[i] as string, key));
  for (const status of Object.keys(STATUS_WEIGHTS)) keyColumn(itemIds.filter((_, i) => planned[i] === status), orderOf);
  keyColumn(itemIds.filter((id) => mergedInto.has(id)), mergedOrder);
  const columns = new Map<string, string[]>(DEFAULT_STATUSES.map((s) => [s.key, []]));
  itemIds.forEach((id, index) => columns.get(mergedInto.has(id) ? mergedStatus : (planned[index] as string))?.push(id));

  const logActivity = (itemId: string, kind: string, from: string | null, to: string | null) => {
    const entry = new Y.Map<unknown>();
    const id = rng.id('a');
    for (const [key, value] of Object.entries({ id, itemId, kind, from, to, actorId: rng.pick(memberIds), at: clock, ...changeMark(doc) })) entry.set(key, value);
    activity.set(id, entry);
  };
  const createItem = (index: number) => {
    const id = itemIds[index] as string;
    const status = planned[index] as string;
    as(() => {
      const item = new Y.Map<unknown>();
      const tags = new Y.Map<unknown>();
      for (let t = rng.int(4); t > 0; t--) tags.set(rng.pick(TAGS), true);
      const votes = new Y.Map<unknown>();
      for (let v = rng.int(6); v > 0; v--) {
        const voter = rng.pick(memberIds);
        votes.set(voter, { memberId: voter, at: clock });
      }
      const createdBy = rng.pick(memberIds);
      const fields: Record<string, unknown> = {
        id,
        title: capitalised(rng.words(WORDS, rng.between(4, 8))),
        description: new Y.Text(capitalised(rng.words(WORDS, DESCRIPTION_WORDS))),
        channelId: rng.pick(channels),
        customer: rng.chance(0.6) ? rng.pick(CUSTOMERS) : '',
        tags,
        ownerId: rng.chance(0.8) ? rng.pick(memberIds) : null,
        importance: rng.between(1, 3),
        impact: rng.between(1, 5),
        effort: rng.between(1, 5),
        statusId: status,
        order: orderOf.get(id),
        links: new Y.Map<unknown>(),
        votes,
        createdBy,
        createdAt: clock,
        mergedInto: null,
        statusBeforeMerge: null,
      };
      for (const [key, value] of Object.entries(fields)) item.set(key, value);
      items.set(id, item);
      logActivity(id, 'created', null, 'new');
      if (status !== 'new') logActivity(id, 'status', 'new', status);
    });
  };
  const commentOn = (itemId: string) => {
    let first: string | null = null;
    for (let c = 0; c < COMMENTS_PER_ITEM; c++) {
      as(() => {
        const id = rng.id('cm');
        const comment = new Y.Map<unknown>();
        const fields: Record<string, unknown> = {
          id, itemId, parentId: first !== null && rng.chance(0.3) ? first : null, authorId: rng.pick(memberIds),
          body: new Y.Text(capitalised(rng.words(WORDS, rng.between(6, 18)))), mentions: [], createdAt: clock, editedAt: null, deleted: false,
          ...changeMark(doc),
        };
        for (const [key, value] of Object.entries(fields)) comment.set(key, value);
        comments.set(id, comment);
        first ??= id;
      });
    }
  };
  const itemAt = (id: string) => items.get(id) as Y.Map<unknown>;
  const editField = (item: Y.Map<unknown>) => {
    const field = rng.pick(['ownerId', 'importance', 'impact', 'effort', 'customer'] as const);
    const value = field === 'ownerId' ? rng.pick(memberIds) : field === 'customer' ? rng.pick(CUSTOMERS) : field === 'importance' ? rng.between(1, 3) : rng.between(1, 5);
    as(() => item.set(field, value));
  };
  // Replaces one word of the description, keeping it at 30 words: a typo fix.
  const fixWord = (item: Y.Map<unknown>) => {
    const text = item.get('description') as Y.Text;
    const words = text.toString().split(' ');
    const at = rng.int(words.length);
    const start = words.slice(0, at).reduce((n, w) => n + w.length + 1, 0);
    as(() => {
      text.delete(start, (words[at] as string).length);
      text.insert(start, rng.pick(WORDS));
    });
  };
  // What `mergeItems` writes: votes move to the target, the source goes to Merged.
  const merge = (sourceId: string, targetId: string) => {
    as(() => {
      const source = itemAt(sourceId);
      const sourceVotes = source.get('votes') as Y.Map<unknown>;
      const targetVotes = itemAt(targetId).get('votes') as Y.Map<unknown>;
      for (const [key, vote] of [...sourceVotes.entries()]) {
        if (!targetVotes.has(key)) targetVotes.set(key, vote);
        sourceVotes.delete(key);
      }
      for (const [, comment] of comments) if ((comment as Y.Map<unknown>).get('itemId') === sourceId) (comment as Y.Map<unknown>).set('itemId', targetId);
      source.set('statusBeforeMerge', source.get('statusId'));
      source.set('statusId', mergedStatus);
      source.set('order', mergedOrder.get(sourceId));
      source.set('mergedInto', targetId);
      logActivity(sourceId, 'merged', sourceId, targetId);
      logActivity(targetId, 'merged', sourceId, targetId);
    });
  };

  for (let i = 0; i < itemIds.length; i++) {
    createItem(i);
    if (i >= COMMENT_LAG) commentOn(itemIds[i - COMMENT_LAG] as string);
    if (rng.chance(0.3)) editField(itemAt(itemIds[rng.int(i + 1)] as string));
    if (rng.chance(0.1)) fixWord(itemAt(itemIds[rng.int(i + 1)] as string));
  }
  for (let i = Math.max(0, itemIds.length - COMMENT_LAG); i < itemIds.length; i++) commentOn(itemIds[i] as string);
  for (const [sourceId, targetId] of mergedInto) merge(sourceId, targetId);

  checkAgainstModel(doc, { items: itemIds.length, columns });
  return { boardId, boardName: `Feedback ${(itemIds.length / 1000).toFixed(0)}k`, doc, itemIds, columns, liveItems: itemIds.length - mergedInto.size, members };
}

/** Refuses a board whose entities differ from what the real mutations write, or that the real reader reads differently. */
function checkAgainstModel(doc: Y.Doc, expected: { items: number; columns: ReadonlyMap<string, readonly string[]> }): void {
  const real = realShapes();
  const first = (map: Y.Map<unknown>) => [...map.values()][0] as Y.Map<unknown>;
  const mine = { item: shapeOf(first(feedbackItemsOf(doc))), comment: shapeOf(first(feedbackCommentsOf(doc))), activity: shapeOf(first(feedbackActivityOf(doc))) };
  for (const key of ['item', 'comment', 'activity'] as const) {
    if (mine[key] !== real[key]) throw new Error(`the bench generator's ${key} is not shaped like the model's; update tests/bench/generate-model.ts.\n model: ${real[key]}\n bench: ${mine[key]}`);
  }
  const snapshot = readFeedbackBoard(doc);
  if (snapshot.items.size !== expected.items) throw new Error(`the model reads ${snapshot.items.size} items, the generator wrote ${expected.items}`);
  for (const column of snapshot.columns) {
    const ids = expected.columns.get(column.status.id) ?? [];
    if (column.items.length !== ids.length || column.items.some((item, i) => item.id !== ids[i])) throw new Error(`column ${column.status.id} does not read back in the generated order`);
  }
}

/**
 * The workspace around `board`: the workspace doc (its first member is the person at the
 * bench's window, the others are teammates), its Goals board (empty), and the feedback board
 * added to its board index, all written with the model's own mutations.
 */
export function generateModelWorkspace(board: ModelFeedbackBoard, seed: number): ModelWorkspace {
  const rng = new SeededRandom(seed ^ 0x3a5);
  const workspaceId = rng.id('w');
  const goalsBoardId = rng.id('b');
  const [me, ...teammates] = board.members;
  if (!me) throw new Error('the board has no members');
  const now = Date.UTC(2025, 0, 6, 9);
  const workspace = new Y.Doc({ guid: workspaceId });
  workspace.clientID = 1 + rng.int(2 ** 31 - 1);
  initWorkspace(workspace, { name: 'Bench workspace', member: me, goalsBoard: { id: goalsBoardId, name: 'Goals' } }, now);
  teammates.forEach((member, i) => upsertMember(workspace, member, now + i + 1));
  addBoard(workspace, { id: board.boardId, kind: 'feedback', name: board.boardName });
  const goals = new Y.Doc({ guid: goalsBoardId });
  goals.clientID = 1 + rng.int(2 ** 31 - 1);
  initGoalsBoard(goals, SCHEMA_VERSION);
  return { workspaceId, memberId: me.id, goalsBoardId, board, docs: new Map([[workspaceId, workspace], [goalsBoardId, goals], [board.boardId, board.doc]]) };
}
