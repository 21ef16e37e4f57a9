// Snapshot readers of a plan board: plain, immutable plan items with their links, milestones,
// slips, what they wait on and the flags that follow (./flags.ts: what it waits on, or something
// further up its chain, moved later, was cancelled or deleted), and the dependency cycles a merge
// may have made. A date a peer wrote that is not a real date reads as no date.
import * as Y from 'yjs';
import { entities, num, oneOf, str, textOf } from '../doc';
import type { PlanFact } from '../facts';
import { dependencyEdges } from './dependencies';
import { directFlag, isPlanDate as isDate, upstreamFlags, type DirectPlanFlag, type PlanFlag } from './flags';
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
  /** Its direct flags (what it waits on moved), then its upstream ones (something further up did). */
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

/** A slip can still delay an item that has not launched, is not done and was not cancelled. */
const STILL_AHEAD: readonly PlanStatus[] = ['idea', 'planned', 'in-progress'];

/** Reads the whole board into a fresh snapshot. */
export function readPlansBoard(doc: Y.Doc): PlansBoardSnapshot {
  const raw = new Map<string, Y.Map<unknown>>(entities(doc.getMap('items')));
  const edges = dependencyEdges(doc).filter((e) => raw.has(e.fromId));
  const cycles = findCycles([...raw.keys()].sort(), edges.filter((e) => raw.has(e.toId)));
  const inCycle = new Set(cycles.flat());
  const dependsOn = new Map<string, PlanDependency[]>();
  const dependents = new Map<string, string[]>();
  const direct = new Map<string, DirectPlanFlag[]>();
  const deps = doc.getMap('dependencies');
  for (const e of edges) {
    const target = raw.get(e.toId);
    const flag = directFlag(e, deps.get(e.id) as Y.Map<unknown>, target);
    if (flag) direct.set(e.fromId, [...(direct.get(e.fromId) ?? []), flag]);
    if (target) {
      dependsOn.set(e.fromId, [...(dependsOn.get(e.fromId) ?? []), { depId: e.id, itemId: e.toId }]);
      dependents.set(e.toId, [...(dependents.get(e.toId) ?? []), e.fromId]);
    }
  }
  for (const list of direct.values()) list.sort(byKey((f) => `${f.itemId}|${f.depId}`));
  const upstream = upstreamFlags(edges.filter((e) => raw.has(e.toId)), direct, (id) => STILL_AHEAD.includes(oneOf(raw.get(id)?.get('status'), PLAN_STATUSES, 'planned')));
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
      flags: [...(direct.get(id) ?? []), ...(upstream.get(id) ?? [])],
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

/** The board's items as other kinds see them (a KPI review lists launches, slips and blocked items). */
export function planFactsOf(board: PlansBoardSnapshot, boardId: string): PlanFact[] {
  const titles = new Map(board.items.map((item) => [item.id, item.title]));
  /** What moved: the item a direct flag names, or the one an upstream flag's cause names. */
  const moved = (flag: PlanFlag) => titles.get(flag.reason === 'upstream' ? flag.cause.itemId : flag.itemId);
  return board.items.map((item) => ({
    boardId, id: item.id, title: item.title, status: item.status, ownerId: item.ownerId, launchedOn: item.launchedOn,
    slips: item.slips.map((s) => ({ at: s.at, days: s.days })),
    // Flagged directly or through a chain: either way it waits on something that moved.
    blocked: item.flags.length > 0,
    waitsOn: [...new Set(item.flags.map(moved).filter((title): title is string => title !== undefined))],
    goalKeys: item.goals.map((g) => `${g.boardId}:${g.entityId}`), feedbackKeys: item.feedback.map((f) => `${f.boardId}:${f.entityId}`),
  }));
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
