// The standard boards of BENCHMARKS.md, generated from a seed: the feedback board (N cards,
// each 7 fields + an order key, a 30-word description and 3 comments), built the way people
// build it (thousands of small transactions from 3 clients), and the goals board (200 goals ×
// 5 KPIs × 50 check-ins) built with the app's own mutations.
import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { addCheckIn, addKpi, createGoal, initGoalsBoard, isoFromDayNumber, dayNumber, SCHEMA_VERSION, type KpiUnit } from '../../shared/model';
import { CHANNELS, EDITABLE_FIELDS, STATUSES } from './support/board-fields';
import { SeededRandom } from './support/prng';

export const DEFAULT_SEED = 0x7a4d3;

const WORDS = ('export csv dashboard slow login sso mobile offline sync board goal kpi filter search sort tag owner ' +
  'deadline reminder email chat invoice report chart quarter team roadmap priority bug crash lag scroll ' +
  'dark mode keyboard shortcut import sheet customer churn onboarding pricing trial seat admin audit ' +
  'permission share link comment mention notify weekly digest calendar timezone language draft archive ' +
  'template duplicate undo history attachment upload preview print zoom layout column card drag drop').split(' ');

const COMMENTS_PER_CARD = 3;
const DESCRIPTION_WORDS = 30;
/** Cards are commented on this many cards after their creation, so comments interleave. */
const COMMENT_LAG = 20;

export interface FeedbackBoard {
  readonly doc: Y.Doc;
  /** Every transaction's update, in the order they happened: the board's edit history. */
  readonly history: readonly Uint8Array[];
  readonly cardIds: readonly string[];
  readonly ownerIds: readonly string[];
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The feedback board: cards in the top-level `items` map, comments in `comments`. Three
 * simulated people take turns (the doc's client id is switched between transactions), each
 * card, comment, field edit and description fix being its own transaction.
 */
export function generateFeedbackBoard(options: { cards: number; seed?: number }): FeedbackBoard {
  const rng = new SeededRandom(options.seed ?? DEFAULT_SEED);
  const doc = new Y.Doc({ gc: true });
  const history: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => history.push(update));
  const clientIds = [0, 1, 2].map(() => 1 + rng.int(2 ** 31 - 1));
  const ownerIds = Array.from({ length: 12 }, () => rng.id('u'));
  const items = doc.getMap<Y.Map<unknown>>('items');
  const comments = doc.getMap<Y.Map<unknown>>('comments');
  const cardIds: string[] = [];
  let clock = Date.UTC(2025, 0, 6, 9);
  let lastOrder: string | null = null;

  const as = (fn: () => void) => {
    doc.clientID = rng.pick(clientIds);
    clock += rng.between(1_000, 120_000);
    doc.transact(fn);
  };
  const cardAt = (id: string) => items.get(id) as Y.Map<unknown>;

  as(() => {
    doc.getMap('meta').set('kind', 'feedback');
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION);
  });
  const createCard = () => {
    const id = rng.id('f');
    lastOrder = generateKeyBetween(lastOrder, null);
    const order = lastOrder;
    as(() => {
      const card = new Y.Map<unknown>();
      card.set('title', capitalised(rng.words(WORDS, rng.between(4, 8))));
      card.set('channel', rng.pick(CHANNELS));
      card.set('status', 'new');
      card.set('owner', rng.pick(ownerIds));
      card.set('importance', rng.between(1, 5));
      card.set('impact', rng.between(1, 5));
      card.set('effort', rng.between(1, 5));
      card.set('order', order);
      card.set('description', new Y.Text(capitalised(rng.words(WORDS, DESCRIPTION_WORDS))));
      items.set(id, card);
    });
    cardIds.push(id);
  };
  const commentOn = (cardId: string) => {
    for (let i = 0; i < COMMENTS_PER_CARD; i++) {
      as(() => {
        const comment = new Y.Map<unknown>();
        comment.set('itemId', cardId);
        comment.set('authorId', rng.pick(ownerIds));
        comment.set('body', capitalised(rng.words(WORDS, rng.between(6, 18))));
        comment.set('createdAt', clock);
        comments.set(rng.id('cm'), comment);
      });
    }
  };
  const editField = (card: Y.Map<unknown>) => {
    const field = rng.pick(EDITABLE_FIELDS);
    const value = field === 'status' ? rng.pick(STATUSES) : field === 'owner' ? rng.pick(ownerIds) : rng.between(1, 5);
    as(() => card.set(field, value));
  };
  // Replaces one word of the description, keeping it at 30 words: a typo fix.
  const fixWord = (card: Y.Map<unknown>) => {
    const text = card.get('description') as Y.Text;
    const words = text.toString().split(' ');
    const at = rng.int(words.length);
    const start = words.slice(0, at).reduce((n, w) => n + w.length + 1, 0);
    as(() => {
      text.delete(start, (words[at] as string).length);
      text.insert(start, rng.pick(WORDS));
    });
  };

