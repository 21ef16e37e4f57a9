// The renderer's end of the local link: one connection carrying every open doc, with
// reconnect and backoff, the peer's hello, request/response (with blobs of bytes beside them,
// such as a backup file), the peer's "saved" state vectors, from which the save indicator
// is computed (never from a timer), and the LAN status the peer pushes.
// "Saved" is about what this window holds that the peer did not give it: a teammate's edit
// arrives through the peer, so it never turns the indicator to "Saving…" while it streams in.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { BLOB_LIMITS, blobRefSchema, helloSchema, noticeSchema, responseSchema, type BlobRef, type Hello, type PeerNotice, type LinkRequest } from '../../../shared/api/link';
import { networkStatusSchema, type NetworkStatus } from '../../../shared/api/network';
import type { TxOrigin } from '../../../shared/model/origin';
import { encodeJsonFrame, MessageType, readBytes, readFrameHead, readJsonPayload, ProtocolError } from '../../../shared/protocol/frame';
import { blobChunkFrames, IncomingBlobs } from '../../../shared/protocol/blobs';
import { encodePresenceFrame } from '../../../shared/protocol/presence-codec';
import { createDocSyncSession, type DocSyncSession } from '../../../shared/protocol/sync-session';
import { hasPendingUpdates } from '../../../shared/protocol/pending-updates';
import { forEachAdvancedClock } from '../../../shared/protocol/apply-received';
import type { ClientTransport, TransportFactory } from './transports';

export type LinkStatus = 'connecting' | 'online' | 'offline';

export class LinkRequestError extends Error {
  constructor(readonly code: string, readonly messageKey: string, readonly field?: string, readonly params: Record<string, string | number> = {}) {
    super(`${code}: ${messageKey}`);
  }
}

export interface LinkClientEvents {
  onDidChangeStatus(status: LinkStatus): void;
  onDidHello(hello: Hello): void;
  onDidNotice(notice: PeerNotice): void;
  onDidSave(docId: string): void;
  /** The peer's LAN sync changed (pushed, throttled by the peer). */
  onDidNetworkStatus?(status: NetworkStatus): void;
  /** A connection-level awareness update from the peer (presence): its bytes, unchecked. */
  onDidPresence?(update: Uint8Array): void;
  /** The peer asked for this window's presence again. */
  onDidQueryPresence?(): void;
  /** The peer sent a change to a doc this window has set aside (`removeDoc`): its copy here is behind. */
  onDidMissUpdate?(docId: string): void;
}

/** True when `have` covers every clock in `need` (both encoded state vectors). */
export function stateVectorCovers(have: Uint8Array | undefined, need: Uint8Array): boolean {
  const needMap = Y.decodeStateVector(need);
  if (needMap.size === 0) return true;
  if (!have) return false;
  const haveMap = Y.decodeStateVector(have);
  for (const [client, clock] of needMap) if ((haveMap.get(client) ?? 0) < clock) return false;
  return true;
}

/**
 * Decodes an encoded state vector into `into`, in place: the peer says "saved" after each write,
 * hundreds of times a second in a busy room, and a new Map per message outlived the young
 * generation (held until the next one) and fed the major GCs of a heap profile of that burst
 * (so did emptying the Map and filling it again). A client the message leaves out (a peer that
 * lost its data says less) is dropped. On bytes that do not decode it throws with `into`
 * emptied: the doc then reads as not saved until the next message, never the other way round.
 */
function decodeStateVectorInto(bytes: Uint8Array, into: Map<number, number>): void {
  try {
    const decoder = decoding.createDecoder(bytes);
    const count = decoding.readVarUint(decoder);
    for (let left = count; left > 0; left--) {
      const client = decoding.readVarUint(decoder);
      into.set(client, decoding.readVarUint(decoder));
    }
    if (into.size > count) {
      const sent = Y.decodeStateVector(bytes);
      for (const client of into.keys()) if (!sent.has(client)) into.delete(client);
    }
  } catch (error) {
    into.clear();
    throw error;
  }
}

