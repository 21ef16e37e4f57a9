// This peer's side of LAN sync, independent of sockets: one sync connection per teammate's
// peer carrying every doc, duplicates between the same pair resolved the same way on both
// sides, relaying by origins (what arrives from one peer reaches every other peer and renderer,
// never back), and what each teammate has acknowledged on disk, for a status that never lies.
import type { PeerLogger } from '../logger';
import type { PresenceMembership, PresenceSource } from '../presence-hub';
import {
  DEFAULT_LAN_SYNC_LIMITS, LanSyncConnection, type LanChannel, type LanConnectionEvents, type LanConnectionInfo, type LanDocHost, type LanSyncLimits, type LanVia,
} from './lan-connection';
import type { AckLedger } from './ack-ledger';
import { DocVectors } from './doc-vectors';
import { mergeStateVectors } from './lan-messages';
import { PendingTotals } from './pending-totals';

export interface LanPeerOptions {
  readonly peerId: string;
  /** This laptop's member id, read when a connection opens (it changes on joining a workspace). */
  readonly memberId: () => string | null;
  readonly device: string | null;
  readonly host: LanDocHost;
  readonly logger: PeerLogger;
  readonly now?: () => number;
  readonly limits?: Partial<LanSyncLimits>;
  /** Where teammates' acknowledgements are kept across restarts, if anywhere. */
  readonly ledger?: AckLedger;
  /** Run liveness on a real one-second timer (default). Tests on virtual time call `tick()` instead. */
  readonly autoTick?: boolean;
  /** The peer's presence relay: each connection joins it once welcomed. */
  readonly joinPresence?: (source: PresenceSource) => PresenceMembership;
}

/** A teammate's peer as this peer knows it, connected or not. */
export interface LanPeerSummary {
  readonly peerId: string;
  /** The member the peer says it belongs to, once it has said so. */
  readonly memberId: string | null;
  readonly device: string | null;
  readonly address: string;
  readonly via: LanVia;
  readonly connected: boolean;
  readonly connectedSince: number | null;
  /** When a frame last arrived from it (ms since the epoch). */
  readonly lastExchangeAt: number | null;
  /** Docs of the current connection whose full sync from that peer has completed, of all it carries. */
  readonly syncedDocs: number;
  readonly docs: number;
  /** Clock units of this peer's docs the teammate has not confirmed on disk: per doc (only docs with some), and in all. */
  readonly pendingByDoc: Readonly<Record<string, number>>;
  readonly pendingChanges: number;
}

/** What a channel's owner feeds a connection with. */
export interface LanAttachment {
  receive(frame: Uint8Array): void;
  /** The channel closed (either side). */
  didClose(): void;
}

interface RemotePeer {
  peerId: string;
  memberId: string | null;
  device: string | null;
  address: string;
  via: LanVia;
  lastExchangeAt: number | null;
  acked: Map<string, Map<number, number>>;
  connection: LanSyncConnection | null;
}

/** Of two connections between the same pair, whether `a` is the one to keep. Both sides answer alike. */
export function preferConnection(a: LanConnectionInfo, b: LanConnectionInfo, localPeerId: string): boolean {
  const lower = localPeerId < a.remotePeerId ? localPeerId : a.remotePeerId;
  const aByLower = a.initiatorPeerId === lower;
  if (aByLower !== (b.initiatorPeerId === lower)) return aByLower;
  return a.tiebreak < b.tiebreak;
}

/** This peer's LAN sync: at most one connection per teammate's peer, relaying between all of them and the replica. */
export class LanPeer {
  private readonly remotes = new Map<string, RemotePeer>();
  private readonly limits: LanSyncLimits;
  private readonly now: () => number;
  private readonly timer: ReturnType<typeof setInterval> | null;
  private readonly changeListeners = new Set<() => void>();
  private readonly vectors: DocVectors;
  /** Each teammate's pending counts, kept up to date by the vectors each read rebuilt and the acknowledgements that came. */
  private readonly pending: PendingTotals;
  /** Connections closed after bad input, for diagnostics and tests. */
  protocolErrors = 0;

