// The plain presence snapshot the store holds: every other client's checked state, in client
// id order, keeping the previous array (and each unchanged entry) when nothing changed, so
// renewals and my own changes never re-render a component.
import { presenceStateSchema, type PresenceViewport } from '../../../shared/api/presence';

/** One other window's presence, as components read it from the store. */
export interface PresencePeer {
  readonly clientId: number;
  readonly memberId: string;
  readonly boardId: string | null;
  readonly itemId: string | null;
  readonly field: string | null;
  /** A facilitator's view, while they ask the room to follow; undefined otherwise. */
  readonly viewport?: PresenceViewport;
}

export const NO_PRESENCE: readonly PresencePeer[] = Object.freeze([]);

function samePeer(a: PresencePeer, b: PresencePeer): boolean {
  return a.clientId === b.clientId && a.memberId === b.memberId && a.boardId === b.boardId && a.itemId === b.itemId && a.field === b.field && sameViewport(a.viewport, b.viewport);
}

function sameViewport(a: PresenceViewport | undefined, b: PresenceViewport | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.cx === b.cx && a.cy === b.cy && a.k === b.k);
}

/**
 * The other clients' states of an awareness (`awareness.getStates()`), minus my own client and
 * any state off the schema; `previous` is returned as is when nothing changed.
 */
export function derivePresenceSnapshot(states: ReadonlyMap<number, unknown>, ownClientId: number, previous: readonly PresencePeer[]): readonly PresencePeer[] {
  const next: PresencePeer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === ownClientId) continue;
    const parsed = presenceStateSchema.safeParse(state);
    if (!parsed.success) continue;
    const { memberId, boardId, itemId, field, viewport } = parsed.data;
    next.push(viewport ? { clientId, memberId, boardId, itemId, field, viewport } : { clientId, memberId, boardId, itemId, field });
  }
  next.sort((a, b) => a.clientId - b.clientId);
  const byClient = new Map(previous.map((p) => [p.clientId, p]));
  let changed = next.length !== previous.length;
  const result = next.map((peer, i) => {
    const old = byClient.get(peer.clientId);
    if (old && samePeer(old, peer)) {
      if (previous[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return Object.freeze(peer);
  });
  if (!changed) return previous;
  return result.length === 0 ? NO_PRESENCE : Object.freeze(result);
}
