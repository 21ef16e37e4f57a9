// One sync connection with another peer of the workspace, over an already authenticated
// channel: the welcome and paged doc digests, then a y-protocols sync (step 1 / step 2) of each
// doc that differs, in a bounded set of sessions (doc-sessions.ts), live updates both ways,
// "saved" acknowledgements, ping/pong liveness, frames over the LAN frame limit in chunks,
// dial-back checks of each other's port, and a watch on updates whose predecessors never
// arrive. Bad input fails the connection, never a replica.
import type * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';
import type { TxOrigin } from '../../../shared/model/origin';
import { LINK_LIMITS, MessageType, ProtocolError, readFrameHead } from '../../../shared/protocol/frame';
import type { PeerLogger } from '../logger';
import type { PresenceMembership, PresenceSource } from '../presence-hub';
import { DEFAULT_LARGE_FRAME_LIMITS, IncomingLargeFrame, largeFrameFrames, type LargeFrameLimits } from './large-frames';
import { DIGEST_LIMITS, docDigest, encodeDigestPage, readDigestPage, type DocDigestEntry } from './doc-digests';
import { DEFAULT_OPEN_SESSIONS, DocSessions, hasPending } from './doc-sessions';
import { encodePing, encodeSaved, encodeWelcome, LanMessageType, readNonce, readSaved, readWelcome, type LanWelcome } from './lan-messages';
import { DialBackRateLimit, encodeDialBackAnswer, encodeDialBackRequest, probeTcp, readDialBackAnswer, readDialBackRequest, REACHABILITY_LIMITS, serveDialBack, type DialBackAnswer, type Probe } from './reachability';
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
export interface LanSyncLimits extends LargeFrameLimits {
  readonly pingIntervalMs: number;
  /** A connection that has received nothing for this long is dropped. */
  readonly silenceMs: number;
  /** A doc left with updates whose predecessors never arrived for this long drops the connection that sent them. */
  readonly pendingStructsMs: number;
  /** Sync sessions open at once on one connection; idle ones close to admit the next. */
  readonly openSessions: number;
}

export const DEFAULT_LAN_SYNC_LIMITS: LanSyncLimits = { pingIntervalMs: 10_000, silenceMs: 30_000, pendingStructsMs: 30_000, openSessions: DEFAULT_OPEN_SESSIONS, ...DEFAULT_LARGE_FRAME_LIMITS };

export interface LanConnectionEvents {
  onDidWelcome(connection: LanSyncConnection): void;
  onDidAck(connection: LanSyncConnection, docId: string, stateVector: Map<number, number>): void;
  onDidExchange(connection: LanSyncConnection): void;
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
}

/** Syncs every doc either side holds over one channel to one teammate's peer; owned by a LanPeer. */
export class LanSyncConnection {
  readonly info: LanConnectionInfo;
  /** Updates applied from this connection carry this origin, so they are relayed everywhere but back. */
  readonly origin: TxOrigin;
  readonly openedAt: number;
  remoteWelcome: LanWelcome | null = null;
  lastReceivedAt: number;
  private readonly docs: DocSessions;
  /** Docs left with parked updates from this connection, and since when. */
  private readonly pendingSince = new Map<string, { since: number; doc: Y.Doc }>();
  private queue: Promise<void> = Promise.resolve();
  private lastPingAt: number;
  private nextNonce = 1;
  private nextLargeFrameId = 1;
  private readonly incomingLarge: IncomingLargeFrame;
  private readonly dialBackLimit = new DialBackRateLimit();
  private readonly dialBacks = new Map<number, (answer: DialBackAnswer | null) => void>();
  private nextDialBackId = 1;
  private closed = false;
  private presence: PresenceMembership | null = null;

