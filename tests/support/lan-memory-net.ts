// A virtual-time network of in-process LAN peers for tests: real LanPeer instances over
// in-memory channels that keep each direction in order (as TCP does) with seeded random delays,
// links that can be cut mid-sync, and in-memory replicas. Nothing waits on a wall clock.
import * as Y from 'yjs';
import { createLogger } from '../../electron/peer/logger';
import type { LanChannel, LanConnectionInfo, LanDocHost, LanSyncLimits } from '../../electron/peer/lan/lan-connection';
import { LanPeer, type LanAttachment } from '../../electron/peer/lan/lan-peer';
import { SeededRandom } from '../bench/support/prng';

/** A channel the test holds the other end of: what the peer sent, and how it closed it. */
export function fakeChannel(): LanChannel & { sent: Uint8Array[]; closedWith: (string | undefined)[] } {
  const sent: Uint8Array[] = [];
  const closedWith: (string | undefined)[] = [];
  return { sent, closedWith, send: (frame) => void sent.push(frame), close: (reason) => void closedWith.push(reason) };
}

/** A connection from a peer the test plays (it speaks whatever frames the test gives it). */
export const intruder = (remotePeerId = 'p_intruder'): LanConnectionInfo => ({ remotePeerId, initiatorPeerId: remotePeerId, tiebreak: 'ff', address: 'mem:intruder', via: 'memory' });

/** Events run in time order (ties in scheduling order); microtasks drain after each. */
export class VirtualClock {
  now = 0;
  private seq = 0;
  private readonly events: { at: number; seq: number; run: () => void }[] = [];

  schedule(delay: number, run: () => void): void {
    this.events.push({ at: this.now + Math.max(0, delay), seq: this.seq++, run });
  }

  get idle(): boolean {
    return this.events.length === 0;
  }

  /** Runs every event due up to `now + ms`, then sets the clock there. */
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      await drainMicrotasks();
      let next = -1;
      for (let i = 0; i < this.events.length; i++) {
        const e = this.events[i] as { at: number; seq: number };
        const best = this.events[next];
        if (e.at <= until && (!best || e.at < best.at || (e.at === best.at && e.seq < best.seq))) next = i;
      }
      if (next < 0) break;
      const [event] = this.events.splice(next, 1);
      if (!event) break;
      this.now = Math.max(this.now, event.at);
      event.run();
    }
    this.now = until;
    await drainMicrotasks();
  }
}