  for (let i = 0; i < options.cards; i++) {
    createCard();
    if (i >= COMMENT_LAG) commentOn(cardIds[i - COMMENT_LAG] as string);
    if (rng.chance(0.3)) editField(cardAt(rng.pick(cardIds)));
    if (rng.chance(0.1)) fixWord(cardAt(rng.pick(cardIds)));
  }
  for (let i = Math.max(0, options.cards - COMMENT_LAG); i < options.cards; i++) commentOn(cardIds[i] as string);
  return { doc, history, cardIds, ownerIds };
}

export interface GoalsBoardShape {
  readonly goals: number;
  readonly kpisPerGoal: number;
  readonly checkInsPerKpi: number;
}

export const STANDARD_GOALS_BOARD: GoalsBoardShape = { goals: 200, kpisPerGoal: 5, checkInsPerKpi: 50 };

/**
 * The goals board, built with `createGoal`, `addKpi` and `addCheckIn` from 3 simulated
 * clients, check-ins arriving week by week across every KPI. Entity ids come from the app's
 * own `newId` (crypto-random, by design); everything else is seeded, so the encoded size is
 * the same on every run.
 */
export function generateGoalsBoard(options: Partial<GoalsBoardShape> & { seed?: number } = {}): Y.Doc {
  const shape = { ...STANDARD_GOALS_BOARD, ...options };
  const rng = new SeededRandom(options.seed ?? DEFAULT_SEED);
  const doc = new Y.Doc({ gc: true });
  const clientIds = [0, 1, 2].map(() => 1 + rng.int(2 ** 31 - 1));
  const memberIds = Array.from({ length: 12 }, () => rng.id('u'));
  const start = dayNumber('2025-01-01');
  let now = Date.UTC(2025, 0, 1, 9);
  const by = <T>(fn: () => T): T => {
    doc.clientID = rng.pick(clientIds);
    now += rng.between(1_000, 60_000);
    return fn();
  };

  by(() => initGoalsBoard(doc, SCHEMA_VERSION));
  const kpis: { id: string; unit: KpiUnit; low: number; high: number }[] = [];
  for (let g = 0; g < shape.goals; g++) {
    const goalId = by(() =>
      createGoal(doc, {
        title: capitalised(rng.words(WORDS, rng.between(3, 7))),
        description: capitalised(rng.words(WORDS, rng.between(10, 30))),
        ownerId: rng.pick(memberIds),
        team: rng.pick(['product', 'operations', 'shared'] as const),
        period: { kind: 'quarter', start: '2025-01-01', end: '2025-03-31' },
        createdBy: rng.pick(memberIds),
      }, now),
    );
    for (let k = 0; k < shape.kpisPerGoal; k++) {
      const unit = rng.pick<KpiUnit>(['number', 'percent', 'currency', 'boolean']);
      const increase = unit === 'boolean' || rng.chance(0.7);
      const low = unit === 'boolean' ? 0 : rng.between(0, 50);
      const high = unit === 'boolean' ? 1 : low + rng.between(10, 100);
      const id = by(() => addKpi(doc, { goalId, name: capitalised(rng.words(WORDS, 3)), unit, direction: increase ? 'increase' : 'decrease', baseline: increase ? low : high, target: increase ? high : low }));
      kpis.push({ id, unit, low, high });
    }
  }
  for (let c = 0; c < shape.checkInsPerKpi; c++) {
    const date = isoFromDayNumber(start + Math.floor((c * 90) / shape.checkInsPerKpi));
    for (const kpi of kpis) {
      const value = rng.between(kpi.low, kpi.high);
      const note = rng.chance(0.2) ? rng.words(WORDS, rng.between(3, 12)) : '';
      by(() => addCheckIn(doc, { kpiId: kpi.id, value, date, note, authorId: rng.pick(memberIds) }, now));
    }
  }
  return doc;
}
