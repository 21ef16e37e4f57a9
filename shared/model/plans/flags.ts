// Why a plan item is flagged: what it waits on moved later, was cancelled or is gone (a direct
// flag), or something further up its chain of dependencies did (an upstream flag: "waits on “B”,
// whose dependency “A” moved 2 weeks later"). Both are readings of the merged doc, so every
// laptop shows the same flags however the edits arrived, and a flag clears by itself once what
// moved moves back.
import type * as Y from 'yjs';
import { oneOf } from '../doc';
import { daysBetween, HORIZONS, type Horizon } from './schema';

/** What an item waits on directly moved later, was cancelled, or is gone. */
export type DirectPlanFlag =
  | { readonly depId: string; readonly itemId: string; readonly reason: 'moved'; readonly days: number }
  | { readonly depId: string; readonly itemId: string; readonly reason: 'moved-horizon'; readonly from: Horizon; readonly to: Horizon }
  | { readonly depId: string; readonly itemId: string; readonly reason: 'cancelled' }
  | { readonly depId: string; readonly itemId: string; readonly reason: 'deleted' };

/**
 * What an item waits on (`itemId`, through its dependency `depId`) is not flagged for itself
 * being moved, but something up its chain is: `throughId` waits directly on what moved, and
 * `cause` is that item's own direct flag. Clears when the cause clears, or once the people of
 * `throughId` see it (they then move their item, which flags what waits on it directly, or keep it).
 */
export interface UpstreamPlanFlag {
  readonly depId: string;
  readonly itemId: string;
  readonly reason: 'upstream';
  readonly throughId: string;
  readonly cause: DirectPlanFlag;
}

export type PlanFlag = DirectPlanFlag | UpstreamPlanFlag;

export interface FlagEdge {
  readonly id: string;
  readonly fromId: string;
  readonly toId: string;
}

const HORIZON_RANK: Record<Horizon, number> = { now: 0, next: 1, later: 2 };

/** A real calendar date `YYYY-MM-DD`: what a peer wrote may be neither. */
export function isPlanDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The direct flag of one dependency, or null when what it waits on is as its people last saw it (or earlier). */
export function directFlag(edge: FlagEdge, dep: Y.Map<unknown>, target: Y.Map<unknown> | undefined): DirectPlanFlag | null {
  if (!target) return { depId: edge.id, itemId: edge.toId, reason: 'deleted' };
  if (target.get('status') === 'cancelled') return { depId: edge.id, itemId: edge.toId, reason: 'cancelled' };
  const seenEnd = dep.get('seenEnd');
  const end = target.get('end');
  if (isPlanDate(seenEnd) && isPlanDate(end)) return end > seenEnd ? { depId: edge.id, itemId: edge.toId, reason: 'moved', days: daysBetween(seenEnd, end) } : null;
  const seen = oneOf(dep.get('seenHorizon'), HORIZONS, 'now');
  const now = oneOf(target.get('horizon'), HORIZONS, 'now');
  // Undated before and after: compare horizons (dated ↔ undated is a replan, not a slip).
  if (!isPlanDate(seenEnd) && !isPlanDate(end) && HORIZON_RANK[now] > HORIZON_RANK[seen]) return { depId: edge.id, itemId: edge.toId, reason: 'moved-horizon', from: seen, to: now };
  return null;
}

function listOf<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

interface Carried {
  readonly throughId: string;
  readonly cause: DirectPlanFlag;
}

/**
 * The upstream flags of every item, from the direct flags: each direct flag of B travels to
 * everything that waits on B, then on those, and so on, breadth first (so each item names the
 * nearest thing it waits on that the slip reaches). `passesOn(id)` says whether a slip can still
 * delay that item (not once it launched, is done or was cancelled). An item hears of each slip
 * (what moved, and how) once, never about itself or a slip it is flagged for directly, so a
 * cycle ends the walk instead of going round it. Deterministic: edges are walked in id order.
 */
export function upstreamFlags(edges: readonly FlagEdge[], direct: ReadonlyMap<string, readonly DirectPlanFlag[]>, passesOn: (itemId: string) => boolean): Map<string, UpstreamPlanFlag[]> {
  const waitedOnBy = new Map<string, FlagEdge[]>();
  const sorted = [...edges].sort((a, b) => (a.fromId < b.fromId ? -1 : a.fromId > b.fromId ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of sorted) if (e.fromId !== e.toId) listOf(waitedOnBy, e.toId).push(e);
  const heard = new Map<string, Set<string>>();
  const out = new Map<string, UpstreamPlanFlag[]>();
  let level = new Map<string, Carried[]>();
  for (const id of [...direct.keys()].sort()) level.set(id, (direct.get(id) ?? []).map((cause) => ({ throughId: id, cause })));
  while (level.size > 0) {
    const next = new Map<string, Carried[]>();
    for (const [at, carried] of level) {
      if (!passesOn(at)) continue;
      for (const e of waitedOnBy.get(at) ?? []) {
        const own = direct.get(e.fromId) ?? [];
        for (const c of carried) {
          if (c.cause.itemId === e.fromId || c.throughId === e.fromId || own.some((f) => f.itemId === c.cause.itemId)) continue;
          const key = `${c.cause.itemId}|${c.cause.reason}`;
          const seen = heard.get(e.fromId) ?? new Set<string>();
          if (seen.has(key)) continue;
          seen.add(key);
          heard.set(e.fromId, seen);
          listOf(out, e.fromId).push({ depId: e.id, itemId: at, reason: 'upstream', throughId: c.throughId, cause: c.cause });
          listOf(next, e.fromId).push(c);
        }
      }
    }
    level = next;
  }
  return out;
}