export async function drainMicrotasks(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** In-memory replica: docs created on first open; "saved" as soon as changed. */
export class MemoryDocHost implements LanDocHost {
  readonly docs = new Map<string, Y.Doc>();
  peer: LanPeer | null = null;

  /** `random` picks each doc's Yjs client id, so a seed replays conflicts exactly. */
  constructor(private readonly random: SeededRandom) {}

  async listDocIds(): Promise<string[]> {
    return [...this.docs.keys()].sort();
  }

  holds(docId: string): boolean {
    return this.docs.has(docId);
  }

  async openDoc(docId: string): Promise<Y.Doc> {
    return this.doc(docId);
  }

  async savedStateVector(docId: string): Promise<Uint8Array> {
    return Y.encodeStateVector(this.doc(docId));
  }

  /** The doc, created (and announced to the peer) on first use. */
  doc(docId: string): Y.Doc {
    let doc = this.docs.get(docId);
    if (!doc) {
      const created = new Y.Doc({ guid: docId });
      created.clientID = 1 + this.random.int(2 ** 30);
      doc = created;
      this.docs.set(docId, created);
      created.on('update', () => queueMicrotask(() => this.peer?.didSave(docId, Y.encodeStateVector(created))));
      queueMicrotask(() => this.peer?.didOpenDoc(docId));
    }
    return doc;
  }
}

export interface SimPeer {
  readonly id: string;
  readonly host: MemoryDocHost;
  readonly lan: LanPeer;
  readonly log: string[];
}

interface Direction {
  lastAt: number;
  attachment: LanAttachment | null;
  buffered: Uint8Array[];
}

/** One simulated TCP connection `from` dialled to `to`, opened on each side after a handshake delay. */
export class MemoryLink {
  closed = false;
  private readonly ends: [Direction, Direction] = [{ lastAt: 0, attachment: null, buffered: [] }, { lastAt: 0, attachment: null, buffered: [] }];

  constructor(
    private readonly net: MemoryNet,
    readonly from: SimPeer,
    readonly to: SimPeer,
  ) {
    const tiebreak = net.random.id();
    const sides: [SimPeer, SimPeer][] = [[from, to], [to, from]];
    sides.forEach(([local, remote], index) => {
      net.clock.schedule(net.random.int(net.maxDelayMs), () => {
        if (this.closed) return;
        const channel: LanChannel = { send: (frame) => this.send(index, frame), close: () => this.cut() };
        const attachment = local.lan.attach(channel, { remotePeerId: remote.id, initiatorPeerId: from.id, tiebreak, address: `mem:${remote.id}`, via: 'memory' });
        const end = this.ends[index] as Direction;
        end.attachment = attachment;
        if (this.closed) attachment?.didClose();
        for (const frame of end.buffered.splice(0)) attachment?.receive(frame);
      });
    });
  }

  /** Closes both ends, each after its own delay; frames in flight are lost. */
  cut(): void {
    if (this.closed) return;
    this.closed = true;
    for (const end of this.ends) this.net.clock.schedule(this.net.random.int(this.net.maxDelayMs), () => end.attachment?.didClose());
  }

  private send(fromIndex: number, frame: Uint8Array): void {
    if (this.closed) return;
    const to = this.ends[1 - fromIndex] as Direction;
    const direction = this.ends[fromIndex] as Direction;
    const at = Math.max(direction.lastAt, this.net.clock.now + this.net.random.int(this.net.maxDelayMs));
    direction.lastAt = at;
    this.net.bytes += frame.byteLength;
    this.net.clock.schedule(at - this.net.clock.now, () => {
      if (this.closed) return;
      if (to.attachment) to.attachment.receive(frame);
      else to.buffered.push(frame);
    });
  }
}

/** Peers, links and a virtual clock driven by one seed. */
export class MemoryNet {
  readonly clock = new VirtualClock();
  readonly random: SeededRandom;
  readonly peers: SimPeer[] = [];
  readonly links = new Set<MemoryLink>();
  bytes = 0;

  constructor(
    seed: number,
    readonly maxDelayMs = 40,
    private readonly limits: Partial<LanSyncLimits> = {},
  ) {
    this.random = new SeededRandom(seed);
  }

  addPeer(id: string): SimPeer {
    const host = new MemoryDocHost(this.random);
    const log: string[] = [];
    const logger = createLogger((line) => log.push(line));
    const lan = new LanPeer({ peerId: id, memberId: () => `m_${id}`, device: null, host, logger, now: () => this.clock.now, limits: this.limits, autoTick: false });
    host.peer = lan;
    const peer = { id, host, lan, log };
    this.peers.push(peer);
    return peer;
  }

  connect(from: SimPeer, to: SimPeer): MemoryLink {
    const link = new MemoryLink(this, from, to);
    this.links.add(link);
    return link;
  }

  /** Cuts every open link between `a` and `b`. */
  partition(a: SimPeer, b: SimPeer): void {
    for (const link of this.links) if ((link.from === a && link.to === b) || (link.from === b && link.to === a)) link.cut();
  }

  /** Advances virtual time in steps, running each peer's liveness tick every second. */
  async run(ms: number, step = 50): Promise<void> {
    for (let t = 0; t < ms; t += step) {
      const before = Math.floor(this.clock.now / 1_000);
      await this.clock.advance(step);
      if (Math.floor(this.clock.now / 1_000) !== before) for (const peer of this.peers) peer.lan.tick();
      for (const link of [...this.links]) if (link.closed) this.links.delete(link);
    }
  }

  /** Runs until nothing is in flight (or `maxMs` passes). */
  async settle(maxMs = 60_000): Promise<void> {
    const started = this.clock.now;
    while (this.clock.now - started < maxMs) {
      await this.run(100);
      if (this.clock.idle) return;
    }
  }
}
