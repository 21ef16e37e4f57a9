// The sync sessions one LAN connection has open: a bounded, least-recently-used set, opened on
// demand (a doc the other side's digest shows differs, a step 1 it sends, a doc changed here)
// and closed when idle to admit the next; and the walk of the other side's digest pages. Memory
// grows with the sessions open, never with the docs held.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { TxOrigin } from '../../../shared/model/origin';
import { encodeFrame, MessageType, ProtocolError, readBytes } from '../../../shared/protocol/frame';
import { applyReceivedUpdate } from '../../../shared/protocol/apply-received';
import { createDocSyncSession, type DocSyncSession } from '../../../shared/protocol/sync-session';
import { isEmptyStateVector, wholeStateOf } from '../../../shared/protocol/whole-state';
import { EMPTY_DOC_DIGEST, heldDigest, sameDigest, type DocDigestPage } from './doc-digests';
import type { LanDocHost } from './lan-contract';

/** Sessions one connection keeps open at most; the walk fills at most half, so step 1s the other side sends always find room. */
export const DEFAULT_OPEN_SESSIONS = 256;

/**
 * A step 2 or update at least this big goes to this peer's windows before it is applied here, so
 * the window decodes it while the peer does rather than after (a cold sync of a 10k board: about a
 * second sooner on screen). Smaller ones take the usual way: their decoding costs next to nothing.
 */
export const RELAY_AHEAD_MIN_BYTES = 256 * 1024;

const NOTHING_AHEAD = () => undefined;

/** The update of the frame being handled, relayed ahead to a window, until it is applied or stored ahead. */
interface RelayedAhead {
  readonly docId: string;
  readonly update: Uint8Array;
  readonly applied: () => void;
  taken: boolean;
}

export interface DocSessionsOptions {
  readonly host: LanDocHost;
  readonly origin: TxOrigin;
  readonly send: (frame: Uint8Array) => void;
  readonly capacity: number;
  /** Runs `work` on the connection's frame queue (a failure closes the connection). */
  readonly enqueue: (work: () => Promise<void>) => void;
  /** The other side has `docId` on disk up to `stateVector` (its digest says so). */
  readonly onDidAck: (docId: string, stateVector: Map<number, number>) => void;
  /** A session opened (its step 1 has gone out), or the doc went whole to a side that had none of it: say what is saved. */
  readonly onDidOpen: (docId: string) => void;
  /** `docCount` or `syncedDocs` may have changed: the sync status a window shows is read again. */
  readonly onDidProgress: () => void;
}

interface OpenSession {
  readonly session: DocSyncSession;
  /** Opened by the walk: counted in `announced`, not again as an open session. */
  readonly walked: boolean;
  /** Lets the replica put the doc to sleep again once the session is closed. */
  readonly release: () => void;
}

/** The bytes a sync message carries after its kind (a state vector, a step 2, an update), read without moving `decoder`; null when they cannot be read. */
function peekPayload(decoder: decoding.Decoder): Uint8Array | null {
  const peek = decoding.clone(decoder);
  try {
    decoding.readVarUint(peek);
    return decoding.readVarUint8Array(peek);
  } catch {
    return null;
  }
}

export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

export class DocSessions {
  /** In order of last use, oldest first. */
  private readonly open = new Map<string, OpenSession>();
  /** Docs the walk found differing, not yet opened. */
  private readonly wanted: string[] = [];
  /** Docs the walk opened whose step 2 has not yet arrived. */
  private readonly walking = new Set<string>();
  /** Docs whose session waits for the doc to load. */
  private readonly opening = new Set<string>();
  private announced = 0;
  private settled = 0;
  /** Docs sent whole to the other side, which had none of them: nothing to receive from it. */
  private served = 0;
  /**
   * Docs the other side announced holding nothing of, settled by the walk without a session (as
   * many as it has open and empty). Its digest pages come before any step 1 it sends (its start
   * runs before it handles a frame), so one of these sent whole later is counted once, here.
   */
  private readonly announcedEmpty = new Set<string>();
  private destroyed = false;
  /** Set while a frame whose update went ahead to a window is handled (frames are handled one at a time). */
  private ahead: RelayedAhead | null = null;

  constructor(private readonly options: DocSessionsOptions) {}

  get size(): number {
    return this.open.size;
  }

  /** Docs the other side announced, plus docs synced here outside its announcement. */
  get docCount(): number {
    let extra = 0;
    for (const entry of this.open.values()) if (!entry.walked) extra++;
    return this.announced + this.served + extra;
  }

  /** Of `docCount`, those whose full sync from the other side has completed. */
  get syncedDocs(): number {
    let extra = 0;
    for (const entry of this.open.values()) if (!entry.walked && entry.session.synced) extra++;
    return this.settled + this.served + extra;
  }

  isOpen(docId: string): boolean {
    return this.open.has(docId);
  }

  /** A session for the doc is open or opens once the doc has loaded. */
  isOpenOrOpening(docId: string): boolean {
    return this.open.has(docId) || this.opening.has(docId);
  }

