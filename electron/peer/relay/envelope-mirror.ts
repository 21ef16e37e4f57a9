// Keeps one Tandem doc and its envelope doc on a relay in step. The envelope is a standard Yjs
// doc holding only `sealed`, an array of sealed blobs; the relay merges and fans it out like any
// doc. Blobs that arrive are opened and applied; this laptop's own edits are sealed and pushed
// as they happen; what the envelope lacks (edits made offline, or that came over the LAN from
// a teammate without the relay) is pushed once after connecting, and a little after a LAN
// teammate's edit — by then that teammate's own push has usually arrived, so nothing is sent
// twice. Past a number of blobs, a holder of the key compacts them into one sealed snapshot.
// Beside the blobs, `acks` holds each laptop's latest sealed acknowledgement (what its peer
// has on disk), so a laptop reached only through the relay counts in "on K of M laptops".
import * as Y from 'yjs';
import { RELAY_ORIGIN, isTxOrigin } from '../../../shared/model/origin';
import { applyReceivedUpdate } from '../../../shared/protocol/apply-received';
import { docDigest, sameDigest } from '../lan/doc-digests';
import { BlobRefused, openAck, openBlob, sealAck, sealBlob, type BlobRefusal, type OpenedAck, type OpenedBlob } from './sealed-blob';

/** The envelope's one top-level type. */
export const SEALED = 'sealed';
/** Slot (a keyed hash of the peer id) → that laptop's latest sealed acknowledgement. */
export const ACKS = 'acks';
/** Where the mirror writes in the envelope: the provider sends these to the relay, and ignores the relay's own. */
export const ENVELOPE_ORIGIN = Object.freeze({ source: 'envelope' });

export interface EnvelopeMirrorOptions {
  readonly docId: string;
  /** The Tandem doc (the peer's replica). */
  readonly doc: Y.Doc;
  /** The envelope doc the relay provider syncs. */
  readonly envelope: Y.Doc;
  readonly sealKey: Uint8Array;
  /** This peer's id: the sender inside every blob it seals. */
  readonly sender: string;
  /** Where this peer's acknowledgements go in `acks`; the relay sees it, so it names nobody. */
  readonly ackSlot: string;
  /** Who this laptop is, as teammates list it beside an acknowledgement. */
  readonly memberId: () => string | null;
  readonly device: string | null;
  /** How long to gather saves into one acknowledgement. */
  readonly ackDelayMs?: number;
  /** A teammate's laptop says it has the doc on disk up to the ack's state vector. */
  onDidAck?(ack: OpenedAck): void;
  /** Compact once the envelope holds more blobs than this. */
  readonly compactAbove?: number;
  /** How long after a LAN teammate's edit to check whether the relay has it. */
  readonly catchUpDelayMs?: number;
  /** A blob that did not open (tampered, another doc's, another version) or was seen before. */
  onDidRefuse(reason: BlobRefusal | 'blob-replayed'): void;
  /** Called before the doc is changed: a teammate's update the replica stored ahead goes in first (Replica.settle). */
  beforeApply?(): void;
}

export class EnvelopeMirror {
  private readonly sealed: Y.Array<Uint8Array>;
  private readonly acks: Y.Map<Uint8Array>;
  /** What this laptop has on disk and has not yet acknowledged through the relay. */
  private unacked: Uint8Array | null = null;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly compactAbove: number;
  private readonly catchUpDelayMs: number;
  /** Sender → sequences opened: the same blob seen again is a replay. */
  private readonly seen = new Map<string, Set<number>>();
  private seq = Date.now();
  private connected = false;
  /**
   * The replica may hold something the envelope lacks: what it loaded before this mirror
   * existed, or an edit made while the relay was away. When false, connecting skips the
   * comparison (which opens every blob again): a laptop pulling a board it never had pays once.
   */
  private mayLack: boolean;
  private catchUpTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(private readonly options: EnvelopeMirrorOptions) {
    this.sealed = options.envelope.getArray<Uint8Array>(SEALED);
    this.compactAbove = options.compactAbove ?? 64;
    this.catchUpDelayMs = options.catchUpDelayMs ?? 2_000;
    this.acks = options.envelope.getMap<Uint8Array>(ACKS);
    this.mayLack = options.doc.store.clients.size > 0;
    this.openAll(this.sealed.toArray());
    this.openAcks([...this.acks.keys()]);
    this.sealed.observe(this.onDidChangeEnvelope);
    this.acks.observe(this.onDidChangeAcks);
    options.doc.on('update', this.onDidUpdateDoc);
  }

