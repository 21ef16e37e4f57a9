// The envelope mirror against a relay played by a plain Y.Doc (the engine's merge and fan-out
// are standard Yjs): teammates converge through sealed blobs only, edits made offline are
// pushed on connect, a LAN teammate's edit is not sent twice, compaction keeps the envelope
// small, and a tampered or replayed blob changes nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ACKS, EnvelopeMirror, SEALED } from '../../electron/peer/relay/envelope-mirror';
import { relayKeys } from '../../electron/peer/relay/relay-keys';
import { openBlob, sealAck, sealBlob, type OpenedAck } from '../../electron/peer/relay/sealed-blob';
import { RELAY_ORIGIN } from '../../shared/model/origin';
import { docHash } from '../support/doc-hash';

const KEYS = relayKeys(new Uint8Array(32).fill(3));
const { sealKey } = KEYS;
const DOC_ID = 'b_feedback';
const PEER_ORIGIN = { source: 'peer', peerId: 'lan-teammate' } as const;

/** A relay: one Y.Doc every connected envelope syncs with, as the engine does. */
class FakeRelay {
  readonly doc = new Y.Doc();
  private readonly links = new Map<Y.Doc, () => void>();

  connect(envelope: Y.Doc): void {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(envelope, Y.encodeStateVector(this.doc)), envelope);
    Y.applyUpdate(envelope, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(envelope)), this);
    const toRelay = (update: Uint8Array, origin: unknown) => origin !== this && Y.applyUpdate(this.doc, update, envelope);
    const toPeer = (update: Uint8Array, origin: unknown) => origin !== envelope && Y.applyUpdate(envelope, update, this);
    envelope.on('update', toRelay);
    this.doc.on('update', toPeer);
    this.links.set(envelope, () => {
      envelope.off('update', toRelay);
      this.doc.off('update', toPeer);
    });
  }

  disconnect(envelope: Y.Doc): void {
    this.links.get(envelope)?.();
    this.links.delete(envelope);
  }

  get blobs(): Y.Array<Uint8Array> {
    return this.doc.getArray<Uint8Array>(SEALED);
  }
}

interface Laptop {
  readonly doc: Y.Doc;
  readonly envelope: Y.Doc;
  readonly mirror: EnvelopeMirror;
  readonly refused: string[];
  readonly acks: OpenedAck[];
}

const mirrors: EnvelopeMirror[] = [];
afterEach(() => mirrors.splice(0).forEach((m) => m.destroy()));

function laptop(sender: string, options: { compactAbove?: number; catchUpDelayMs?: number; beforeApply?: () => void } = {}): Laptop {
  const doc = new Y.Doc();
  const envelope = new Y.Doc();
  const refused: string[] = [];
  const acks: OpenedAck[] = [];
  const mirror = new EnvelopeMirror({
    docId: DOC_ID,
    doc,
    envelope,
    sealKey,
    sender,
    ackSlot: KEYS.ackSlot(sender),
    memberId: () => `m_${sender}`,
    device: `${sender}-laptop`,
    ackDelayMs: 20,
    onDidRefuse: (reason) => refused.push(reason),
    onDidAck: (ack) => acks.push(ack),
    ...options,
  });
  mirrors.push(mirror);
  return { doc, envelope, mirror, refused, acks };
}

function join(relay: FakeRelay, who: Laptop): void {
  relay.connect(who.envelope);
  who.mirror.onDidConnect();
}

const edit = (who: Laptop, key: string, value: string, origin: unknown = { source: 'link', linkId: 'w1' }) =>
  who.doc.transact(() => who.doc.getMap('items').set(key, value), origin);