  /** The doc is synced on this connection: a session is open, or this peer holds it (and so announced it). */
  carries(docId: string): boolean {
    return this.open.has(docId) || (this.options.host.holds?.(docId) ?? false);
  }

  /** The doc of an open session, without touching its place in the order. */
  openDoc(docId: string): Y.Doc | undefined {
    return this.open.get(docId)?.session.doc;
  }

  /** Opens a session for `docId` (its step 1 goes out), closing the least recently used idle one if the set is full. */
  async ensure(docId: string, walked = false): Promise<DocSyncSession | null> {
    const existing = this.touch(docId);
    if (existing || this.destroyed) return existing;
    this.opening.add(docId);
    const release = this.options.host.hold?.(docId) ?? (() => undefined);
    let doc: Y.Doc;
    try {
      doc = await this.options.host.openDoc(docId);
    } catch (error) {
      release();
      throw error;
    } finally {
      this.opening.delete(docId);
    }
    const raced = this.touch(docId);
    if (raced || this.destroyed) {
      release();
      return raced;
    }
    if (this.open.size >= this.options.capacity) this.evictOne();
    const session = createDocSyncSession({ docId, doc, origin: this.options.origin, send: this.options.send, onSynced: () => this.didSync(docId), storeAhead: (update) => this.storeAhead(docId, update) });
    this.open.set(docId, { session, walked, release });
    this.options.onDidOpen(docId);
    this.options.onDidProgress();
    return session;
  }

  /**
   * Handles a sync message for `docId`. A step 1 opens a session (the other side wants this doc
   * synced, and this side's step 1 follows); a step 2 or update for a doc whose session was
   * closed is applied as it is. Returns the doc it reached, to watch for pending structs.
   */
  async receive(docId: string, decoder: decoding.Decoder): Promise<Y.Doc | null> {
    let kind: number;
    try {
      kind = decoding.peekVarUint(decoder);
    } catch {
      throw new ProtocolError('sync-malformed');
    }
    // Only a big update waits here: every other frame goes on in the same microtask, as it always did.
    const relay = kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate ? this.relayAhead(docId, decoder) : null;
    const applied = (relay ? await relay : null) ?? NOTHING_AHEAD;
    // An update stored ahead for the doc (from this side or another) is in it before this frame
    // reads or changes it: applied here, and again by the replica's `open` if the frame awaits one.
    this.options.host.settle?.(docId);
    // Only a whole state (a step 2) is stored ahead: it holds everything it depends on.
    const update = applied !== NOTHING_AHEAD && kind === syncProtocol.messageYjsSyncStep2 ? peekPayload(decoder) : null;
    const ahead: RelayedAhead | null = update ? { docId, update, applied, taken: false } : null;
    this.ahead = ahead;
    try {
      return await this.receiveSync(docId, kind, decoder);
    } finally {
      if (this.ahead === ahead) this.ahead = null;
      // Stored ahead: the replica calls it once its doc has applied the update.
      if (!ahead?.taken) applied();
    }
  }

  /** The update being handled, if it went ahead to a window, is stored first and applied later (LanDocHost.storeAhead). */
  private storeAhead(docId: string, update: Uint8Array): boolean {
    const ahead = this.ahead;
    const store = this.options.host.storeAhead;
    if (!ahead || !store || ahead.docId !== docId || ahead.update.byteLength !== update.byteLength) return false;
    const onApplied = (error?: unknown) => {
      ahead.applied();
      // Bytes the doc refused close the connection that sent them, as an apply here would have.
      if (error !== undefined)
        this.options.enqueue(async () => {
          throw new ProtocolError('update-rejected');
        });
    };
    if (!store.call(this.options.host, docId, update, this.options.origin, onApplied)) return false;
    ahead.taken = true;
    this.ahead = null;
    return true;
  }

  /**
   * Sends a big step 2 or update on to this peer's windows before it is applied here; resolves to
   * what to call once it is. Null, at once, for anything else (small, malformed — the apply says
   * so — or no window to send to).
   */
  private relayAhead(docId: string, decoder: decoding.Decoder): Promise<(() => void) | null> | null {
    const relay = this.options.host.relayAhead;
    if (!relay || this.destroyed) return null;
    const update = peekPayload(decoder);
    return update && update.byteLength >= RELAY_AHEAD_MIN_BYTES ? relay(docId, update) : null;
  }

