// A peer's link to one relay: one WebSocket (Hocuspocus multiplexes every envelope doc over
// it), and per Tandem doc an envelope doc, its provider and the mirror that seals and opens.
// A relay of several nodes is given as several addresses: a connection that fails or drops
// moves on to the next node, so a node going down costs one reconnect. It reports what the
// Network view shows: the node in use, connected or not, why a relay refused, the last
// exchange, docs still catching up, and blobs refused.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { RELAY_NOTICE, isRelayRefusal, relayCredential, type RelayRefusal } from '../../../shared/relay/relay-names';
import { EnvelopeMirror } from './envelope-mirror';
import type { RelayKeys } from './relay-keys';
import type { BlobRefusal, OpenedAck } from './sealed-blob';

export interface RelayLinkStatus {
  /** The node in use, or tried next. */
  readonly url: string;
  readonly urls: string[];
  readonly connected: boolean;
  /** Why the relay refused this workspace, when it did. */
  readonly refusal: RelayRefusal | null;
  readonly lastExchangeAt: number | null;
  /** Docs whose envelope has not finished its first sync since the last connect. */
  readonly docsPending: number;
  /** The node said its disk is full: it holds what it gets in memory only (this laptop keeps it too). */
  readonly diskFull: boolean;
  /** Blobs that did not open or were replayed, by reason. */
  readonly refusedBlobs: Readonly<Record<string, number>>;
}

export interface RelayLinkOptions {
  /** The relay's node addresses, tried in this order. */
  readonly urls: readonly string[];
  readonly keys: RelayKeys;
  /** This peer's id, sealed into every blob it sends. */
  readonly sender: string;
  readonly memberId: () => string | null;
  readonly device: string | null;
  /** Applies what the replica stored ahead for a doc before the relay's blobs change it (Replica.settle). */
  readonly settleDoc?: (docId: string) => void;
  /** A teammate's laptop acknowledged `docId` through the relay. */
  onDidAck?(docId: string, ack: OpenedAck): void;
  onDidChangeStatus?(status: RelayLinkStatus): void;
  /** Keeps each envelope's copy on this laptop (see EnvelopeCache), so a restart asks the relay only for what changed. */
  readonly cache?: { watch(name: string, envelope: Y.Doc): void; unwatch(name: string): void };
  /** Reconnect back-off; the defaults suit a laptop, tests shorten them. */
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** The origin of an envelope read back from this laptop's saved copy. */
const CACHED_ORIGIN = Object.freeze({ source: 'envelope-cache' });

interface SyncedDoc {
  readonly envelope: Y.Doc;
  readonly provider: HocuspocusProvider;
  readonly mirror: EnvelopeMirror;
  synced: boolean;
}

export class RelayLink {
  private readonly socket: HocuspocusProviderWebsocket;
  /** The one provider with awareness on this link (see the constructor). */
  private readonly keepalive: HocuspocusProvider;
  private readonly docs = new Map<string, SyncedDoc>();
  private connected = false;
  private refusal: RelayRefusal | null = null;
  private lastExchangeAt: number | null = null;
  private diskFull = false;
  private readonly refusedBlobs: Record<string, number> = {};
  /** The node the next connection goes to. */
  private node = 0;