describe('syncing a doc through a relay', () => {
  it('brings each laptop’s edits to the other, and the relay holds only sealed blobs', () => {
    const relay = new FakeRelay();
    const a = laptop('a');
    const b = laptop('b');
    join(relay, a);
    join(relay, b);
    edit(a, 'i1', 'Dark mode');
    edit(b, 'i2', 'Export to PDF');
    expect(docHash(a.doc)).toBe(docHash(b.doc));
    expect(b.doc.getMap('items').get('i1')).toBe('Dark mode');
    const stored = Buffer.from(Y.encodeStateAsUpdate(relay.doc));
    expect(stored.includes(Buffer.from('Dark mode'))).toBe(false);
    expect(stored.includes(Buffer.from('Export to PDF'))).toBe(false);
  });

  it('pushes what was edited offline once on connect, and only what the relay lacks', () => {
    const relay = new FakeRelay();
    const a = laptop('a');
    join(relay, a);
    edit(a, 'i1', 'Dark mode');
    relay.disconnect(a.envelope);
    a.mirror.onDidDisconnect();
    edit(a, 'i2', 'offline one');
    edit(a, 'i3', 'offline two');
    expect(relay.blobs.length).toBe(1);
    join(relay, a);
    expect(relay.blobs.length).toBe(2);
    const b = laptop('b');
    join(relay, b);
    expect(docHash(b.doc)).toBe(docHash(a.doc));
    // Nothing missing: reconnecting pushes nothing more.
    relay.disconnect(a.envelope);
    a.mirror.onDidDisconnect();
    join(relay, a);
    expect(relay.blobs.length).toBe(2);
  });

  it('does not send a LAN teammate’s edit twice: it waits, and pushes only if that teammate did not', () => {
    vi.useFakeTimers();
    try {
      const relay = new FakeRelay();
      const a = laptop('a', { catchUpDelayMs: 1_000 });
      const b = laptop('b', { catchUpDelayMs: 1_000 });
      join(relay, a);
      join(relay, b);
      // A's own edit reaches B over the LAN too: B must not push it again.
      edit(a, 'i1', 'from A');
      Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), PEER_ORIGIN);
      vi.advanceTimersByTime(1_500);
      expect(relay.blobs.length).toBe(1);
      // A LAN teammate without the relay: B carries its edit after the delay, once.
      const lanOnly = new Y.Doc();
      lanOnly.getMap('items').set('i9', 'from a laptop without the relay');
      Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(lanOnly), PEER_ORIGIN);
      expect(relay.blobs.length).toBe(1);
      vi.advanceTimersByTime(1_500);
      expect(relay.blobs.length).toBe(2);
      expect(a.doc.getMap('items').get('i9')).toBe('from a laptop without the relay');
    } finally {
      vi.useRealTimers();
    }
  });

  it('compacts many blobs into one sealed snapshot that a new laptop opens whole', () => {
    const relay = new FakeRelay();
    const a = laptop('a', { compactAbove: 10 });
    const b = laptop('b', { compactAbove: 10 });
    join(relay, a);
    join(relay, b);
    for (let i = 0; i < 25; i++) edit(i % 2 ? a : b, `i${i}`, `note ${i}`);
    expect(relay.blobs.length).toBeLessThanOrEqual(11);
    const late = laptop('late');
    join(relay, late);
    expect(late.doc.getMap('items').size).toBe(25);
    expect(docHash(late.doc)).toBe(docHash(a.doc));
    expect([...a.refused, ...b.refused, ...late.refused]).toEqual([]);
  });

  it('hands the store what the blobs held, once per apply with the relay as origin, even when a blob waits for one not yet seen', () => {
    const relay = new FakeRelay();
    const a = laptop('a');
    join(relay, a);
    edit(a, 'i1', 'Dark mode');
    edit(a, 'i2', 'Export to PDF');
    edit(a, 'i3', 'SSO login');
    // A relay that so far holds only A's second blob: it waits for the first, which it needs.
    const partial = new FakeRelay();
    partial.doc.transact(() => partial.blobs.push([relay.blobs.get(1).slice()]));
    const late = laptop('late');
    const stored: { update: Uint8Array; origin: unknown }[] = [];
    late.doc.on('update', (update: Uint8Array, origin: unknown) => stored.push({ update, origin }));
    join(partial, late);
    expect(stored).toEqual([]);
    expect(late.doc.getMap('items').size).toBe(0);
    join(relay, late);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((s) => s.origin === RELAY_ORIGIN)).toBe(true);
    // What the store was handed is the whole board: a restart that loads it shows what A has.
    const reloaded = new Y.Doc();
    for (const s of stored) Y.applyUpdate(reloaded, s.update);
    expect(docHash(reloaded)).toBe(docHash(a.doc));
    expect(docHash(late.doc)).toBe(docHash(a.doc));
  });

  it('a laptop pulling a board it never had hands its store the opened bytes as they are, without Yjs encoding them again', () => {
    const relay = new FakeRelay();
    const a = laptop('a', { compactAbove: 2 });
    join(relay, a);
    for (let i = 0; i < 5; i++) edit(a, `i${i}`, `note ${i}`);
    relay.disconnect(a.envelope);
    a.mirror.onDidDisconnect();
    const opened = relay.blobs.toArray().map((blob) => openBlob(sealKey, DOC_ID, blob).update);
    const late = laptop('late');
    const stored: Uint8Array[] = [];
    late.doc.on('update', (update: Uint8Array) => stored.push(update));
    const emitted = vi.spyOn(late.doc, 'emit');
    join(relay, late);
    expect(stored.length).toBe(1);
    expect(Buffer.from(stored[0]!).equals(Buffer.from(Y.mergeUpdates(opened)))).toBe(true);
    expect(emitted.mock.calls.filter(([name]) => name === 'update')).toEqual([]);
    expect(docHash(late.doc)).toBe(docHash(a.doc));
  });

  it('a laptop that holds the board hands its store only what a new snapshot changes, not the whole snapshot', () => {
    const relay = new FakeRelay();
    const a = laptop('a');
    const b = laptop('b');
    join(relay, a);
    join(relay, b);
    for (let i = 0; i < 40; i++) edit(a, `i${i}`, `a longer note, number ${i}, so that the board is some size`);
    relay.disconnect(b.envelope);
    b.mirror.onDidDisconnect();
    edit(a, 'late', 'one more');
    // Another relay holds one snapshot of everything, most of which B already has.
    const snapshot = Y.encodeStateAsUpdate(a.doc);
    const other = new FakeRelay();
    other.doc.transact(() => other.blobs.push([sealBlob(sealKey, DOC_ID, { kind: 'snapshot', sender: 'c', seq: 1, update: snapshot })]));
    const stored: Uint8Array[] = [];
    b.doc.on('update', (update: Uint8Array) => stored.push(update));
    join(other, b);
    expect(b.doc.getMap('items').get('late')).toBe('one more');
    expect(stored.length).toBe(1);
    expect(stored[0]!.length).toBeLessThan(snapshot.length / 10);
    expect(docHash(b.doc)).toBe(docHash(a.doc));
  });

  it('lets the replica put in what it stored ahead before the relay’s blobs change the doc, and only then', () => {
    const relay = new FakeRelay();
    const a = laptop('a');
    const seen: number[] = [];
    const b = laptop('b', { beforeApply: () => seen.push(b.doc.getMap('items').size) });
    join(relay, a);
    join(relay, b);
    expect(seen).toEqual([]);
    edit(a, 'i1', 'Dark mode');
    // Called before the blob went in (the doc had nothing yet), once.
    expect(seen).toEqual([0]);
    expect(b.doc.getMap('items').get('i1')).toBe('Dark mode');
  });

  it('refuses a tampered or replayed blob and leaves the replica byte-identical', () => {
    const relay = new FakeRelay();
    const a = laptop('a');
    const b = laptop('b');
    join(relay, a);
    join(relay, b);
    edit(a, 'i1', 'Dark mode');
    const before = Y.encodeStateAsUpdate(b.doc);
    const genuine = relay.blobs.get(0);
    const tampered = genuine.slice();
    tampered[tampered.length - 20]! ^= 1;
    const forged = sealBlob(relayKeys(new Uint8Array(32).fill(4)).sealKey, DOC_ID, { kind: 'update', sender: 'x', seq: 1, update: Y.encodeStateAsUpdate(a.doc) });
    relay.doc.transact(() => relay.blobs.push([tampered, genuine.slice(), forged, new Uint8Array([1, 2, 3])]));
    expect(b.refused.sort()).toEqual(['blob-malformed', 'blob-replayed', 'blob-tampered', 'blob-tampered']);
    expect(Buffer.from(Y.encodeStateAsUpdate(b.doc)).equals(Buffer.from(before))).toBe(true);
  });

  it('passes each laptop’s acknowledgement to the others, sealed, one per laptop, only after a save', async () => {
    vi.useFakeTimers();
    try {
      const relay = new FakeRelay();
      const a = laptop('a');
      const b = laptop('b');
      join(relay, a);
      join(relay, b);
      edit(a, 'i1', 'Dark mode');
      await vi.advanceTimersByTimeAsync(100);
      // B has it in memory, not yet on disk: nothing is said for it.
      expect(a.acks).toEqual([]);
      const saved = Y.encodeStateVector(b.doc);
      for (let i = 0; i < 5; i++) b.mirror.didSave(saved); // a burst of saves is one acknowledgement
      await vi.advanceTimersByTimeAsync(100);
      expect(a.acks).toEqual([{ peerId: 'b', memberId: 'm_b', device: 'b-laptop', stateVector: saved }]);
      expect(b.acks).toEqual([]); // its own is not news to it
      const slots = relay.doc.getMap<Uint8Array>(ACKS);
      expect([...slots.keys()]).toEqual([KEYS.ackSlot('b')]);
      // The relay sees a slot and a sealed value: no peer id, no member, no device name.
      const stored = Buffer.from(Y.encodeStateAsUpdate(relay.doc));
      for (const text of ['m_b', 'b-laptop', 'Dark mode']) expect(stored.includes(Buffer.from(text)), text).toBe(false);

      // A later save replaces B's slot; an ack sealed under another key or moved from another doc is refused.
      edit(b, 'i2', 'Export');
      b.mirror.didSave(Y.encodeStateVector(b.doc));
      await vi.advanceTimersByTimeAsync(100);
      expect(a.acks.at(-1)?.stateVector).toEqual(Y.encodeStateVector(b.doc));
      expect(slots.size).toBe(1);
      const forged = sealAck(relayKeys(new Uint8Array(32).fill(4)).sealKey, DOC_ID, { peerId: 'x', memberId: null, device: null, stateVector: saved });
      const otherDoc = sealAck(sealKey, 'b_other', { peerId: 'y', memberId: null, device: null, stateVector: saved });
      const count = a.acks.length;
      relay.doc.transact(() => {
        slots.set('forged', forged);
        slots.set('moved', otherDoc);
      });
      expect(a.acks.length).toBe(count);
      expect(a.refused).toEqual(['blob-tampered', 'blob-tampered']);

      // Offline saves are acknowledged on the next connect; a laptop joining later reads every ack at once.
      relay.disconnect(b.envelope);
      b.mirror.onDidDisconnect();
      edit(b, 'i3', 'Offline');
      b.mirror.didSave(Y.encodeStateVector(b.doc));
      await vi.advanceTimersByTimeAsync(100);
      expect(a.acks.at(-1)?.stateVector).not.toEqual(Y.encodeStateVector(b.doc));
      join(relay, b);
      await vi.advanceTimersByTimeAsync(100);
      expect(a.acks.at(-1)?.stateVector).toEqual(Y.encodeStateVector(b.doc));
      const c = laptop('c');
      join(relay, c);
      expect(c.acks.map((ack) => ack.peerId)).toEqual(['b']);
    } finally {
      vi.useRealTimers();
    }
  });
});