  private async receiveSync(docId: string, kind: number, decoder: decoding.Decoder): Promise<Y.Doc | null> {
    const open = this.touch(docId);
    if (!open && kind === syncProtocol.messageYjsSyncStep1 && (await this.answerEmpty(docId, decoder))) return null;
    if (open || kind === syncProtocol.messageYjsSyncStep1) {
      const session = open ?? (await this.ensure(docId));
      session?.receive(decoder);
      return session?.doc ?? null;
    }
    if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) throw new ProtocolError('sync-unknown-kind');
    const doc = await this.options.host.openDoc(docId);
    // An update that may unlock parked ones goes through a session, which relays what it unlocks back too.
    if (hasPending(doc)) {
      const session = await this.ensure(docId);
      session?.receive(decoder);
      return doc;
    }
    decoding.readVarUint(decoder);
    const update = readBytes(decoder);
    if (!this.storeAhead(docId, update)) {
      try {
        applyReceivedUpdate(doc, update, this.options.origin);
      } catch {
        throw new ProtocolError('update-rejected');
      }
    }
    if (kind === syncProtocol.messageYjsSyncStep2) this.didSync(docId);
    return doc;
  }

  /**
   * A step 1 from a side that holds nothing of the doc (its walk asking for a doc it lacks) is
   * answered with the whole doc and no session: that side has nothing to send back, and its own
   * session carries live updates from then on. False, reading nothing, for any other step 1.
   */
  private async answerEmpty(docId: string, decoder: decoding.Decoder): Promise<boolean> {
    const stateVector = peekPayload(decoder);
    if (!stateVector) throw new ProtocolError('sync-malformed');
    if (!isEmptyStateVector(stateVector)) return false;
    // A dormant doc is sent as it is kept, without waking it; an awake one as last encoded, if it has not changed since.
    const dormant = this.options.host.dormantDoc?.(docId);
    const whole = dormant ? (dormant.updates.length === 1 ? (dormant.updates[0] as Uint8Array) : Y.mergeUpdates([...dormant.updates])) : wholeStateOf(await this.options.host.openDoc(docId));
    this.options.send(
      encodeFrame(docId, MessageType.sync, (e) => {
        encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(e, whole);
      }),
    );
    if (!this.announcedEmpty.has(docId)) this.served++;
    this.options.onDidOpen(docId);
    this.options.onDidProgress();
    return true;
  }

  /** Compares one page of the other side's digests with this peer's docs and queues the docs that differ. */
  async walkPage(page: DocDigestPage): Promise<void> {
    if (this.announced === 0) this.announced = page.total;
    for (const entry of page.entries) {
      const held = this.options.host.holds?.(entry.docId) ?? true;
      let equal = false;
      if (held) {
        let saved: Map<number, number>;
        try {
          saved = Y.decodeStateVector(entry.savedStateVector);
        } catch {
          throw new ProtocolError('state-vector-malformed');
        }
        equal = sameDigest(await heldDigest(this.options.host, entry.docId), entry.digest);
        this.options.onDidAck(entry.docId, saved);
      }
      // The other side holds nothing of this doc (it opened it and has not received it yet): there
      // is nothing to pull, and its own walk asks for this side's, which goes whole and without
      // waking the doc here (answerEmpty). A session would wake it, only to learn that.
      if (!equal && sameDigest(entry.digest, EMPTY_DOC_DIGEST)) {
        equal = true;
        this.announcedEmpty.add(entry.docId);
      }
      if (this.destroyed) return;
      if (equal) this.settled++;
      else this.want(entry.docId);
    }
    this.pump();
    this.options.onDidProgress();
  }

  /** Docs a peer of an older welcome listed: walked as if their digests differed. */
  wantAll(docIds: readonly string[]): void {
    this.announced += docIds.length;
    for (const docId of docIds) this.want(docId);
    this.pump();
    this.options.onDidProgress();
  }

  destroy(): void {
    this.destroyed = true;
    for (const entry of this.open.values()) {
      entry.session.destroy();
      entry.release();
    }
    this.open.clear();
    this.wanted.length = 0;
    this.walking.clear();
  }

  private want(docId: string): void {
    const open = this.open.get(docId);
    if (open?.session.synced) this.settled++;
    else if (open) this.walking.add(docId);
    else this.wanted.push(docId);
  }

  /** Opens the next wanted docs while the walk holds fewer than half the sessions. */
  private pump(): void {
    while (!this.destroyed && this.wanted.length > 0 && this.walking.size < Math.max(1, this.options.capacity / 2)) {
      const docId = this.wanted.shift() as string;
      this.walking.add(docId);
      this.options.enqueue(async () => {
        const session = await this.ensure(docId, true);
        if (session?.synced) this.didSync(docId);
      });
    }
  }

  /** A session's first full sync completed (or a step 2 arrived without one): counted, whether the walk asked for it or not. */
  private didSync(docId: string): void {
    if (this.walking.delete(docId)) {
      this.settled++;
      this.pump();
    }
    this.options.onDidProgress();
  }

  private touch(docId: string): DocSyncSession | null {
    const entry = this.open.get(docId);
    if (!entry) return null;
    this.open.delete(docId);
    this.open.set(docId, entry);
    return entry.session;
  }

  /**
   * Closes the least recently used session that is idle (synced, nothing parked); if none is,
   * the least recently used of all: a frame for it later is applied without a session or opens
   * one again, so closing one only ever costs a round trip.
   */
  private evictOne(): void {
    let victim: string | undefined;
    for (const [docId, entry] of this.open) {
      if (entry.session.synced && !hasPending(entry.session.doc)) {
        victim = docId;
        break;
      }
    }
    victim ??= this.open.keys().next().value;
    if (victim === undefined) return;
    const entry = this.open.get(victim);
    entry?.session.destroy();
    entry?.release();
    this.open.delete(victim);
    this.options.onDidProgress();
  }
}