  /** The envelope is in step with the relay (the provider's first sync finished; what it brought is open): push what it lacks. */
  onDidConnect(): void {
    this.connected = true;
    if (this.sealed.length > this.compactAbove) this.compact();
    if (this.mayLack) this.catchUp();
    this.scheduleAck();
  }

  /**
   * The replica has this doc on disk up to `stateVector`: say so in the envelope (gathered, so
   * a burst of saves is one acknowledgement). Only after a save, never before: teammates count
   * this laptop as holding a change only once it truly does.
   */
  didSave(stateVector: Uint8Array): void {
    this.unacked = stateVector;
    this.scheduleAck();
  }

  /** The relay went away: edits wait for the next connect's catch-up instead of piling up as blobs. */
  onDidDisconnect(): void {
    this.connected = false;
    this.clearCatchUp();
    this.clearAck();
  }

  /** Blobs in the envelope now. */
  get blobCount(): number {
    return this.sealed.length;
  }

  destroy(): void {
    this.destroyed = true;
    this.clearCatchUp();
    this.clearAck();
    this.sealed.unobserve(this.onDidChangeEnvelope);
    this.acks.unobserve(this.onDidChangeAcks);
    this.options.doc.off('update', this.onDidUpdateDoc);
  }

  private readonly onDidChangeEnvelope = (event: Y.YArrayEvent<Uint8Array>, tx: Y.Transaction): void => {
    if (tx.origin === ENVELOPE_ORIGIN) return;
    const added: Uint8Array[] = [];
    for (const delta of event.changes.delta) if (Array.isArray(delta.insert)) added.push(...(delta.insert as Uint8Array[]));
    this.openAll(added);
  };

  private readonly onDidChangeAcks = (event: Y.YMapEvent<Uint8Array>, tx: Y.Transaction): void => {
    if (tx.origin === ENVELOPE_ORIGIN) return;
    this.openAcks([...event.keysChanged]);
  };

  private openAcks(slots: readonly string[]): void {
    for (const slot of slots) {
      const sealed = this.acks.get(slot);
      if (sealed === undefined) continue;
      let ack: OpenedAck;
      try {
        ack = openAck(this.options.sealKey, this.options.docId, sealed);
      } catch (error) {
        if (!(error instanceof BlobRefused)) throw error;
        this.options.onDidRefuse(error.reason);
        continue;
      }
      // This laptop's own, from before a restart: it says nothing new.
      if (ack.peerId !== this.options.sender) this.options.onDidAck?.(ack);
    }
  }

  private scheduleAck(): void {
    if (!this.connected || this.destroyed || this.unacked === null || this.ackTimer) return;
    this.ackTimer = setTimeout(() => {
      this.ackTimer = null;
      this.publishAck();
    }, this.options.ackDelayMs ?? 500);
    this.ackTimer.unref?.();
  }

  private publishAck(): void {
    const stateVector = this.unacked;
    if (!this.connected || this.destroyed || stateVector === null) return;
    this.unacked = null;
    const sealed = sealAck(this.options.sealKey, this.options.docId, { peerId: this.options.sender, memberId: this.options.memberId(), device: this.options.device, stateVector });
    this.options.envelope.transact(() => this.acks.set(this.options.ackSlot, sealed), ENVELOPE_ORIGIN);
  }

  private clearAck(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = null;
  }

  private readonly onDidUpdateDoc = (update: Uint8Array, origin: unknown): void => {
    if (origin === RELAY_ORIGIN) return;
    if (!this.connected) {
      this.mayLack = true;
      return;
    }
    // A LAN teammate's edit: it may be pushing it too; look a little later at what is missing.
    if (isTxOrigin(origin) && origin.source === 'peer') return this.scheduleCatchUp();
    this.push('update', update);
  };

