// This window's presence: a y-protocols Awareness on a doc of its own, whose local state
// follows the store (who I am, the board on screen, the goal or feedback item open, the field
// being edited) and goes to the local peer over the link; what the peer relays from other
// windows and teammates is checked state by state, and reaches the store as a plain snapshot
// at most once per animation frame. With a clock, each state sent carries the clock's reading,
// and readings received feed this window's estimates of the other windows' clock offsets.
import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { presenceStateSchema, type PresenceState, type PresenceViewport } from '../../../shared/api/presence';
import { ClockOffsets } from '../../../shared/model/clock-offsets';
import { decodePresenceUpdate, encodePresenceUpdate, type ValidPresenceEntry } from '../../../shared/protocol/presence-codec';
import type { LinkStatus } from '../link/link-client';
import type { AppState, AppStore } from '../state/store';
import { derivePresenceSnapshot, type PresencePeer } from './presence-snapshot';
import { createPresenceViewSelector, type PresenceView } from './presence-view';

/** The part of the link presence needs. */
export interface PresenceLink {
  readonly status: LinkStatus;
  /** Sends an awareness update to the peer when online; never throws. */
  sendPresence(update: Uint8Array): void;
}

/** The field of an item someone is editing here (set on focus, cleared on blur). */
export interface EditingField {
  readonly itemId: string;
  readonly field: string;
}

/** Origin of awareness changes applied from the peer: never sent back. */
export const PEER_PRESENCE_ORIGIN = 'peer';

type Schedule = (run: () => void) => void;

/** A reading older than this is stamped again before it is sent (a renewal or a query's answer). */
const RESTAMP_AFTER_MS = 1_000;

const nextFrame: Schedule = (run) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => run());
  else setTimeout(run, 16);
};

