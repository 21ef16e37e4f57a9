// One renderer's connection to the local peer: every doc the renderer opens is synced over
// it with y-protocols, the peer says "saved" once an update is on disk, and connection-level
// requests (create the workspace, dismiss a notice, back up) are answered, with blobs of bytes
// beside them when JSON is too small a frame. Malformed input closes the connection and is
// counted; every replica stays as it was.
import type * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { PeerRefusal, requestSchema, type BlobRef, type Hello, type LinkRequest, type LinkResponse, type PeerNotice } from '../../shared/api/link';
import type { NetworkStatus } from '../../shared/api/network';
import { isModelError } from '../../shared/model/errors';
import type { TxOrigin } from '../../shared/model/origin';
import { encodeFrame, encodeJsonFrame, LINK_LIMITS, MessageType, ProtocolError, readFrameHead, readJsonPayload } from '../../shared/protocol/frame';
import { blobChunkFrames, IncomingBlobs } from '../../shared/protocol/blobs';
import { createDocSyncSession, type DocSyncSession } from '../../shared/protocol/sync-session';
import type { PeerLogger } from './logger';
import type { PresenceMembership, PresenceSource } from './presence-hub';
import type { LinkTransport } from './transport';

/** How long the peer waits for an update relayed ahead to leave for a window before applying it itself. */
const RELAY_AHEAD_SEND_MS = 1_000;

/** What a connection needs from the peer that owns it. */
export interface LinkHost {
  readonly logger: PeerLogger;
  hello(): Hello;
  openDoc(docId: string): Promise<Y.Doc>;
  /** Applies a teammate's update stored ahead of the doc (Replica.storeAhead) before the window's frame reads or changes it. */
  settleDoc?(docId: string): void;
  /** Keeps the doc's Y.Doc in use until the returned function is called (a session's life). */
  holdDoc?(docId: string): () => void;
  /** False on an empty install or after leaving: docs a window still syncs are not taken in. */
  holdsWorkspace(): boolean;
  savedStateVector(docId: string): Promise<Uint8Array>;
  /** Answers a request; `blob` is the bytes the request named, if it named any. */
  handleRequest(op: LinkRequest['op'], args: unknown, blob?: Uint8Array): Promise<unknown>;
  onDidProtocolError(reason: string): void;
  /** Presence (awareness) relay of the peer; without it awareness frames are ignored. */
  joinPresence?(source: PresenceSource): PresenceMembership;
}

/** A request's answer that carries bytes: they go to the renderer as a blob ahead of `value`. */
export class BlobReply<T extends object = object> {
  constructor(
    readonly value: T,
    readonly bytes: Uint8Array,
  ) {}
}

export class LinkConnection {
  private readonly sessions = new Map<string, DocSyncSession>();
  private readonly releases: (() => void)[] = [];
  private readonly incomingBlobs = new IncomingBlobs();
  private readonly presence: PresenceMembership | null;
  private nextBlobId = 1;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  readonly origin: TxOrigin;

  constructor(
    private readonly host: LinkHost,
    private readonly transport: LinkTransport,
    readonly linkId: string,
  ) {
    this.origin = Object.freeze({ source: 'link', linkId });
    transport.onMessage((frame) => {
      // Frames are handled strictly in order, even when opening a doc takes a disk read.
      this.queue = this.queue.then(() => this.handle(frame)).catch((error) => this.fail(error));
    });
    transport.onClose(() => this.dispose());
    this.sendHello();
    // After the hello: every state the peer knows, at once.
    this.presence = host.joinPresence?.({ kind: 'link', name: linkId, send: (f) => this.send(f) }) ?? null;
    this.presence?.sendKnown();
  }

  sendHello(): void {
    this.send(encodeJsonFrame(MessageType.hello, this.host.hello()));
  }

  sendNetworkStatus(status: NetworkStatus): void {
    this.send(encodeJsonFrame(MessageType.networkStatus, status));
  }

  sendNotice(notice: PeerNotice): void {
    this.send(encodeJsonFrame(MessageType.notice, notice));
  }

  /** Tells the renderer that the doc is on disk up to `stateVector`. */
  sendSaved(docId: string, stateVector: Uint8Array): void {
    if (!this.sessions.has(docId)) return;
    this.send(encodeFrame(docId, MessageType.saved, (e) => encoding.writeVarUint8Array(e, stateVector)));
  }

  /**
   * Sends a teammate's big update to this window before the peer has applied it, when the window
   * has the doc open (see RELAY_AHEAD_MIN_BYTES): resolves once it has left this process (within
   * a second); `applied` is called once the peer has applied it, and the session then stops
   * holding back the doc's own report of those bytes. Null when the window does not have the doc.
   */
  relayAhead(docId: string, update: Uint8Array): { sent: Promise<void>; applied: () => void } | null {
    const session = this.sessions.get(docId);
    if (!session || this.closed) return null;
    session.sendAhead(update);
    return { sent: this.transport.whenSent?.(RELAY_AHEAD_SEND_MS) ?? Promise.resolve(), applied: () => session.endAhead(update) };
  }