  constructor(private readonly options: RelayLinkOptions) {
    if (options.urls.length === 0) throw new RangeError('a relay needs at least one address');
    // The provider opens every connection through this class: it goes to the current node, and
    // a connection that fails, or drops, moves the next one on to the next node (nodes of one
    // relay share their docs, so any of them will do).
    const { urls } = options;
    const currentNode = (): number => this.node;
    const moveOn = (from: number): void => {
      if (this.node !== from) return;
      this.node = (from + 1) % urls.length;
      this.report();
    };
    class FailoverSocket extends WebSocket {
      constructor(_url: string, protocols?: string | string[]) {
        const node = currentNode();
        super(urls[node]!, protocols);
        this.once('close', () => moveOn(node));
      }
    }
    this.socket = new HocuspocusProviderWebsocket({
      url: options.urls[0]!,
      WebSocketPolyfill: FailoverSocket,
      minDelay: options.minDelayMs ?? 1_000,
      maxDelay: options.maxDelayMs ?? 30_000,
      // Reconnect for ever: a laptop away from the office for a week comes back to it.
      maxAttempts: 0,
    });
    this.socket.on('status', ({ status }: { status: string }) => {
      this.connected = status === 'connected';
      if (!this.connected) {
        // The next node (or this one, back) says again if its disk is still full.
        this.diskFull = false;
        for (const entry of this.docs.values()) this.markUnsynced(entry);
      }
      this.report();
    });
    // The provider drops a connection that has heard nothing for 30 s, and what keeps a quiet
    // one talking is its awareness heartbeat (every 15 s), which the relay echoes. With
    // awareness on every envelope, each laptop sent one heartbeat per board and the relay fanned
    // each out to every laptop of that board: most of a relay's CPU when nobody types. So the
    // envelopes carry none (Tandem's presence is on the LAN), and one doc of this laptop's own,
    // which nobody writes or joins, carries the heartbeat: one message per 15 s per laptop.
    this.keepalive = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: options.keys.envelopeName(`link\0${options.sender}`),
      document: new Y.Doc(),
      token: relayCredential(options.keys.token),
    });
    this.keepalive.attach();
  }

  /**
   * Starts syncing `doc` (the replica's copy of `docId`) with the relay, from `cached` (this
   * laptop's saved copy of its envelope) when there is one.
   */
  sync(docId: string, doc: Y.Doc, cached?: Uint8Array | null): void {
    if (this.docs.has(docId)) return;
    const envelope = new Y.Doc();
    const name = this.options.keys.envelopeName(docId);
    if (cached) {
      try {
        Y.applyUpdate(envelope, cached, CACHED_ORIGIN);
      } catch {
        // An unreadable copy costs only a download: the relay sends the whole envelope.
      }
    }
    const { keys, sender, memberId, device } = this.options;
    const mirror = new EnvelopeMirror({
      docId,
      doc,
      envelope,
      sealKey: keys.sealKey,
      sender,
      ackSlot: keys.ackSlot(sender),
      memberId,
      device,
      onDidRefuse: (reason) => this.countRefused(reason),
      onDidAck: (ack) => this.options.onDidAck?.(docId, ack),
      beforeApply: () => this.options.settleDoc?.(docId),
    });
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document: envelope,
      // The link's keepalive carries the heartbeat (see the constructor).
      awareness: null,
      token: relayCredential(this.options.keys.token),
      onAuthenticationFailed: ({ reason }) => {
        this.refusal = isRelayRefusal(reason) ? reason : 'relay-token';
        this.report();
      },
      onAuthenticated: () => {
        if (this.refusal) {
          this.refusal = null;
          this.report();
        }
      },
      onSynced: ({ state }) => {
        if (!state) return;
        const entry = this.docs.get(docId);
        if (!entry || entry.synced) return;
        entry.synced = true;
        mirror.onDidConnect();
        this.lastExchangeAt = Date.now();
        this.report();
      },
      onMessage: () => {
        this.lastExchangeAt = Date.now();
      },
      onStateless: ({ payload }) => {
        const diskFull = payload === RELAY_NOTICE.diskFull ? true : payload === RELAY_NOTICE.diskOk ? false : this.diskFull;
        if (diskFull === this.diskFull) return;
        this.diskFull = diskFull;
        this.report();
      },
    });
    this.docs.set(docId, { envelope, provider, mirror, synced: false });
    this.options.cache?.watch(name, envelope);
    provider.attach();
    this.report();
  }

  /** The replica has `docId` on disk up to `stateVector`; teammates hear it through the relay. */
  didSave(docId: string, stateVector: Uint8Array): void {
    this.docs.get(docId)?.mirror.didSave(stateVector);
  }

  /** Stops syncing one doc (it was closed or deleted here). */
  stop(docId: string): void {
    const entry = this.docs.get(docId);
    if (!entry) return;
    this.docs.delete(docId);
    this.options.cache?.unwatch(this.options.keys.envelopeName(docId));
    entry.mirror.destroy();
    entry.provider.destroy();
    entry.envelope.destroy();
    this.report();
  }

  status(): RelayLinkStatus {
    let docsPending = 0;
    for (const entry of this.docs.values()) if (!entry.synced) docsPending++;
    return { url: this.options.urls[this.node]!, urls: [...this.options.urls], connected: this.connected, refusal: this.refusal, lastExchangeAt: this.lastExchangeAt, docsPending, diskFull: this.diskFull, refusedBlobs: { ...this.refusedBlobs } };
  }

  /** Blobs in `docId`'s envelope as this peer holds it. */
  blobCount(docId: string): number {
    return this.docs.get(docId)?.mirror.blobCount ?? 0;
  }

  destroy(): void {
    for (const docId of [...this.docs.keys()]) this.stop(docId);
    this.keepalive.destroy();
    this.keepalive.document.destroy();
    this.socket.destroy();
  }

  private markUnsynced(entry: SyncedDoc): void {
    if (!entry.synced) return;
    entry.synced = false;
    entry.mirror.onDidDisconnect();
  }

  private countRefused(reason: BlobRefusal | 'blob-replayed'): void {
    this.refusedBlobs[reason] = (this.refusedBlobs[reason] ?? 0) + 1;
    this.report();
  }

  private report(): void {
    this.options.onDidChangeStatus?.(this.status());
  }
}