export class LinkClient {
  private transport: ClientTransport | null = null;
  private readonly docs = new Map<string, Y.Doc>();
  private readonly sessions = new Map<string, DocSyncSession>();
  private readonly saved = new Map<string, Uint8Array>();
  /** `saved`, decoded: client → clock the peer has on disk. */
  private readonly savedClocks = new Map<string, Map<number, number>>();
  /**
   * Per doc, client → the highest clock this connection received from the peer: the peer holds
   * those (it sent them), so they need no "saved" from it to count as not only here.
   */
  private readonly fromPeer = new Map<string, Map<number, number>>();
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextRequestId = 1;
  private readonly incomingBlobs = new IncomingBlobs();
  private nextBlobId = 1;
  private retryMs = 250;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  status: LinkStatus = 'connecting';
  hello: Hello | null = null;
  readonly origin: TxOrigin = Object.freeze({ source: 'link', linkId: 'peer' });

  constructor(private readonly openTransport: TransportFactory, private readonly events: LinkClientEvents) {}

  start(): void {
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.transport?.close();
  }

  /** Syncs `doc` with the peer whenever connected. */
  addDoc(docId: string, doc: Y.Doc): void {
    this.docs.set(docId, doc);
    this.trackFromPeer(docId, doc);
    this.startSession(docId, doc);
  }

  /**
   * Stops syncing `docId` in this window (its doc is being closed); what the peer goes on
   * sending for it is dropped and reported (`onDidMissUpdate`). `addDoc` takes it up again.
   */
  removeDoc(docId: string): void {
    this.docs.delete(docId);
    this.sessions.get(docId)?.destroy();
    this.sessions.delete(docId);
    this.fromPeer.delete(docId);
  }

  /**
   * Nothing of `docId` is only in this window: every clock the doc holds is on the peer's disk
   * (its "saved" covers it) or came from the peer in this connection.
   */
  isSaved(docId: string): boolean {
    const doc = this.docs.get(docId);
    if (!doc) return true;
    const saved = this.savedClocks.get(docId);
    const received = this.fromPeer.get(docId);
    for (const client of doc.store.clients.keys()) {
      const clock = Y.getState(doc.store, client);
      if ((saved?.get(client) ?? 0) < clock && (received?.get(client) ?? 0) < clock) return false;
    }
    return true;
  }

