// "While you were away": what teammates changed on a board that this laptop had not yet seen
// when it was last caught up, given the state vector it saved then. A change counts when its
// change mark (writer's client id and clock) lies beyond that state vector.
import type * as Y from 'yjs';
import { BOARD_KINDS, type BoardKind } from './kinds';

export type AwayChangeKind =
  | 'goal-created' | 'goal-status' | 'kpi-target' | 'check-in'
  | 'item-created' | 'item-moved' | 'item-retitled' | 'item-merged' | 'item-linked' | 'comment'
  | 'decision' | 'action-assigned' | 'notes-added' | 'cluster-created' | 'votes-revealed';

/** One thing a teammate did. `targetId` is the goal, item, meeting or note to open. */
export interface AwayChange {
  readonly kind: AwayChangeKind;
  readonly by: string;
  readonly at: number;
  readonly target: 'goal' | 'item' | 'meeting' | 'note';
  readonly targetId: string;
  /** The goal's or item's title now. */
  readonly title: string;
  /** The new value: a status key, a column id, a number; null when the kind has none. */
  readonly value: string | number | null;
  /** The KPI's name, for KPI targets and check-ins. */
  readonly kpiName: string | null;
  /** The entity itself when `targetId` is where it is shown (a decision opens its meeting). */
  readonly entityId?: string;
}

/** At most this many changes per board, the latest: the panel is a summary, not a log. */
export const AWAY_LIMIT = 200;

/**
 * What teammates (anyone but `me`) changed on a board since the state vector `seen`, oldest
 * first. Moves of one item by one person collapse to the last; at most `AWAY_LIMIT` entries.
 */
export function readAwayChanges(doc: Y.Doc, board: BoardKind, seen: ReadonlyMap<number, number>, me: string): AwayChange[] {
  const out: AwayChange[] = [];
  BOARD_KINDS[board].readAwayChanges(doc, seen, me, out);
  const keyOf = (c: AwayChange) => c.entityId ?? c.targetId;
  out.sort((a, b) => a.at - b.at || (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const lastMove = new Map<string, number>();
  out.forEach((c, i) => c.kind === 'item-moved' && lastMove.set(`${c.by}|${c.targetId}`, i));
  const kept = out.filter((c, i) => c.kind !== 'item-moved' || lastMove.get(`${c.by}|${c.targetId}`) === i);
  return kept.slice(-AWAY_LIMIT);
}
