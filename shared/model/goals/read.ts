// Reads a goals board doc into plain, immutable snapshots for the UI: goals with their KPIs,
// check-ins, current values, progress and suggested status. Snapshots of unchanged entities
// keep their identity between reads, so the UI re-renders only what changed.
import type * as Y from 'yjs';
import { entities, num, oneOf, optNum, str, textOf } from '../doc';
import { fieldHeads, readFieldWrites } from '../field-writes';
import { compareOrder, type Ordered } from '../order';
import type { Period, PeriodKind } from './period';
import { goalProgress, kpiProgress, suggestStatus, type Direction, type GoalStatus } from './progress';
import type { KpiUnit } from './kpis';
import type { Team } from '../workspace';

export interface CheckInSnapshot {
  readonly id: string;
  readonly kpiId: string;
  readonly value: number;
  readonly date: string;
  readonly note: string;
  readonly authorId: string;
  readonly createdAt: number;
}

export interface KpiSnapshot {
  readonly id: string;
  readonly goalId: string;
  readonly name: string;
  readonly unit: KpiUnit;
  readonly direction: Direction;
  readonly baseline: number;
  readonly target: number;
  readonly order: string;
  /** Oldest first. */
  readonly checkIns: readonly CheckInSnapshot[];
  readonly current: number | undefined;
  readonly progress: number | null;
}

export interface GoalSnapshot {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly ownerId: string | null;
  readonly team: Team;
  readonly period: Period;
  readonly parentId: string | null;
  readonly statusOverride: GoalStatus | null;
  /** When the override was last set (ms), from its write history; null when it has none. */
  readonly statusOverrideSetAt: number | null;
  /** The override before that write (null: none). */
  readonly statusOverridePrev: GoalStatus | null;
  readonly confidence: number | null;
  readonly order: string;
  readonly createdAt: number;
  readonly createdBy: string;
  /** Added by "Try with sample data": removed with the rest of the sample in one step. */
  readonly sample: boolean;
  readonly kpis: readonly KpiSnapshot[];
  readonly progress: number | null;
  /** Suggested from progress against time elapsed; null until a KPI has a check-in. */
  readonly suggestedStatus: GoalStatus | null;
  /** The override when set, else the suggestion. */
  readonly status: GoalStatus | null;
}

export interface GoalsBoardSnapshot {
  readonly goals: readonly GoalSnapshot[];
}

const TEAMS: readonly Team[] = ['product', 'operations', 'shared'];
const UNITS: readonly KpiUnit[] = ['number', 'percent', 'currency', 'boolean'];
const STATUSES: readonly (GoalStatus | 'none')[] = ['on-track', 'at-risk', 'off-track', 'none'];
const PERIOD_KINDS: readonly PeriodKind[] = ['quarter', 'month', 'custom'];

export function compareCheckIns(a: CheckInSnapshot, b: CheckInSnapshot): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function readCheckIn(id: string, c: Y.Map<unknown>): CheckInSnapshot {
  return { id, kpiId: str(c.get('kpiId')), value: num(c.get('value')), date: str(c.get('date')), note: str(c.get('note')), authorId: str(c.get('authorId')), createdAt: num(c.get('createdAt')) };
}

/** Goals in board order, as `Ordered` entries (used by moves). */
export function readGoalOrder(doc: Y.Doc): Ordered[] {
  const list: Ordered[] = [];
  for (const [id, g] of entities(doc.getMap('goals'))) list.push({ id, order: str(g.get('order')) });
  return list.sort(compareOrder);
}

/**
 * A reader that keeps snapshot identity for entities a transaction did not touch. Create one
 * per doc and call `read()` after each change.
 */
