// Snapshot readers of a plan board: plain, immutable plan items with their links, milestones,
// slips, what they wait on and the flags that follow (what it waits on moved later, was
// cancelled or deleted), and the dependency cycles a merge may have made.
import * as Y from 'yjs';
import { entities, num, oneOf, str, textOf } from '../doc';
import { dependencyEdges } from './dependencies';
import { findCycles } from './graph';
import { daysBetween, HORIZONS, PLAN_KINDS, PLAN_STATUSES, type Horizon, type PlanKind, type PlanStatus } from './schema';

export interface PlanGoalLink {
  readonly boardId: string;
  readonly entityId: string;
  /** The expected effect on the goal's KPI, in the user's words ("+3 pts 30-day retention"). */
  readonly effect: string;
}

export interface PlanFeedbackLink {
  readonly boardId: string;
  readonly entityId: string;
}

export interface Milestone {
  readonly id: string;
  readonly title: string;
  readonly date: string;
}

/** A time the item's end moved later. */
export interface PlanSlip {
  readonly id: string;
  /** When, in ms since the epoch. */
  readonly at: number;
  readonly from: string;
  readonly to: string;
  readonly days: number;
}

/** Why a dependent is flagged: what it waits on moved later, was cancelled, or is gone. */
export type PlanFlag =
  | { readonly depId: string; readonly itemId: string; readonly reason: 'moved'; readonly days: number }
  | { readonly depId: string; readonly itemId: string; readonly reason: 'moved-horizon'; readonly from: Horizon; readonly to: Horizon }
  | { readonly depId: string; readonly itemId: string; readonly reason: 'cancelled' }
  | { readonly depId: string; readonly itemId: string; readonly reason: 'deleted' };

export interface PlanDependency {
  readonly depId: string;
  readonly itemId: string;
}

export interface PlanItemSnapshot {
  readonly id: string;
  readonly title: string;
  readonly kind: PlanKind;
  readonly team: 'product' | 'operations' | 'shared';
  readonly ownerId: string | null;
  readonly status: PlanStatus;
  /** Both dates or neither. */
  readonly start: string | null;
  readonly end: string | null;
  /** The horizon an undated item sits on; null for dated ones (see `horizonOf`). */
  readonly horizon: Horizon | null;
  readonly launchedOn: string | null;
  readonly goals: readonly PlanGoalLink[];
  readonly feedback: readonly PlanFeedbackLink[];
  readonly milestones: readonly Milestone[];
  readonly slips: readonly PlanSlip[];
  readonly notes: string;
  /** Items it waits on that exist (a dependency on a deleted item shows only as a flag). */
  readonly dependsOn: readonly PlanDependency[];
  /** Items that wait on it. */
  readonly dependents: readonly string[];
  readonly flags: readonly PlanFlag[];
  /** Waits, through others, on itself (two people closed a circle offline). */
  readonly inCycle: boolean;
  readonly createdAt: number;
}

export interface PlansBoardSnapshot {
  /** Every item: dated ones by start, then undated ones, then title and id. */
  readonly items: readonly PlanItemSnapshot[];
  readonly cycles: readonly (readonly string[])[];
}