  /** Notes the clocks each update from the peer brought, unless it may have unlocked updates parked from elsewhere. */
  private trackFromPeer(docId: string, doc: Y.Doc): void {
    let parked = false;
    doc.on('beforeTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === this.origin) parked = hasPendingUpdates(doc);
    });
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin !== this.origin || parked) return;
      const received = this.fromPeer.get(docId) ?? new Map<number, number>();
      forEachAdvancedClock(transaction, (client, clock) => {
        if ((received.get(client) ?? 0) < clock) received.set(client, clock);
      });
      if (received.size > 0) this.fromPeer.set(docId, received);
    });
  }

  /** What the peer last said it has on disk of `docId`, if it has said. */
  savedStateVector(docId: string): Uint8Array | undefined {
    return this.saved.get(docId);
  }

  request<T>(op: LinkRequest['op'], args: unknown): Promise<T> {
    if (this.status !== 'online' || !this.transport) return Promise.reject(new LinkRequestError('offline', 'errors.offline'));
    const id = this.nextRequestId++;
    const transport = this.transport;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      transport.send(encodeJsonFrame(MessageType.request, { id, op, args }));
    });
  }

  /**
   * A request that sends `bytes` along (as a blob the args name as `blob`). The chunks are
   * handed to the link one at a time, yielding in between so the page can show `onProgress`.
   */
  async requestWithBlob<T>(op: LinkRequest['op'], args: Record<string, unknown>, bytes: Uint8Array, onProgress?: (sent: number, total: number) => void): Promise<T> {
    const transport = this.transport;
    if (this.status !== 'online' || !transport) throw new LinkRequestError('offline', 'errors.offline');
    const id = this.nextBlobId++;
    let sent = 0;
    for (const frame of blobChunkFrames(id, bytes)) {
      transport.send(frame);
      sent = Math.min(bytes.byteLength, sent + BLOB_LIMITS.chunkBytes);
      onProgress?.(sent, bytes.byteLength);
      await new Promise((resolve) => setTimeout(resolve, 0));
      // A link that dropped meanwhile lost the chunks: the request would name a blob the peer never got.
      if (this.transport !== transport) throw new LinkRequestError('offline', 'errors.offline');
    }
    return this.request<T>(op, { ...args, blob: { id, size: bytes.byteLength } satisfies BlobRef });
  }

  /** Sends an awareness update (presence) to the peer; dropped while offline, never throws. */
  sendPresence(update: Uint8Array): void {
    if (this.status !== 'online' || !this.transport) return;
    try {
      this.transport.send(encodePresenceFrame(update));
    } catch (error) {
      console.warn('Tandem: presence not sent', error);
    }
  }

  /** A request whose answer names a blob (`value.blob`): resolves with the value and the blob's bytes. */
  async requestBlob<T extends { blob: BlobRef }>(op: LinkRequest['op'], args: unknown): Promise<{ value: T; bytes: Uint8Array }> {
    const value = await this.request<T>(op, args);
    const ref = blobRefSchema.parse(value.blob);
    const bytes = this.incomingBlobs.take(ref);
    if (!bytes) throw new LinkRequestError('blob-incomplete', 'errors.internal');
    return { value, bytes };
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setStatus(this.hello ? 'offline' : 'connecting');
    let transport: ClientTransport;
    try {
      transport = await this.openTransport();
    } catch {
      this.scheduleRetry();
      return;
    }
    if (this.stopped) return transport.close();
    this.transport = transport;
    transport.onMessage = (frame) => {
      try {
        this.handle(frame);
      } catch (error) {
        console.warn('Tandem: closing the local link after a bad frame', error);
        transport.close();
        this.onLost();
      }
    };
    transport.onClose = () => this.onLost();
  }

  private onLost(): void {
    if (!this.transport) return;
    this.transport = null;
    for (const session of this.sessions.values()) session.destroy();
    this.sessions.clear();
    // The next peer may not be this one (restarted, its folder lost): only its own "saved" counts.
    this.fromPeer.clear();
    for (const { reject } of this.pending.values()) reject(new LinkRequestError('offline', 'errors.offline'));
    this.pending.clear();
    this.incomingBlobs.clear();
    this.setStatus('offline');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    if (this.status === 'connecting' && this.retryMs > 2_000) this.setStatus('offline');
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 3_000);
  }

  private setStatus(status: LinkStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.events.onDidChangeStatus(status);
  }

  private startSession(docId: string, doc: Y.Doc): void {
    // Docs sync only with a peer that holds a workspace: one that lost its data folder is given
    // the workspace back first (`adopt-workspace`), and one this laptop left never gets it back.
    if (this.status !== 'online' || !this.hello?.workspace || !this.transport || this.sessions.has(docId)) return;
    const transport = this.transport;
    this.sessions.set(docId, createDocSyncSession({ docId, doc, origin: this.origin, send: (f) => transport.send(f) }));
  }

  private handle(frame: Uint8Array): void {
    const { docId, type, decoder } = readFrameHead(frame);
    switch (type) {
      case MessageType.hello: {
        const hello = helloSchema.parse(readJsonPayload(decoder));
        this.hello = hello;
        this.retryMs = 250;
        this.setStatus('online');
        this.events.onDidHello(hello);
        for (const [id, doc] of this.docs) this.startSession(id, doc);
        return;
      }
      case MessageType.response: {
        const response = responseSchema.parse(readJsonPayload(decoder));
        const waiter = this.pending.get(response.id);
        this.pending.delete(response.id);
        if (!waiter) return;
        if (response.ok) waiter.resolve(response.value);
        else waiter.reject(new LinkRequestError(response.error.code, response.error.messageKey, response.error.field, response.error.params));
        return;
      }
      case MessageType.blobChunk:
        this.incomingBlobs.receive(decoder);
        return;
      case MessageType.notice:
        this.events.onDidNotice(noticeSchema.parse(readJsonPayload(decoder)));
        return;
      case MessageType.networkStatus:
        this.events.onDidNetworkStatus?.(networkStatusSchema.parse(readJsonPayload(decoder)));
        return;
      case MessageType.saved: {
        const saved = decoding.readVarUint8Array(decoder);
        this.saved.set(docId, saved);
        const clocks = this.savedClocks.get(docId) ?? new Map<number, number>();
        this.savedClocks.set(docId, clocks);
        decodeStateVectorInto(saved, clocks);
        this.events.onDidSave(docId);
        return;
      }
      case MessageType.awareness:
        // Presence is connection-level; per-doc awareness (y-websocket's) is not used.
        if (docId === '') this.events.onDidPresence?.(readBytes(decoder));
        return;
      case MessageType.queryAwareness:
        if (docId === '') this.events.onDidQueryPresence?.();
        return;
      case MessageType.sync: {
        const session = this.sessions.get(docId);
        if (session) session.receive(decoder);
        else if (!this.docs.has(docId)) this.events.onDidMissUpdate?.(docId);
        return;
      }
      default:
        if (type < 100) throw new ProtocolError('unexpected-message');
    }
  }
}