/** The state this window announces, or null before it knows who it is. */
export function localPresenceState(s: AppState, editing: EditingField | null): PresenceState | null {
  const memberId = s.identity?.memberId;
  if (s.boot !== 'ready' || !memberId) return null;
  const openItemId = s.selectedGoalId ?? s.selectedItemId;
  // A field counts only while its item is the one open (a panel can close under a focused field).
  const field = editing && editing.itemId === openItemId ? editing.field : null;
  const full = { memberId, boardId: s.mainView === 'board' ? s.activeBoardId : null, itemId: openItemId, field };
  // Ids that would fail the schema elsewhere are left out rather than losing the whole state.
  for (const candidate of [full, { ...full, field: null }, { ...full, itemId: null, field: null }, { memberId, boardId: null, itemId: null, field: null }]) {
    const parsed = presenceStateSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return null;
}

function samePresence(a: PresenceState | null, b: PresenceState | null): boolean {
  if (a === null || b === null) return a === b;
  const va = a.viewport;
  const vb = b.viewport;
  const sameView = va === vb || (va !== undefined && vb !== undefined && va.cx === vb.cx && va.cy === vb.cy && va.k === vb.k);
  return a.memberId === b.memberId && a.boardId === b.boardId && a.itemId === b.itemId && a.field === b.field && sameView;
}

export class Presence {
  readonly awareness: Awareness;
  private readonly doc = new Y.Doc();
  private editing: EditingField | null = null;
  private viewport: PresenceViewport | null = null;
  private publishQueued = false;
  private readonly unsubscribe: () => void;
  private readonly selectView = createPresenceViewSelector();
  /** Other windows' clock offsets, by client id (as a string), from the readings their states carry. */
  readonly clockOffsets: ClockOffsets;

  constructor(
    private readonly store: AppStore,
    private readonly link: PresenceLink,
    private readonly schedule: Schedule = nextFrame,
    /** Stamps sent states with its reading when given; without one, states carry no clock. */
    private readonly clock: (() => number) | null = null,
  ) {
    this.clockOffsets = new ClockOffsets(clock ?? (() => Date.now()));
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
    this.awareness.on('change', this.onChange);
    this.unsubscribe = store.subscribe(() => this.syncLocalState());
    this.syncLocalState();
  }

  get clientId(): number {
    return this.awareness.clientID;
  }

  /** The presence view of the store's snapshot (memoised on its inputs; see presence-view.ts). */
  view(s: AppState): PresenceView {
    return this.selectView(s.presence, s.workspace?.members, s.identity?.memberId);
  }

  /** The field being edited here changed (focus moved); null when none is. */
  setEditing(editing: EditingField | null): void {
    if (this.editing?.itemId === editing?.itemId && this.editing?.field === editing?.field) return;
    this.editing = editing;
    this.syncLocalState();
  }

  /** What this window asks others to follow (a facilitator's view of the board on screen); null stops it. */
  setViewport(viewport: PresenceViewport | null): void {
    const v = this.viewport;
    if (v === viewport || (v && viewport && v.cx === viewport.cx && v.cy === viewport.cy && v.k === viewport.k)) return;
    this.viewport = viewport;
    this.syncLocalState();
  }

  /** An awareness update from the peer: every state is checked; malformed bytes throw ProtocolError. */
  receive(update: Uint8Array): void {
    const accepted: ValidPresenceEntry[] = [];
    for (const entry of decodePresenceUpdate(update)) {
      // Nobody speaks for this window but this window.
      if (entry.clientId === this.clientId) continue;
      if (entry.state === 'invalid') {
        // A client that turns invalid is no longer shown; an unknown one is ignored.
        if (this.awareness.states.has(entry.clientId)) accepted.push({ clientId: entry.clientId, clock: entry.clock, state: null });
        continue;
      }
      accepted.push({ clientId: entry.clientId, clock: entry.clock, state: entry.state });
      if (entry.state?.sentAt !== undefined) this.clockOffsets.observe(String(entry.clientId), entry.state.sentAt);
    }
    if (accepted.length === 0) return;
    applyAwarenessUpdate(this.awareness, encodePresenceUpdate(accepted), PEER_PRESENCE_ORIGIN);
    // A client the peer removed (its LAN connection dropped, say) may come back with the clock it
    // had before: forget the removal's clock so that state is taken. The peer already enforces
    // ownership and clock order, and the link is ordered.
    for (const entry of accepted) if (entry.state === null && !this.awareness.states.has(entry.clientId)) this.awareness.meta.delete(entry.clientId);
  }

  /** The peer asked for every state this window knows: only its own is its to tell. */
  answerQuery(): void {
    this.sendOwn();
  }

  /** The link is up (a hello): announce this window again, with a new clock the peer cannot have seen. */
  onDidConnect(): void {
    const state = this.awareness.getLocalState();
    if (state) this.awareness.setLocalState(state);
  }

  /** The link went down: nobody else's presence can be known any more. */
  onDidDisconnect(): void {
    const remote = [...this.awareness.states.keys()].filter((id) => id !== this.clientId);
    removeAwarenessStates(this.awareness, remote, 'offline');
    // Forget their clocks too, so the same states are taken again when the peer resends them.
    for (const id of [...this.awareness.meta.keys()]) if (id !== this.clientId) this.awareness.meta.delete(id);
  }

  /** The window is closing: tell the others this client is gone. */
  leave(): void {
    removeAwarenessStates(this.awareness, [this.clientId], 'local');
  }

  destroy(): void {
    this.unsubscribe();
    this.awareness.off('update', this.onUpdate);
    this.awareness.off('change', this.onChange);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private syncLocalState(): void {
    const base = localPresenceState(this.store.getState(), this.editing);
    const withView = base && this.viewport && base.boardId ? presenceStateSchema.safeParse({ ...base, viewport: this.viewport }) : null;
    const next = withView?.success ? withView.data : base;
    const current = this.awareness.getLocalState() as PresenceState | null;
    if (!samePresence(current, next)) this.awareness.setLocalState(next && this.clock ? { ...next, sentAt: this.clock() } : next);
  }

  private sendOwn(): void {
    if (this.link.status !== 'online' || !this.awareness.meta.has(this.clientId)) return;
    const state = this.awareness.getLocalState() as PresenceState | null;
    if (state && this.clock) {
      const now = this.clock();
      // A stale reading would skew the receivers' offset estimates: stamp it again (which sends it).
      if (state.sentAt === undefined || now - state.sentAt > RESTAMP_AFTER_MS) return this.awareness.setLocalState({ ...state, sentAt: now });
    }
    this.link.sendPresence(encodeAwarenessUpdate(this.awareness, [this.clientId]));
  }

  private readonly onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === PEER_PRESENCE_ORIGIN) return;
    const id = this.clientId;
    if (added.includes(id) || updated.includes(id) || removed.includes(id)) this.sendOwn();
  };

  private readonly onChange = (): void => {
    if (this.publishQueued) return;
    this.publishQueued = true;
    this.schedule(() => {
      this.publishQueued = false;
      this.publish();
    });
  };

  /** Puts the snapshot of the other clients in the store, unless it is unchanged. */
  publish(): void {
    const previous = this.store.getState().presence;
    const presence: readonly PresencePeer[] = derivePresenceSnapshot(this.awareness.getStates(), this.clientId, previous);
    if (presence !== previous) this.store.setState({ presence });
  }
}