const HORIZON_RANK: Record<Horizon, number> = { now: 0, next: 1, later: 2 };
const byKey = <T>(key: (v: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** The column of Now / Next / Later an item shows in: its horizon, or for a dated item, where its dates fall from `today`. */
export function horizonOf(item: Pick<PlanItemSnapshot, 'start' | 'end' | 'horizon'>, today: string): Horizon {
  if (item.start === null || item.end === null) return item.horizon ?? 'later';
  if (item.start <= today) return 'now';
  return daysBetween(today, item.start) <= 90 ? 'next' : 'later';
}

function values<T>(entity: Y.Map<unknown>, key: string, read: (v: Record<string, unknown>) => T | null): T[] {
  const map = entity.get(key);
  if (!(map instanceof Y.Map)) return [];
  const out: T[] = [];
  for (const v of map.values()) if (typeof v === 'object' && v !== null) {
    const parsed = read(v as Record<string, unknown>);
    if (parsed !== null) out.push(parsed);
  }
  return out;
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Reads the whole board into a fresh snapshot. */
export function readPlansBoard(doc: Y.Doc): PlansBoardSnapshot {
  const raw = new Map<string, Y.Map<unknown>>(entities(doc.getMap('items')));
  const edges = dependencyEdges(doc).filter((e) => raw.has(e.fromId));
  const cycles = findCycles([...raw.keys()].sort(), edges.filter((e) => raw.has(e.toId)));
  const inCycle = new Set(cycles.flat());
  const dependsOn = new Map<string, PlanDependency[]>();
  const dependents = new Map<string, string[]>();
  const flags = new Map<string, PlanFlag[]>();
  const deps = doc.getMap('dependencies');
  for (const e of edges) {
    const target = raw.get(e.toId);
    const dep = deps.get(e.id) as Y.Map<unknown>;
    const flag = ((): PlanFlag | null => {
      if (!target) return { depId: e.id, itemId: e.toId, reason: 'deleted' };
      if (target.get('status') === 'cancelled') return { depId: e.id, itemId: e.toId, reason: 'cancelled' };
      const seenEnd = dep.get('seenEnd');
      const end = target.get('end');
      if (isDate(seenEnd) && isDate(end)) return end > seenEnd ? { depId: e.id, itemId: e.toId, reason: 'moved', days: daysBetween(seenEnd, end) } : null;
      const seen = oneOf(dep.get('seenHorizon'), HORIZONS, 'now');
      const now = oneOf(target.get('horizon'), HORIZONS, 'now');
      // Undated before and after: compare horizons (dated ↔ undated is a replan, not a slip).
      if (!isDate(seenEnd) && !isDate(end) && HORIZON_RANK[now] > HORIZON_RANK[seen]) return { depId: e.id, itemId: e.toId, reason: 'moved-horizon', from: seen, to: now };
      return null;
    })();
    if (flag) flags.set(e.fromId, [...(flags.get(e.fromId) ?? []), flag]);
    if (target) {
      dependsOn.set(e.fromId, [...(dependsOn.get(e.fromId) ?? []), { depId: e.id, itemId: e.toId }]);
      dependents.set(e.toId, [...(dependents.get(e.toId) ?? []), e.fromId]);
    }
  }
  const items: PlanItemSnapshot[] = [];
  for (const [id, m] of raw) {
    const start = isDate(m.get('start')) ? str(m.get('start')) : null;
    const end = isDate(m.get('end')) ? str(m.get('end')) : null;
    const dated = start !== null && end !== null;
    items.push({
      id, title: str(m.get('title')), kind: oneOf(m.get('kind'), PLAN_KINDS, 'initiative'), team: oneOf(m.get('team'), ['product', 'operations', 'shared'] as const, 'shared'),
      ownerId: typeof m.get('ownerId') === 'string' ? str(m.get('ownerId')) : null, status: oneOf(m.get('status'), PLAN_STATUSES, 'planned'),
      start: dated ? start : null, end: dated ? end : null, horizon: dated ? null : oneOf(m.get('horizon'), HORIZONS, 'later'),
      launchedOn: isDate(m.get('launchedOn')) ? str(m.get('launchedOn')) : null,
      goals: values(m, 'goals', (v) => (typeof v.boardId === 'string' && typeof v.entityId === 'string' ? { boardId: v.boardId, entityId: v.entityId, effect: str(v.effect) } : null)).sort(byKey((l) => `${l.boardId}:${l.entityId}`)),
      feedback: values(m, 'feedback', (v) => (typeof v.boardId === 'string' && typeof v.entityId === 'string' ? { boardId: v.boardId, entityId: v.entityId } : null)).sort(byKey((l) => `${l.boardId}:${l.entityId}`)),
      milestones: values(m, 'milestones', (v) => (typeof v.id === 'string' && isDate(v.date) ? { id: v.id, title: str(v.title), date: v.date } : null)).sort(byKey((x) => `${x.date}|${x.id}`)),
      slips: values(m, 'slips', (v) => (typeof v.id === 'string' && isDate(v.from) && isDate(v.to) ? { id: v.id, at: num(v.at), from: v.from, to: v.to, days: num(v.days) } : null)).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)),
      notes: textOf(m.get('notes')),
      dependsOn: (dependsOn.get(id) ?? []).sort(byKey((d) => `${d.itemId}|${d.depId}`)),
      dependents: [...new Set(dependents.get(id) ?? [])].sort(),
      flags: (flags.get(id) ?? []).sort(byKey((f) => `${f.itemId}|${f.depId}`)),
      inCycle: inCycle.has(id),
      createdAt: num(m.get('createdAt')),
    });
  }
  items.sort((a, b) => {
    const ka = a.start ?? '~';
    const kb = b.start ?? '~';
    return ka < kb ? -1 : ka > kb ? 1 : a.title < b.title ? -1 : a.title > b.title ? 1 : a.id < b.id ? -1 : 1;
  });
  return { items, cycles };
}

/**
 * A reader that keeps the identity of items whose content did not change, so components
 * showing one item re-render only when it does. Call `read()` after each change.
 */
export function createPlansReader(doc: Y.Doc) {
  let last: PlansBoardSnapshot = { items: [], cycles: [] };
  let lastJson = new Map<string, string>();
  function read(): PlansBoardSnapshot {
    const next = readPlansBoard(doc);
    const json = new Map<string, string>();
    const prevById = new Map(last.items.map((p) => [p.id, p]));
    const items = next.items.map((item) => {
      const text = JSON.stringify(item);
      json.set(item.id, text);
      const old = prevById.get(item.id);
      return old && lastJson.get(item.id) === text ? old : item;
    });
    lastJson = json;
    const sameCycles = JSON.stringify(next.cycles) === JSON.stringify(last.cycles);
    const same = sameCycles && items.length === last.items.length && items.every((m, i) => m === last.items[i]);
    if (!same) last = { items, cycles: sameCycles ? last.cycles : next.cycles };
    return last;
  }
  return { read, destroy: () => undefined };
}