export function createGoalsReader(doc: Y.Doc, today: () => string) {
  const checkInCache = new WeakMap<Y.Map<unknown>, CheckInSnapshot>();
  const dirty = new WeakSet<object>();
  const onAfterTransaction = (tr: Y.Transaction) => {
    for (const type of tr.changedParentTypes.keys()) dirty.add(type);
  };
  doc.on('afterTransaction', onAfterTransaction);
  let lastGoals = new Map<string, GoalSnapshot>();
  let lastToday = '';
  let lastSnapshot: GoalsBoardSnapshot = { goals: [] };

  function read(): GoalsBoardSnapshot {
    const day = today();
    const checkInsByKpi = new Map<string, CheckInSnapshot[]>();
    for (const [id, c] of entities(doc.getMap('checkIns'))) {
      let snap = checkInCache.get(c);
      if (!snap || dirty.has(c)) {
        snap = readCheckIn(id, c);
        checkInCache.set(c, snap);
        dirty.delete(c);
      }
      const list = checkInsByKpi.get(snap.kpiId) ?? [];
      list.push(snap);
      checkInsByKpi.set(snap.kpiId, list);
    }
    const kpisByGoal = new Map<string, KpiSnapshot[]>();
    for (const [id, k] of entities(doc.getMap('kpis'))) {
      const checkIns = (checkInsByKpi.get(id) ?? []).sort(compareCheckIns);
      const base = {
        id, goalId: str(k.get('goalId')), name: str(k.get('name')), unit: oneOf(k.get('unit'), UNITS, 'number'),
        direction: oneOf(k.get('direction'), ['increase', 'decrease'] as const, 'increase'), baseline: num(k.get('baseline')), target: num(k.get('target')), order: str(k.get('order')),
      };
      const current = checkIns.at(-1)?.value;
      const list = kpisByGoal.get(base.goalId) ?? [];
      list.push({ ...base, checkIns, current, progress: kpiProgress(base, current) });
      kpisByGoal.set(base.goalId, list);
    }
    const rawParents = new Map<string, string | null>();
    for (const [id, g] of entities(doc.getMap('goals'))) rawParents.set(id, typeof g.get('parentId') === 'string' ? (g.get('parentId') as string) : null);
    const parents = resolveParents(rawParents);
    const goals: GoalSnapshot[] = [];
    const nextGoals = new Map<string, GoalSnapshot>();
    for (const [id, g] of entities(doc.getMap('goals'))) {
      const kpis = (kpisByGoal.get(id) ?? []).sort(compareOrder);
      const period: Period = { kind: oneOf(g.get('periodKind'), PERIOD_KINDS, 'custom'), start: str(g.get('periodStart'), '1970-01-01'), end: str(g.get('periodEnd'), '1970-01-01') };
      const progress = goalProgress(kpis.map((k) => k.progress));
      const suggestedStatus = suggestStatus(progress, period, day);
      const override = oneOf(g.get('statusOverride'), STATUSES, 'none');
      const statusOverride = override === 'none' ? null : override;
      const lastWrite = fieldHeads(readFieldWrites(g, 'statusOverride')).at(-1);
      const previous = oneOf(lastWrite?.prev, STATUSES, 'none');
      const parentId = parents.get(id) ?? null;
      const ownerId = typeof g.get('ownerId') === 'string' ? (g.get('ownerId') as string) : null;
      const next: GoalSnapshot = {
        id, title: str(g.get('title')), description: textOf(g.get('description')), ownerId, team: oneOf(g.get('team'), TEAMS, 'shared'), period, parentId,
        statusOverride, statusOverrideSetAt: lastWrite?.at ?? null, statusOverridePrev: previous === 'none' ? null : previous, confidence: optNum(g.get('confidence')), order: str(g.get('order')), createdAt: num(g.get('createdAt')), createdBy: str(g.get('createdBy')), sample: g.get('sample') === true,
        kpis, progress, suggestedStatus, status: statusOverride ?? suggestedStatus,
      };
      const prev = lastGoals.get(id);
      const same = prev && day === lastToday && shallowSameGoal(prev, next);
      const snap = same ? prev : next;
      nextGoals.set(id, snap);
      goals.push(snap);
    }
    goals.sort(compareOrder);
    const unchanged = goals.length === lastSnapshot.goals.length && goals.every((g, i) => g === lastSnapshot.goals[i]);
    lastGoals = nextGoals;
    lastToday = day;
    if (!unchanged) lastSnapshot = { goals };
    return lastSnapshot;
  }

  return { read, destroy: () => doc.off('afterTransaction', onAfterTransaction) };
}

/**
 * Parent links as the UI may show them. Offline edits can merge into a parent that was
 * deleted meanwhile, or into a loop (two people nesting two goals under each other): a
 * missing parent reads as none, and each loop is cut at its smallest id, the same on
 * every laptop.
 */
function resolveParents(raw: ReadonlyMap<string, string | null>): Map<string, string | null> {
  const parents = new Map<string, string | null>();
  for (const [id, parentId] of raw) parents.set(id, parentId !== null && parentId !== id && raw.has(parentId) ? parentId : null);
  const visited = new Map<string, 'walking' | 'done'>();
  for (const start of parents.keys()) {
    const path: string[] = [];
    let cursor: string | null = start;
    while (cursor !== null && !visited.has(cursor)) {
      visited.set(cursor, 'walking');
      path.push(cursor);
      cursor = parents.get(cursor) ?? null;
    }
    if (cursor !== null && visited.get(cursor) === 'walking') {
      const loop = path.slice(path.indexOf(cursor));
      parents.set(loop.reduce((a, b) => (b < a ? b : a)), null);
    }
    for (const id of path) visited.set(id, 'done');
  }
  return parents;
}

function sameKpis(a: readonly KpiSnapshot[], b: readonly KpiSnapshot[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((k, i) => {
    const o = b[i] as KpiSnapshot;
    return k.id === o.id && k.name === o.name && k.unit === o.unit && k.direction === o.direction && k.baseline === o.baseline && k.target === o.target && k.order === o.order &&
      k.checkIns.length === o.checkIns.length && k.checkIns.every((c, j) => c === o.checkIns[j]);
  });
}

function shallowSameGoal(a: GoalSnapshot, b: GoalSnapshot): boolean {
  for (const key of Object.keys(b) as (keyof GoalSnapshot)[]) {
    if (key === 'kpis' || key === 'period') continue;
    if (a[key] !== b[key]) return false;
  }
  return a.period.kind === b.period.kind && a.period.start === b.period.start && a.period.end === b.period.end && sameKpis(a.kpis, b.kpis);
}

/** One-off read without identity caching (tests, export). */
export function readGoalsBoard(doc: Y.Doc, today: string): GoalsBoardSnapshot {
  const reader = createGoalsReader(doc, () => today);
  try {
    return reader.read();
  } finally {
    reader.destroy();
  }
}

/** The latest check-in value on or before `date` (check-ins oldest first). */
function valueOn(checkIns: readonly CheckInSnapshot[], date: string): number | undefined {
  let value: number | undefined;
  for (const c of checkIns) if (c.date <= date) value = c.value;
  return value;
}

/**
 * The goal's status as it stood on `date` (a meeting's day, for its minutes): the override set
 * by then (an override set later reads as the one it replaced), else the status its KPIs'
 * values on that day suggested against the period elapsed on that day.
 */
export function goalStatusOn(goal: GoalSnapshot, date: string): GoalStatus | null {
  const setLater = goal.statusOverrideSetAt !== null && new Date(goal.statusOverrideSetAt).toISOString().slice(0, 10) > date;
  const override = setLater ? goal.statusOverridePrev : goal.statusOverride;
  if (override) return override;
  return suggestStatus(goalProgress(goal.kpis.map((k) => kpiProgress(k, valueOn(k.checkIns, date)))), goal.period, date);
}
