// What a LAN sync connection is given and speaks over: the replica it syncs (LanDocHost), the
// authenticated channel, the facts its handshake fixed, and its limits. Kept apart from the
// connection so the parts it is made of (doc-sessions.ts, say) can name them.
import type * as Y from 'yjs';
import type { PeerLogger } from '../logger';
import type { PresenceMembership, PresenceSource } from '../presence-hub';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundles';
import { DEFAULT_OPEN_SESSIONS } from './doc-sessions';
import { DEFAULT_LARGE_FRAME_LIMITS, type LargeFrameLimits } from './large-frames';
import type { LanSyncConnection } from './lan-connection';
import type { LanWelcome } from './lan-messages';
import type { Probe } from './reachability';
import type { ChannelRefusalReason } from './records';

/** What a LAN connection needs of the replica it syncs. */
export interface LanDocHost {
  /** Every doc this peer holds, on disk or open. */
  listDocIds(): Promise<string[]>;
  /** The doc, loaded (or created empty) on first use. */
  openDoc(docId: string): Promise<Y.Doc>;
  /** The state of the doc this peer has on disk (fsynced). */
  savedStateVector(docId: string): Promise<Uint8Array>;
  /** This peer holds the doc (without loading it). Without it every doc is taken as held. */
  holds?(docId: string): boolean;
  /** The doc if it is loaded already, with no await: a status over thousands of docs reads them all at once. */
  loadedDoc?(docId: string): Y.Doc | undefined;
  /** Keeps the doc's Y.Doc in use until the returned function is called (an open session's life). */
  hold?(docId: string): () => void;
  /** The doc if it is dormant (kept encoded, with no Y.Doc): read from this rather than waking it. */
  dormantDoc?(docId: string): DormantDocState | undefined;
  /**
   * A big update from the other side, about to be applied here: this peer's windows that have the
   * doc open are sent it first (see RELAY_AHEAD_MIN_BYTES). Resolves once it is on its way to
   * them; the function it gives is called once this peer has applied (or refused) it. Resolves to
   * null when no window has the doc open.
   */
  relayAhead?(docId: string, update: Uint8Array): Promise<(() => void) | null>;
  /**
   * An update relayed ahead to a window, for a doc that holds nothing here: stored and
   * acknowledged first, applied after the window's head start (Replica.storeAhead). True when
   * taken; `onApplied` then follows the doc's apply, with the error if the doc refused the bytes.
   */
  storeAhead?(docId: string, update: Uint8Array, origin: unknown, onApplied: (error?: unknown) => void): boolean;
  /** Applies what waits for the doc (`storeAhead`) before anything reads or changes it. */
  settle?(docId: string): void;
}

/** A dormant doc as the replica keeps it: the same object (and arrays) until the doc wakes. */
export interface DormantDocState {
  /** Applied in order, they make the doc. */
  readonly updates: readonly Uint8Array[];
  /** Its state vector, all of it on disk. */
  readonly stateVector: Uint8Array;
}

/** The authenticated, ordered pipe a connection speaks over: a secure TCP connection, or an in-memory pair in tests. */
export interface LanChannel {
  send(frame: Uint8Array): void;
  /** Closes the channel: orderly without a reason, as a refusal with one. */
  close(reason?: ChannelRefusalReason): void;
}

/** How this peer came to know the address it dialled (or `inbound` when the other side dialled). */
export type LanVia = 'mdns' | 'manual' | 'remembered' | 'invite' | 'inbound' | 'memory';

/** Facts about a connection, fixed when its handshake completed. */
export interface LanConnectionInfo {
  readonly remotePeerId: string;
  /** Who dialled. Of two connections between the same pair, the one the lower peer id dialled survives. */
  readonly initiatorPeerId: string;
  /** Equal on both ends and unique per connection (the handshake hash): breaks the remaining ties the same way on both sides. */
  readonly tiebreak: string;
  readonly address: string;
  readonly via: LanVia;
  /** The other end's IP as the socket sees it: the only address a dial-back request may have this peer connect to. */
  readonly remoteIp?: string;
}

/** Timings of liveness and of the pending-structs bound, and when frames go in chunks. */
export interface LanSyncLimits extends LargeFrameLimits, BundleLimits {
  readonly pingIntervalMs: number;
  /** A connection that has received nothing for this long is dropped. */
  readonly silenceMs: number;
  /** A doc left with updates whose predecessors never arrived for this long drops the connection that sent them. */
  readonly pendingStructsMs: number;
  /** Sync sessions open at once on one connection; idle ones close to admit the next. */
  readonly openSessions: number;
}

export const DEFAULT_LAN_SYNC_LIMITS: LanSyncLimits = { pingIntervalMs: 10_000, silenceMs: 30_000, pendingStructsMs: 30_000, openSessions: DEFAULT_OPEN_SESSIONS, ...DEFAULT_LARGE_FRAME_LIMITS, ...DEFAULT_BUNDLE_LIMITS };

export interface LanConnectionEvents {
  onDidWelcome(connection: LanSyncConnection): void;
  onDidAck(connection: LanSyncConnection, docId: string, stateVector: Map<number, number>): void;
  onDidExchange(connection: LanSyncConnection): void;
  /** Docs to sync on the connection were counted, or one finished syncing: the sync status may change. */
  onDidProgress(connection: LanSyncConnection): void;
  /** The connection must close for `reason` (already logged); the owner closes it. */
  onDidFail(connection: LanSyncConnection, reason: string): void;
}

export interface LanConnectionOptions {
  readonly host: LanDocHost;
  readonly channel: LanChannel;
  readonly info: LanConnectionInfo;
  readonly welcome: () => Omit<LanWelcome, 'docs'>;
  readonly logger: PeerLogger;
  readonly now: () => number;
  readonly limits: LanSyncLimits;
  readonly events: LanConnectionEvents;
  /** Presence (awareness) relay of the peer; without it awareness frames are ignored. */
  readonly joinPresence?: (source: PresenceSource) => PresenceMembership;
  /** How a teammate's dial-back request is served (tests); a TCP connect by default. */
  readonly probe?: Probe;
  /** What the other side last confirmed on disk of a doc (its "saved" state vectors merged). */
  readonly acked?: (docId: string) => ReadonlyMap<number, number> | undefined;
}