  close(reason: string): void {
    if (this.closed) return;
    this.transport.close(reason);
    this.dispose();
  }

  private send(frame: Uint8Array): void {
    if (this.closed) return;
    try {
      this.transport.send(frame);
    } catch (error) {
      this.host.logger.warn('link send failed', { linkId: this.linkId, error: String(error) });
    }
  }

  private async handle(frame: Uint8Array): Promise<void> {
    if (this.closed) return;
    const { docId, type, decoder } = readFrameHead(frame);
    if (docId === '') {
      if (type === MessageType.request) return this.handleRequest(readJsonPayload(decoder));
      if (type === MessageType.blobChunk) return this.incomingBlobs.receive(decoder);
      if (type === MessageType.awareness) return this.presence?.receive(decoder);
      if (type === MessageType.queryAwareness) return this.presence?.sendKnown();
      throw new ProtocolError('unexpected-connection-message');
    }
    if (type === MessageType.awareness || type === MessageType.queryAwareness) return; // Per-doc awareness (y-websocket's): presence is connection-level.
    if (type !== MessageType.sync) throw new ProtocolError('unexpected-doc-message');
    // A window still holding a left workspace's cache must not write it back to disk.
    if (!this.host.holdsWorkspace()) return;
    let session = this.sessions.get(docId);
    if (!session) {
      if (this.sessions.size >= LINK_LIMITS.maxDocsPerConnection) throw new ProtocolError('too-many-docs');
      const release = this.host.holdDoc?.(docId) ?? (() => undefined);
      let doc: Y.Doc;
      try {
        doc = await this.host.openDoc(docId);
      } catch (error) {
        release();
        throw error;
      }
      if (this.closed) return release();
      this.releases.push(release);
      session = createDocSyncSession({ docId, doc, origin: this.origin, send: (f) => this.send(f) });
      this.sessions.set(docId, session);
      this.sendSaved(docId, await this.host.savedStateVector(docId));
    }
    // A teammate's update stored ahead of the doc goes in before the window's frame reads or changes it.
    this.host.settleDoc?.(docId);
    session.receive(decoder);
  }

  private async handleRequest(payload: unknown): Promise<void> {
    const parsed = requestSchema.safeParse(payload);
    if (!parsed.success) {
      const id = typeof (payload as { id?: unknown })?.id === 'number' ? (payload as { id: number }).id : -1;
      // A blob sent for a request that turned out malformed is dropped with it.
      const blobId = (payload as { args?: { blob?: { id?: unknown } } })?.args?.blob?.id;
      if (typeof blobId === 'number') this.incomingBlobs.drop(blobId);
      return this.respond({ id, ok: false, error: { code: 'invalid-request', messageKey: 'errors.invalid' } });
    }
    const { id, op, args } = parsed.data;
    let blob: Uint8Array | undefined;
    if ('blob' in args) {
      blob = this.incomingBlobs.take(args.blob);
      if (!blob) return this.respond({ id, ok: false, error: { code: 'invalid-request', messageKey: 'errors.invalid' } });
    }
    try {
      const value = await this.host.handleRequest(op, args, blob);
      if (value instanceof BlobReply) this.respond({ id, ok: true, value: { ...value.value, blob: this.sendBlob(value.bytes) } });
      else this.respond({ id, ok: true, value });
    } catch (error) {
      if (error instanceof PeerRefusal) {
        this.host.logger.info('request refused', { op, code: error.code, detail: error.detail || undefined });
        this.respond({ id, ok: false, error: { code: error.code, messageKey: error.messageKey, params: error.params } });
      } else if (isModelError(error)) this.respond({ id, ok: false, error: { code: error.code, messageKey: error.messageKey, ...(error.field ? { field: error.field } : {}) } });
      else {
        this.host.logger.error('request failed', { op, error: String(error) });
        this.respond({ id, ok: false, error: { code: 'internal', messageKey: 'errors.internal' } });
      }
    }
  }

  private sendBlob(bytes: Uint8Array): BlobRef {
    const id = this.nextBlobId++;
    for (const frame of blobChunkFrames(id, bytes)) this.send(frame);
    return { id, size: bytes.byteLength };
  }

  private respond(response: LinkResponse): void {
    this.send(encodeJsonFrame(MessageType.response, response));
  }

  private fail(error: unknown): void {
    const reason = error instanceof ProtocolError ? error.reason : 'internal-error';
    this.host.logger.warn('closing a local link after bad input', { linkId: this.linkId, reason, error: error instanceof ProtocolError ? undefined : String(error) });
    this.host.onDidProtocolError(reason);
    this.close(reason);
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const session of this.sessions.values()) session.destroy();
    this.sessions.clear();
    for (const release of this.releases.splice(0)) release();
    this.incomingBlobs.clear();
    this.presence?.leave();
  }
}