  constructor(private readonly options: LanConnectionOptions) {
    this.info = options.info;
    this.origin = Object.freeze({ source: 'peer', peerId: options.info.remotePeerId });
    this.incomingLarge = new IncomingLargeFrame(options.limits);
    this.openedAt = this.lastReceivedAt = this.lastPingAt = options.now();
    this.docs = new DocSessions({
      host: options.host,
      origin: this.origin,
      send: (f) => this.send(f),
      capacity: options.limits.openSessions,
      enqueue: (work) => this.enqueue(work),
      onDidAck: (docId, stateVector) => this.options.events.onDidAck(this, docId, stateVector),
      onDidOpen: (docId) => this.enqueue(() => this.sendSavedOf(docId)),
    });
    this.enqueue(() => this.start());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Docs whose full sync from the other side has completed on this connection. */
  get syncedDocs(): number {
    return this.docs.syncedDocs;
  }

  /** This connection syncs `docId` (this peer holds it, or a session for it is open). */
  carries(docId: string): boolean {
    return this.docs.carries(docId);
  }

  /** Docs the other side announced, and those synced beyond them. */
  get docCount(): number {
    return this.docs.docCount;
  }

  /** Sync sessions open now (bounded by `LanSyncLimits.openSessions`). */
  get openSessions(): number {
    return this.docs.size;
  }

  /** Handles one frame from the other side, strictly after every frame before it; a large frame's chunks are put together at once, in arrival order. */
  receive(frame: Uint8Array): void {
    if (this.closed) return;
    this.lastReceivedAt = this.options.now();
    let whole: Uint8Array | null;
    try {
      whole = this.incomingLarge.receive(frame);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (whole) this.enqueue(() => this.handle(whole));
  }

  /** A doc this peer just opened or changed with no session open here: sync it here too. */
  offerDoc(docId: string): void {
    if (this.closed || this.docs.isOpen(docId)) return;
    this.enqueue(() => this.openSession(docId));
  }

  /**
   * Tells the other side that this peer has `docId` on disk up to `stateVector`. Without a
   * session open (closed when idle), the change behind it may be new to the other side: a
   * session opens, and says what is saved once open.
   */
  sendSaved(docId: string, stateVector: Uint8Array): void {
    if (this.docs.isOpen(docId)) this.send(encodeSaved(docId, stateVector));
    else this.offerDoc(docId);
  }

  /**
   * Asks the teammate to connect to `addresses` (this peer's) at `port`. Resolves with its
   * answer, or null when none came in time or the connection closed.
   */
  requestDialBack(addresses: readonly string[], port: number, timeoutMs: number = REACHABILITY_LIMITS.answerTimeoutMs): Promise<DialBackAnswer | null> {
    if (this.closed || !this.remoteWelcome || addresses.length === 0) return Promise.resolve(null);
    const id = this.nextDialBackId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(null), timeoutMs);
      const settle = (answer: DialBackAnswer | null) => {
        clearTimeout(timer);
        this.dialBacks.delete(id);
        resolve(answer);
      };
      this.dialBacks.set(id, settle);
      this.send(encodeDialBackRequest({ id, port, addresses: addresses.slice(0, REACHABILITY_LIMITS.maxAddresses) }));
    });
  }

  /**
   * Liveness and the pending-structs bound, run about once a second. Returns why the
   * connection must close, or null; sends a ping when one is due.
   */
  tick(now: number): string | null {
    if (this.closed) return null;
    if (now - this.lastReceivedAt > this.options.limits.silenceMs) return 'silent';
    for (const [docId, { since, doc }] of this.pendingSince) {
      if (!hasPending(doc)) this.pendingSince.delete(docId);
      else if (now - since > this.options.limits.pendingStructsMs) return 'pending-structs';
    }
    if (now - this.lastPingAt >= this.options.limits.pingIntervalMs) {
      this.lastPingAt = now;
      this.send(encodePing(LanMessageType.ping, this.nextNonce++));
    }
    return null;
  }

  /** Closes the channel and stops syncing; `reason` makes it a refusal on the wire. */
  close(reason?: ChannelRefusalReason): void {
    if (this.closed) return;
    this.dispose();
    this.options.channel.close(reason);
  }

  /** The channel closed underneath: stop syncing. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.docs.destroy();
    this.pendingSince.clear();
    this.incomingLarge.clear();
    for (const settle of [...this.dialBacks.values()]) settle(null);
    this.presence?.leave();
  }

  private enqueue(work: () => Promise<void> | void): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.fail(error));
  }

  /** The welcome, then a digest of every doc held, in pages: the other side opens sessions only for docs that differ. */
  private async start(): Promise<void> {
    const docIds = await this.options.host.listDocIds();
    if (this.closed) return;
    this.send(encodeWelcome({ ...this.options.welcome(), docs: [] }));
    let entries: DocDigestEntry[] = [];
    for (let i = 0; i < docIds.length; i++) {
      const docId = docIds[i] as string;
      const doc = await this.options.host.openDoc(docId);
      entries.push({ docId, savedStateVector: await this.options.host.savedStateVector(docId), digest: docDigest(doc) });
      const last = i === docIds.length - 1;
      if (entries.length < DIGEST_LIMITS.pageSize && !last) continue;
      if (this.closed) return;
      this.send(encodeDigestPage({ total: docIds.length, last, entries }));
      entries = [];
    }
    if (docIds.length === 0) this.send(encodeDigestPage({ total: 0, last: true, entries: [] }));
  }

  private async handle(frame: Uint8Array): Promise<void> {
    if (this.closed) return;
    const { docId, type, decoder } = readFrameHead(frame, Math.max(LINK_LIMITS.maxFrameBytes, this.options.limits.maxLargeFrameBytes));
    this.options.events.onDidExchange(this);
    if (docId === '') return this.handleConnectionMessage(type, decoder);
    if (!this.remoteWelcome) throw new ProtocolError('welcome-missing');
    if (type === MessageType.sync) {
      const doc = await this.docs.receive(docId, decoder);
      if (!doc) return;
      if (hasPending(doc)) {
        if (!this.pendingSince.has(docId)) this.pendingSince.set(docId, { since: this.options.now(), doc });
      } else this.pendingSince.delete(docId);
      return;
    }
    if (type === LanMessageType.saved) {
      const stateVector = readSaved(decoder);
      // Only docs this connection syncs: made-up doc ids cost the teammate a frame, this peer nothing.
      if (this.docs.carries(docId)) this.options.events.onDidAck(this, docId, stateVector);
      return;
    }
    // Per-doc awareness is not used (presence is connection-level); later Tandem types are ignored, as y-protocols clients ignore ours.
    if (type === MessageType.awareness || type === MessageType.queryAwareness || type >= 100) return;
    throw new ProtocolError('unexpected-doc-message');
  }

  private async handleConnectionMessage(type: number, decoder: decoding.Decoder): Promise<void> {
    if (type === LanMessageType.welcome) {
      if (this.remoteWelcome) throw new ProtocolError('welcome-repeated');
      this.remoteWelcome = readWelcome(decoder);
      this.options.events.onDidWelcome(this);
      // Our welcome went first (start() runs before any frame is handled), so presence may flow now: this peer's windows' states first.
      if (!this.closed) this.presence = this.options.joinPresence?.({ kind: 'lan', name: this.info.remotePeerId, send: (f) => this.send(f) }) ?? null;
      this.presence?.sendKnown();
      this.docs.wantAll(this.remoteWelcome.docs);
      return;
    }
    if (type === LanMessageType.docDigests) {
      if (!this.remoteWelcome) throw new ProtocolError('welcome-missing');
      await this.docs.walkPage(readDigestPage(decoder));
      return;
    }
    if (type === LanMessageType.ping) {
      this.send(encodePing(LanMessageType.pong, readNonce(decoder)));
      return;
    }
    if (type === LanMessageType.pong) {
      readNonce(decoder);
      return;
    }
    if (type === LanMessageType.dialBack) {
      const request = readDialBackRequest(decoder);
      if (!this.dialBackLimit.allow(this.options.now())) {
        this.send(encodeDialBackAnswer({ id: request.id, results: [], refused: 'rate-limited' }));
        return;
      }
      // Off the frame queue: the connects take up to seconds, and later frames must not wait for them.
      void serveDialBack(request, this.info.remoteIp, this.options.probe ?? probeTcp).then((answer) => this.send(encodeDialBackAnswer(answer)));
      return;
    }
    if (type === LanMessageType.dialBackResult) {
      const answer = readDialBackAnswer(decoder);
      this.dialBacks.get(answer.id)?.(answer);
      return;
    }
    if (type === MessageType.awareness || type === MessageType.queryAwareness) {
      if (!this.remoteWelcome) throw new ProtocolError('welcome-missing');
      if (type === MessageType.awareness) this.presence?.receive(decoder);
      else this.presence?.sendKnown();
      return;
    }
    if (type < 100) throw new ProtocolError('unexpected-connection-message');
  }

  private async openSession(docId: string): Promise<void> {
    // Opening the session sends step 1: the other side answers with everything this doc lacks.
    if (!this.closed) await this.docs.ensure(docId);
  }

  /** What this peer has of a doc on disk, once a session for it opens. */
  private async sendSavedOf(docId: string): Promise<void> {
    const saved = await this.options.host.savedStateVector(docId);
    // An empty doc's acknowledgement says nothing.
    if (saved.byteLength > 1 && this.docs.isOpen(docId)) this.send(encodeSaved(docId, saved));
  }

  private send(frame: Uint8Array): void {
    if (this.closed) return;
    try {
      if (frame.byteLength <= this.options.limits.largeFrameThresholdBytes) this.options.channel.send(frame);
      // The chunks go out back to back, so no other frame of this connection comes between them.
      else for (const part of largeFrameFrames(this.nextLargeFrameId++, frame, this.options.limits)) this.options.channel.send(part);
    } catch (error) {
      // Never throw into a Yjs update listener (yjs#799): a dead channel is closed instead.
      this.options.logger.warn('lan send failed; closing the connection', { peerId: this.info.remotePeerId, error: String(error) });
      this.options.events.onDidFail(this, 'send-failed');
    }
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    const reason = error instanceof ProtocolError ? error.reason : 'internal-error';
    this.options.logger.warn('closing a LAN connection after bad input', {
      peerId: this.info.remotePeerId,
      address: this.info.address,
      reason,
      ...(error instanceof ProtocolError ? {} : { error: String(error) }),
    });
    this.options.events.onDidFail(this, reason);
  }
}