  private openAll(blobs: readonly Uint8Array[]): void {
    const opened: OpenedBlob[] = [];
    for (const blob of blobs) {
      const result = this.open(blob);
      if (result) opened.push(result);
    }
    if (opened.length === 0) return;
    // One merged apply: a thousand blobs cost one transaction on the replica.
    const merged = Y.mergeUpdates(opened.map((b) => b.update));
    this.options.beforeApply?.();
    // A replica that holds nothing yet (a laptop pulling a board it never had) takes all of it:
    // the store and the windows get the bytes as they are, not Yjs's encoding of them again.
    // Otherwise a snapshot repeats what the replica holds, and only Yjs's encoding of the
    // change is small enough to append to the log and send on to windows and teammates.
    if (this.options.doc.store.clients.size === 0) applyReceivedUpdate(this.options.doc, merged, RELAY_ORIGIN);
    else Y.applyUpdate(this.options.doc, merged, RELAY_ORIGIN);
    if (this.connected && this.sealed.length > this.compactAbove) this.compact();
  }

  private open(blob: Uint8Array): OpenedBlob | null {
    try {
      const opened = openBlob(this.options.sealKey, this.options.docId, blob);
      const seqs = this.seen.get(opened.sender) ?? new Set<number>();
      if (seqs.has(opened.seq)) {
        this.options.onDidRefuse('blob-replayed');
        return null;
      }
      seqs.add(opened.seq);
      this.seen.set(opened.sender, seqs);
      return opened;
    } catch (error) {
      if (!(error instanceof BlobRefused)) throw error;
      this.options.onDidRefuse(error.reason);
      return null;
    }
  }

  private push(kind: 'update' | 'snapshot', update: Uint8Array): void {
    const sealed = this.seal(kind, update);
    this.options.envelope.transact(() => this.sealed.push([sealed]), ENVELOPE_ORIGIN);
  }

  private seal(kind: 'update' | 'snapshot', update: Uint8Array): Uint8Array {
    const seq = ++this.seq;
    (this.seen.get(this.options.sender) ?? this.seen.set(this.options.sender, new Set()).get(this.options.sender)!).add(seq);
    return sealBlob(this.options.sealKey, this.options.docId, { kind, sender: this.options.sender, seq, update });
  }

  /** What the envelope's blobs hold, as a scratch doc (refused blobs left out). */
  private envelopeContent(): Y.Doc {
    const scratch = new Y.Doc({ gc: false });
    const updates: Uint8Array[] = [];
    for (const blob of this.sealed.toArray()) {
      try {
        updates.push(openBlob(this.options.sealKey, this.options.docId, blob).update);
      } catch (error) {
        if (!(error instanceof BlobRefused)) throw error;
      }
    }
    if (updates.length > 0) Y.applyUpdate(scratch, Y.mergeUpdates(updates));
    return scratch;
  }

  /** Pushes what the replica holds and the envelope does not, if anything. */
  private catchUp(): void {
    this.clearCatchUp();
    if (!this.connected || this.destroyed) return;
    this.mayLack = false;
    const content = this.envelopeContent();
    if (!sameDigest(docDigest(content), docDigest(this.options.doc))) {
      this.push('update', Y.encodeStateAsUpdate(this.options.doc, Y.encodeStateVector(content)));
    }
    content.destroy();
  }

  /**
   * Replaces every blob with one sealed snapshot of the replica (which holds all they held).
   * Two peers compacting at once each delete the same blobs and add a snapshot: both open,
   * and the next compaction folds them.
   */
  private compact(): void {
    const count = this.sealed.length;
    const snapshot = this.seal('snapshot', Y.encodeStateAsUpdate(this.options.doc));
    this.options.envelope.transact(() => {
      this.sealed.delete(0, count);
      this.sealed.push([snapshot]);
    }, ENVELOPE_ORIGIN);
  }

  private scheduleCatchUp(): void {
    if (this.catchUpTimer) return;
    this.catchUpTimer = setTimeout(() => this.catchUp(), this.catchUpDelayMs);
    this.catchUpTimer.unref?.();
  }

  private clearCatchUp(): void {
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    this.catchUpTimer = null;
  }
}
