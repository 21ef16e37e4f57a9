// Seeded random runs of three laptops that edit one board while each one's relay link and each
// LAN link between them go up and down at random, with messages in flight delivered in random
// order (or lost when their link drops). Whatever the path an edit took — the LAN, the relay,
// both, or a LAN teammate that later reached the relay — every laptop ends with the same
// content, no update left waiting for a missing predecessor, and an acknowledgement from every
// teammate covering it. The mirrors are the real ones; the relay is a Y.Doc per envelope, as
// the engine is for this purpose, and a LAN link is the Yjs sync the LAN does.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { EnvelopeMirror } from '../../electron/peer/relay/envelope-mirror';
import { relayKeys } from '../../electron/peer/relay/relay-keys';
import type { OpenedAck } from '../../electron/peer/relay/sealed-blob';
import { SeededRandom } from '../bench/support/prng';
import { docHash } from '../support/doc-hash';

const KEYS = relayKeys(new Uint8Array(32).fill(7));
const DOC_ID = 'b_launch_plan';
const SEEDS = Array.from({ length: 100 }, (_, i) => 1_000 + i);
const STEPS = 60;

/** A message in flight: applied when delivered, dropped with its link. */
interface InFlight {
  readonly deliver: () => void;
  readonly link: object;
}

class Network {
  inFlight: InFlight[] = [];

  send(link: object, deliver: () => void): void {
    this.inFlight.push({ link, deliver });
  }

  drop(link: object): void {
    this.inFlight = this.inFlight.filter((m) => m.link !== link);
  }

  /** Delivers up to `count` messages, picked at random (so out of order). */
  deliverSome(random: SeededRandom, count: number): void {
    for (let i = 0; i < count && this.inFlight.length > 0; i++) this.inFlight.splice(random.int(this.inFlight.length), 1)[0]!.deliver();
  }

  deliverAll(): void {
    while (this.inFlight.length > 0) this.inFlight.shift()!.deliver();
  }
}

interface Laptop {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly envelope: Y.Doc;
  readonly mirror: EnvelopeMirror;
  readonly acks: Map<string, Map<number, number>>;
  relayLink: object | null;
  stopRelay: (() => void) | null;
}

/** Relay and LAN as messages on one network; the relay's copy of the envelope is one Y.Doc. */
class World {
  readonly net = new Network();
  readonly relay = new Y.Doc();
  readonly laptops: Laptop[];
  readonly lan = new Map<string, { link: object; stop: () => void }>();
  refused = 0;

  constructor(private readonly random: SeededRandom) {
    // The board as created on one laptop and opened on all three before the run.
    const created = new Y.Doc();
    created.getMap('board').set('notes', new Y.Text('Launch checklist: '));
    const initial = Y.encodeStateAsUpdate(created);
    this.laptops = ['berlin', 'shanghai', 'home'].map((id) => this.laptop(id, initial));
  }