  constructor(private readonly options: LanPeerOptions) {
    this.limits = { ...DEFAULT_LAN_SYNC_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
    this.pending = new PendingTotals((peerId, docId) => this.remotes.get(peerId)?.acked.get(docId));
    this.vectors = new DocVectors(options.host, (docId, vector) => this.pending.docChanged(docId, vector));
    this.timer = options.autoTick === false ? null : setInterval(() => this.tick(), 1_000);
    this.timer?.unref();
  }

  get peerId(): string {
    return this.options.peerId;
  }

  isConnected(peerId: string): boolean {
    return this.remotes.get(peerId)?.connection != null;
  }

  /** The open sync connections (a dial-back check asks each). */
  openConnections(): LanSyncConnection[] {
    return this.connections();
  }

  connectedPeerIds(): string[] {
    return [...this.remotes.values()].filter((r) => r.connection).map((r) => r.peerId);
  }

  /** Calls `listener` whenever a connection opens, closes, hears from its peer's person or gets an acknowledgement. */
  onDidChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Starts syncing over a channel whose handshake has completed. Returns null (and closes the
   * channel) when a better connection to the same peer is already open.
   */
  attach(channel: LanChannel, info: LanConnectionInfo): LanAttachment | null {
    const remote = this.remoteRecord(info);
    const existing = remote.connection;
    if (existing) {
      if (!preferConnection(info, existing.info, this.peerId)) {
        this.options.logger.info('lan duplicate connection closed', { peerId: info.remotePeerId, kept: existing.info.address });
        channel.close();
        return null;
      }
      this.options.logger.info('lan duplicate connection closed', { peerId: info.remotePeerId, kept: info.address });
      this.detach(existing, true);
    }
    Object.assign(remote, { address: info.address, via: info.via, acked: new Map(), lastExchangeAt: this.now() });
    this.pending.reset(remote.peerId);
    const connection = new LanSyncConnection({
      host: this.options.host,
      channel,
      info,
      welcome: () => ({ memberId: this.options.memberId(), device: this.options.device }),
      logger: this.options.logger,
      now: this.now,
      limits: this.limits,
      events: this.events,
      joinPresence: this.options.joinPresence,
      acked: (docId) => remote.acked.get(docId),
    });
    remote.connection = connection;
    this.changed();
    return {
      receive: (frame) => connection.receive(frame),
      didClose: () => this.detach(connection, false),
    };
  }

  /** Teammates' peers known from before this start (the ack ledger): listed as not connected until they are. */
  addKnown(known: readonly { peerId: string; memberId: string | null; device: string | null; lastAckAt: number | null }[]): void {
    for (const k of known) {
      if (this.remotes.has(k.peerId) || k.peerId === this.peerId) continue;
      this.remotes.set(k.peerId, { peerId: k.peerId, memberId: k.memberId, device: k.device, address: '', via: 'remembered', lastExchangeAt: k.lastAckAt, acked: new Map(), connection: null });
    }
    this.changed();
  }

  /** The replica wrote `docId` up to `stateVector`, after an update applied with `origin` (if known): every teammate hears of it. */
  didSave(docId: string, stateVector: Uint8Array, origin?: unknown): void {
    const connections = this.connections();
    for (const connection of connections) connection.sendSaved(docId, stateVector, origin === connection.origin);
    // Teammates now lack what was saved until they acknowledge it: the sync status says so.
    if (connections.length > 0) this.changed();
  }

  /** A doc was opened here (a new board, or one a teammate announced): every connection syncs it. */
  didOpenDoc(docId: string): void {
    for (const connection of this.connections()) connection.offerDoc(docId);
  }

  /** Liveness and the pending-structs bound, for every connection. */
  tick(): void {
    const now = this.now();
    for (const connection of this.connections()) {
      const reason = connection.tick(now);
      if (!reason) continue;
      this.options.logger.warn('lan connection dropped', { peerId: connection.info.remotePeerId, reason });
      if (reason === 'pending-structs') this.protocolErrors++;
      this.detach(connection, true, reason === 'silent' ? undefined : 'frame-rejected');
    }
  }

  /** The state vector of every doc this peer holds, now: valid until the next read (see `DocVectors.read`). */
  docVectors(): Promise<ReadonlyMap<string, ReadonlyMap<number, number>>> {
    return this.vectors.read();
  }

  /**
   * Every teammate's peer known since start: connected ones first. Pending counts compare with
   * this peer's docs now (read first unless `vectorsRead`: the caller has just read them);
   * without `perDoc`, `pendingByDoc` is left empty.
   */
  async status(perDoc = true, vectorsRead = false): Promise<LanPeerSummary[]> {
    if (!vectorsRead) await this.docVectors();
    const summaries = [...this.remotes.values()].map((remote): LanPeerSummary => {
      const pending = this.pending.of(remote.peerId);
      const pendingByDoc: Record<string, number> = perDoc ? Object.fromEntries(pending.byDoc) : {};
      const pendingChanges = pending.total;
      const connection = remote.connection;
      return {
        peerId: remote.peerId,
        memberId: remote.memberId,
        device: remote.device,
        address: remote.address,
        via: remote.via,
        connected: connection !== null,
        connectedSince: connection?.openedAt ?? null,
        lastExchangeAt: remote.lastExchangeAt,
        syncedDocs: connection?.syncedDocs ?? 0,
        docs: connection?.docCount ?? 0,
        pendingByDoc,
        pendingChanges,
      };
    });
    return summaries.sort((a, b) => Number(b.connected) - Number(a.connected) || (a.peerId < b.peerId ? -1 : 1));
  }

  /** Closes every connection (the workspace secret changed, or the peer is stopping). */
  closeAll(): void {
    for (const connection of this.connections()) this.detach(connection, true);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.closeAll();
  }

  private connections(): LanSyncConnection[] {
    return [...this.remotes.values()].flatMap((r) => (r.connection ? [r.connection] : []));
  }

  private remoteRecord(info: LanConnectionInfo): RemotePeer {
    let remote = this.remotes.get(info.remotePeerId);
    if (!remote) {
      remote = { peerId: info.remotePeerId, memberId: null, device: null, address: info.address, via: info.via, lastExchangeAt: null, acked: new Map(), connection: null };
      this.remotes.set(info.remotePeerId, remote);
    }
    return remote;
  }

  private detach(connection: LanSyncConnection, closeChannel: boolean, reason?: 'frame-rejected'): void {
    if (closeChannel) connection.close(reason);
    else connection.dispose();
    const remote = this.remotes.get(connection.info.remotePeerId);
    if (remote?.connection === connection) {
      remote.connection = null;
      this.changed();
    }
  }

  private changed(): void {
    for (const listener of this.changeListeners) {
      try {
        listener();
      } catch (error) {
        this.options.logger.error('lan change listener threw', { error: String(error) });
      }
    }
  }

  private readonly events: LanConnectionEvents = {
    onDidWelcome: (connection) => {
      const remote = this.remotes.get(connection.info.remotePeerId);
      if (!remote || remote.connection !== connection || !connection.remoteWelcome) return;
      remote.memberId = connection.remoteWelcome.memberId;
      remote.device = connection.remoteWelcome.device;
      this.options.ledger?.describe(remote.peerId, remote.memberId, remote.device);
      this.changed();
    },
    onDidAck: (connection, docId, stateVector) => {
      const remote = this.remotes.get(connection.info.remotePeerId);
      if (remote?.connection !== connection) return;
      remote.acked.set(docId, mergeStateVectors(remote.acked.get(docId), stateVector));
      this.pending.ackChanged(remote.peerId, docId);
      // Only docs this connection syncs: a teammate cannot grow the ledger with made-up doc ids.
      if (connection.carries(docId)) this.options.ledger?.record(remote.peerId, docId, stateVector);
      // What a teammate has on disk moved: the sync status may change.
      this.changed();
    },
    onDidExchange: (connection) => {
      const remote = this.remotes.get(connection.info.remotePeerId);
      if (remote?.connection === connection) remote.lastExchangeAt = this.now();
    },
    onDidProgress: (connection) => {
      if (this.remotes.get(connection.info.remotePeerId)?.connection === connection) this.changed();
    },
    onDidFail: (connection, reason) => {
      if (reason !== 'send-failed') this.protocolErrors++;
      this.detach(connection, true, reason === 'send-failed' ? undefined : 'frame-rejected');
    },
  };
}
