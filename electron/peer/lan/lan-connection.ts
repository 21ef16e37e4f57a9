// One sync connection with another peer of the workspace, over an already authenticated
// channel: the welcome and paged doc digests, then a y-protocols sync (step 1 / step 2) of each
// doc that differs, in a bounded set of sessions (doc-sessions.ts), live updates both ways,
// "saved" acknowledgements, ping/pong liveness, frames over the LAN frame limit in chunks,
// small frames of one turn bundled (and compressed) to a peer that reads bundles,
// dial-back checks of each other's port, and a watch on updates whose predecessors never
// arrive. Bad input fails the connection, never a replica.
import type * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { TxOrigin } from '../../../shared/model/origin';
import { encodeFrame, LINK_LIMITS, MessageType, ProtocolError, readFrameHead } from '../../../shared/protocol/frame';
import type { PresenceMembership } from '../presence-hub';
import { BUNDLES, encodeBundle, Outbox, readBundle } from './bundles';
import { BROTLI_CHUNKS, IncomingLargeFrame, LargeFrameCoding, largeFrameFrames } from './large-frames';
import type { LanConnectionInfo, LanConnectionOptions } from './lan-contract';
import { digestPages, encodeDigestPage, readDigestPage } from './doc-digests';
import { DocSessions, hasPending } from './doc-sessions';
import { encodePing, encodeSaved, encodeWelcome, LanMessageType, readNonce, readSaved, readWelcome, type LanWelcome } from './lan-messages';
import { DialBackRateLimit, encodeDialBackAnswer, encodeDialBackRequest, probeTcp, readDialBackAnswer, readDialBackRequest, REACHABILITY_LIMITS, serveDialBack, type DialBackAnswer } from './reachability';
import type { ChannelRefusalReason } from './records';

export { DEFAULT_LAN_SYNC_LIMITS, type LanChannel, type LanConnectionEvents, type LanConnectionInfo, type LanConnectionOptions, type LanDocHost, type LanSyncLimits, type LanVia } from './lan-contract';

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
  private readonly outbox: Outbox;

  constructor(private readonly options: LanConnectionOptions) {
    this.info = options.info;
    this.origin = Object.freeze({ source: 'peer', peerId: options.info.remotePeerId });
    this.incomingLarge = new IncomingLargeFrame(options.limits);
    this.outbox = new Outbox(options.limits, (frames, bytes) => this.sendTogether(frames, bytes));
    this.openedAt = this.lastReceivedAt = this.lastPingAt = options.now();
    this.docs = new DocSessions({
      host: options.host,
      origin: this.origin,
      send: (f) => this.send(f),
      capacity: options.limits.openSessions,
      enqueue: (work) => this.enqueue(work),
      onDidAck: (docId, stateVector) => this.options.events.onDidAck(this, docId, stateVector),
      onDidOpen: (docId) => this.enqueue(() => this.sendSavedOf(docId)),
      onDidProgress: () => this.options.events.onDidProgress(this),
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

  /** A doc this peer just opened: sync it here too. */
  offerDoc(docId: string): void {
    // The doc loaded for a session of this connection (the walk's, say): that session syncs it.
    if (this.closed || this.docs.isOpenOrOpening(docId)) return;
    // Opening the session sends step 1: the other side answers with everything this doc lacks.
    this.enqueue(async () => void (this.closed || (await this.docs.ensure(docId))));
  }

  /**
   * Tells the other side that this peer has `docId` on disk up to `stateVector`. Without a
   * session open (closed when idle), a change that did not come from the other side may be new
   * to it, and a step 1 only pulls: a session opens and the change is pushed too.
   */
  sendSaved(docId: string, stateVector: Uint8Array, fromThere = false): void {
    this.send(encodeSaved(docId, stateVector));
    if (fromThere || this.closed || this.docs.isOpen(docId)) return;
    this.enqueue(async () => {
      if (this.docs.isOpen(docId)) return;
      const session = await this.docs.ensure(docId);
      // All beyond what the other side last confirmed on disk (what it has is applied as nothing).
      if (session) this.send(encodeFrame(docId, MessageType.sync, (e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(session.doc, Y.encodeStateVector(new Map(this.options.acked?.(docId) ?? []))))));
    });
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
    // What this turn sent leaves before the channel closes.
    this.outbox.drain();
    this.dispose();
    this.options.channel.close(reason);
  }

  /** The channel closed underneath: stop syncing. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.outbox.clear();
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
    this.send(encodeWelcome({ ...this.options.welcome(), docs: [], compression: [BROTLI_CHUNKS, BUNDLES] }));
    for await (const page of digestPages(this.options.host, docIds)) {
      if (this.closed) return;
      this.send(encodeDigestPage(page));
    }
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
    if (type === LanMessageType.bundle) {
      if (!this.remoteWelcome) throw new ProtocolError('welcome-missing');
      // Each as if it had come alone, in its place (readBundle lets no bundle or large frame in).
      for (const frame of readBundle(decoder)) await this.handle(frame);
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

  /** What this peer has of a doc on disk, once a session for it opens. */
  private async sendSavedOf(docId: string): Promise<void> {
    const saved = await this.options.host.savedStateVector(docId);
    // An empty doc's acknowledgement says nothing.
    if (saved.byteLength > 1) this.send(encodeSaved(docId, saved));
  }

  private send(frame: Uint8Array): void {
    if (this.closed) return;
    if (this.remoteWelcome?.compression?.includes(BUNDLES) && this.outbox.hold(frame)) return;
    this.sendNow(frame);
  }

  /** Frames held for the end of a turn: one compressed bundle when they are enough to be worth it, else each alone. */
  private sendTogether(frames: readonly Uint8Array[], bytes: number): void {
    if (frames.length > 1 && bytes >= this.options.limits.bundleFromBytes) this.sendNow(encodeBundle(frames), true);
    else for (const frame of frames) this.sendNow(frame);
  }

  private sendNow(frame: Uint8Array, bundle = false): void {
    if (this.closed) return;
    try {
      const limits = this.options.limits;
      // A big frame (or a bundle) goes compressed to a peer that reads it so: a third of the bytes on the wire.
      const coding = (bundle || frame.byteLength > limits.compressAboveBytes) && this.remoteWelcome?.compression?.includes(BROTLI_CHUNKS) ? LargeFrameCoding.brotli : LargeFrameCoding.raw;
      if (coding === LargeFrameCoding.raw && frame.byteLength <= limits.largeFrameThresholdBytes) this.options.channel.send(frame);
      // The chunks go out back to back, so no other frame of this connection comes between them.
      else for (const part of largeFrameFrames(this.nextLargeFrameId++, frame, limits, coding)) this.options.channel.send(part);
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