  private laptop(id: string, initial: Uint8Array): Laptop {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initial, { source: 'store' });
    const envelope = new Y.Doc();
    const acks = new Map<string, Map<number, number>>();
    const mirror = new EnvelopeMirror({
      docId: DOC_ID,
      doc,
      envelope,
      sealKey: KEYS.sealKey,
      sender: id,
      ackSlot: KEYS.ackSlot(id),
      memberId: () => `m_${id}`,
      device: null,
      compactAbove: 6,
      catchUpDelayMs: 1_000,
      ackDelayMs: 200,
      onDidRefuse: () => this.refused++,
      onDidAck: (ack: OpenedAck) => acks.set(ack.peerId, Y.decodeStateVector(ack.stateVector)),
    });
    return { id, doc, envelope, mirror, acks, relayLink: null, stopRelay: null };
  }

  edit(who: Laptop): void {
    const r = this.random;
    const origin = { source: 'link', linkId: 'window' };
    const items = who.doc.getMap<string>('items');
    const notes = who.doc.getMap<Y.Text>('board').get('notes')!;
    const choice = r.int(4);
    who.doc.transact(() => {
      if (choice === 0 && items.size > 0) items.delete([...items.keys()][r.int(items.size)]!);
      else if (choice === 1) notes.insert(r.int(notes.length + 1), `${who.id[0]}${r.int(100)} `);
      else if (choice === 2 && notes.length > 4) notes.delete(r.int(notes.length - 2), 2);
      else items.set(`k${r.int(30)}`, `${who.id}:${r.int(1_000)}`);
    }, origin);
    // The replica saves what it applied: the mirror acknowledges it, gathered.
    who.mirror.didSave(Y.encodeStateVector(who.doc));
  }

  /** A relay connection: both sides' envelopes exchange their state, then updates flow as messages. */
  relayUp(who: Laptop): void {
    if (who.relayLink) return;
    const link = {};
    who.relayLink = link;
    Y.applyUpdate(this.relay, Y.encodeStateAsUpdate(who.envelope, Y.encodeStateVector(this.relay)), link);
    Y.applyUpdate(who.envelope, Y.encodeStateAsUpdate(this.relay, Y.encodeStateVector(who.envelope)), link);
    const toRelay = (update: Uint8Array, origin: unknown) => origin !== link && this.net.send(link, () => Y.applyUpdate(this.relay, update, link));
    const toLaptop = (update: Uint8Array, origin: unknown) => origin !== link && this.net.send(link, () => Y.applyUpdate(who.envelope, update, link));
    who.envelope.on('update', toRelay);
    this.relay.on('update', toLaptop);
    who.stopRelay = () => {
      who.envelope.off('update', toRelay);
      this.relay.off('update', toLaptop);
    };
    who.mirror.onDidConnect();
  }

  relayDown(who: Laptop): void {
    if (!who.relayLink) return;
    who.stopRelay!();
    this.net.drop(who.relayLink);
    who.relayLink = null;
    who.mirror.onDidDisconnect();
  }

  /** A LAN link: a full sync both ways, then each side's updates as messages with the LAN's origin. */
  lanUp(a: Laptop, b: Laptop): void {
    const key = [a.id, b.id].sort().join('|');
    if (this.lan.has(key)) return;
    const link = {};
    const fromA = { source: 'peer', peerId: a.id };
    const fromB = { source: 'peer', peerId: b.id };
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), fromA);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), fromB);
    const aToB = (update: Uint8Array, origin: unknown) => origin !== fromB && this.net.send(link, () => Y.applyUpdate(b.doc, update, fromA));
    const bToA = (update: Uint8Array, origin: unknown) => origin !== fromA && this.net.send(link, () => Y.applyUpdate(a.doc, update, fromB));
    a.doc.on('update', aToB);
    b.doc.on('update', bToA);
    this.lan.set(key, {
      link,
      stop: () => {
        a.doc.off('update', aToB);
        b.doc.off('update', bToA);
        this.net.drop(link);
      },
    });
  }

  lanDown(a: Laptop, b: Laptop): void {
    const key = [a.id, b.id].sort().join('|');
    this.lan.get(key)?.stop();
    this.lan.delete(key);
  }

  /** Everything that arrived over the LAN or the relay is saved, as the peer's replica does. */
  saveAll(): void {
    for (const who of this.laptops) who.mirror.didSave(Y.encodeStateVector(who.doc));
  }
}

const covers = (have: Map<number, number> | undefined, need: Map<number, number>) => !!have && [...need].every(([client, clock]) => (have.get(client) ?? 0) >= clock);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('edits over the LAN, the relay and neither, at random', () => {
  it.each(SEEDS)('seed %i: every laptop converges, nothing left pending, every teammate acknowledged', async (seed) => {
    const random = new SeededRandom(seed);
    const world = new World(random);
    const [a, b, c] = world.laptops as [Laptop, Laptop, Laptop];
    const pairs: [Laptop, Laptop][] = [[a, b], [b, c], [a, c]];
    for (let step = 0; step < STEPS; step++) {
      const roll = random.int(10);
      const who = world.laptops[random.int(3)]!;
      if (roll < 5) world.edit(who);
      else if (roll === 5) {
        if (who.relayLink) world.relayDown(who);
        else world.relayUp(who);
      }
      else if (roll === 6) {
        const [x, y] = pairs[random.int(3)]!;
        if (world.lan.has([x.id, y.id].sort().join('|'))) world.lanDown(x, y);
        else world.lanUp(x, y);
      } else if (roll === 7) await vi.advanceTimersByTimeAsync(random.between(100, 2_500));
      world.net.deliverSome(random, random.int(6));
    }

    // Everyone back on the relay (the LAN may be up or not): messages land, timers run, saves are said.
    for (const who of world.laptops) world.relayUp(who);
    for (let round = 0; round < 10; round++) {
      world.net.deliverAll();
      world.saveAll();
      await vi.advanceTimersByTimeAsync(2_000);
      world.net.deliverAll();
    }

    const hashes = world.laptops.map((who) => docHash(who.doc));
    expect(new Set(hashes).size, `seed ${seed}: ${hashes.join(' / ')}`).toBe(1);
    for (const who of world.laptops) {
      expect(who.doc.store.pendingStructs, `${who.id} has updates waiting for a missing predecessor`).toBeNull();
      expect(who.doc.store.pendingDs, `${who.id} has deletions waiting`).toBeNull();
      const final = Y.decodeStateVector(Y.encodeStateVector(who.doc));
      for (const mate of world.laptops) if (mate !== who) expect(covers(who.acks.get(mate.id), final), `${who.id} has no ack from ${mate.id} covering the final state`).toBe(true);
    }
    // Honest laptops never produce a blob the others refuse.
    expect(world.refused).toBe(0);
  });
});
