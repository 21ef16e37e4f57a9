// The peer's presence relay with fake sources and a fake clock: a source claims new client ids
// within its cap and may speak only for those; clocks follow y-protocols; a closed source's
// clients are removed everywhere; silent clients expire; links hear everyone, teammates' peers
// hear only this peer's windows (no LAN-to-LAN relay). Also the LAN connection's wiring.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type PresenceState } from '../../shared/api/presence';
import { encodeFrame, MessageType, readFrameHead } from '../../shared/protocol/frame';
import { encodePresenceFrame, encodePresenceQueryFrame, encodePresenceUpdate, readPresencePayload, type PresenceEntry, type ValidPresenceEntry } from '../../shared/protocol/presence-codec';
import { createLogger } from '../../electron/peer/logger';
import type { LanChannel } from '../../electron/peer/lan/lan-connection';
import { encodeWelcome } from '../../electron/peer/lan/lan-messages';
import { LanPeer } from '../../electron/peer/lan/lan-peer';
import { PresenceHub, type PresenceMembership } from '../../electron/peer/presence-hub';
import { drainMicrotasks } from '../support/lan-memory-net';

const state = (memberId: string, boardId: string | null = 'b_goals'): PresenceState => ({ memberId, boardId, itemId: null, field: null });

class FakeSource {
  readonly frames: Uint8Array[] = [];
  readonly membership: PresenceMembership;

  constructor(hub: PresenceHub, readonly kind: 'link' | 'lan', readonly name: string) {
    this.membership = hub.join({ kind, name, send: (frame) => void this.frames.push(frame) });
  }

  say(entries: ValidPresenceEntry[] | PresenceEntry[]): void {
    const { decoder } = readFrameHead(encodePresenceFrame(encodePresenceUpdate(entries as ValidPresenceEntry[])));
    this.membership.receive(decoder);
  }

  /** Every update received, one array of entries per frame; clears them. */
  take(): PresenceEntry[][] {
    return this.frames.splice(0).map((frame) => {
      const { docId, type, decoder } = readFrameHead(frame);
      expect([docId, type]).toEqual(['', MessageType.awareness]);
      return readPresencePayload(decoder);
    });
  }
}

function setup() {
  const clock = { now: 1_000_000 };
  const log: string[] = [];
  const hub = new PresenceHub({ logger: createLogger((line) => log.push(line)), now: () => clock.now, autoExpire: false });
  return { hub, clock, log, source: (kind: 'link' | 'lan', name: string) => new FakeSource(hub, kind, name) };
}

describe('PresenceHub', () => {
  it('a teammate cannot knock windows offline with a huge clock, silence a window by taking its id, or flood', () => {
    const { hub, clock, source } = setup();
    const [win, other, lan] = [source('link', 'win'), source('link', 'other'), source('lan', 'p_evil')];
    // A clock past the limit is refused; one at the limit is removed later at that same clock, never past it.
    lan.say([{ clientId: 21, clock: 2 ** 53 - 1, state: state('m_evil') }, { clientId: 22, clock: 2 ** 32, state: state('m_evil') }]);
    expect(hub.states().has(21)).toBe(false);
    other.take();
    lan.membership.leave();
    expect(other.take()).toEqual([[{ clientId: 22, clock: 2 ** 32, state: null }]]);

    // A window whose link drops gets its id back on reconnecting: a teammate cannot take it meanwhile.
    const lan2 = source('lan', 'p_evil2');
    win.say([{ clientId: 31, clock: 1, state: state('m_mei') }]);
    win.membership.leave();
    lan2.say([{ clientId: 31, clock: 50, state: state('m_evil') }]);
    expect(hub.states().has(31)).toBe(false);
    const winAgain = source('link', 'win-again');
    winAgain.say([{ clientId: 31, clock: 2, state: state('m_mei') }]);
    expect(hub.states().get(31)).toMatchObject({ clock: 2, source: 'win-again', state: state('m_mei') });

    // 1,000 updates of one client in the same instant: a burst of 20 passes, the rest is dropped; a second later it flows again.
    other.take();
    for (let i = 3; i < 1_003; i++) winAgain.say([{ clientId: 31, clock: i, state: state('m_mei', `b_${i}`) }]);
    expect(other.take()).toHaveLength(19);
    clock.now += 1_000;
    winAgain.say([{ clientId: 31, clock: 2_000, state: state('m_mei', 'b_last') }]);
    expect(other.take()).toEqual([[{ clientId: 31, clock: 2_000, state: state('m_mei', 'b_last') }]]);
  });

  it('a link claims a new client id and its updates reach every other link and every LAN connection at once, one frame per update', () => {
    const { hub, source } = setup();
    const [a, b, lan1, lan2] = [source('link', 'a'), source('link', 'b'), source('lan', 'p_1'), source('lan', 'p_2')];
    a.say([{ clientId: 11, clock: 1, state: state('m_ada') }]);
    for (const other of [b, lan1, lan2]) expect(other.take()).toEqual([[{ clientId: 11, clock: 1, state: state('m_ada') }]]);
    expect(a.take()).toEqual([]);
    // A keep-alive renewal (same state, next clock) is forwarded too: it is what proves the window is alive.
    a.say([{ clientId: 11, clock: 2, state: state('m_ada') }]);
    expect(b.take()).toEqual([[{ clientId: 11, clock: 2, state: state('m_ada') }]]);
    expect(hub.states().get(11)).toMatchObject({ clock: 2, source: 'a' });
  });

  it('an awareness update claiming another client\'s id is ignored, counted and logged once; the sender keeps speaking for its own ids', () => {
    const { hub, source, log } = setup();
    const [a, mallory, lan, b] = [source('link', 'a'), source('link', 'mallory'), source('lan', 'p_evil'), source('link', 'b')];
    a.say([{ clientId: 11, clock: 1, state: state('m_ada') }]);
    b.take();
    mallory.say([{ clientId: 11, clock: 99, state: state('m_mallory', 'b_other') }, { clientId: 12, clock: 1, state: state('m_mallory') }]);
    mallory.say([{ clientId: 11, clock: 100, state: null }]);
    lan.say([{ clientId: 11, clock: 101, state: state('m_evil') }]);
    // Only Mallory's own client went through.
    expect(b.take()).toEqual([[{ clientId: 12, clock: 1, state: state('m_mallory') }]]);
    expect(hub.states().get(11)).toMatchObject({ clock: 1, state: state('m_ada'), source: 'a' });
    expect(hub.stats()).toEqual({ clients: 2, rejected: 3, invalid: 0 });
    expect(log.filter((l) => l.includes('another connection owns'))).toHaveLength(2);
    mallory.say([{ clientId: 12, clock: 2, state: state('m_mallory', null) }]);
    expect(b.take()).toEqual([[{ clientId: 12, clock: 2, state: state('m_mallory', null) }]]);
  });

  it('follows y-protocols clocks: an older or equal clock is ignored, the same clock with a null state removes', () => {
    const { hub, source } = setup();
    const [a, b] = [source('link', 'a'), source('link', 'b')];
    a.say([{ clientId: 11, clock: 5, state: state('m_ada') }]);
    a.say([{ clientId: 11, clock: 4, state: state('m_ada', 'b_old') }]);
    a.say([{ clientId: 11, clock: 5, state: state('m_ada', 'b_same') }]);
    expect(hub.states().get(11)?.state).toEqual(state('m_ada'));
    a.say([{ clientId: 11, clock: 5, state: null }]);
    expect(hub.states().has(11)).toBe(false);
    // The removal of a client nobody knows changes nothing and is not forwarded.
    a.say([{ clientId: 99, clock: 1, state: null }]);
    expect(b.take()).toEqual([[{ clientId: 11, clock: 5, state: state('m_ada') }], [{ clientId: 11, clock: 5, state: null }]]);
  });

  it('ignores and counts states off the schema, without closing anything or claiming the id', () => {
    const { hub, source } = setup();
    const [a, b] = [source('link', 'a'), source('link', 'b')];
    a.say([{ clientId: 11, clock: 0, state: {} as PresenceState }, { clientId: 12, clock: 1, state: { ...state('m_ada'), name: 'Admin' } as PresenceState }]);
    expect(hub.stats()).toEqual({ clients: 0, rejected: 0, invalid: 2 });
    expect(b.take()).toEqual([]);
    b.say([{ clientId: 11, clock: 1, state: state('m_bo') }]);
    expect(hub.states().get(11)).toMatchObject({ source: 'b' });
  });

  it('caps the client ids one link and one LAN connection may claim', () => {
    const { hub, source } = setup();
    const link = source('link', 'a');
    const lan = source('lan', 'p_1');
    const entries = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ clientId: from + i, clock: 1, state: state('m_x') }));
    link.say(entries(1, 20));
    lan.say(entries(1_000, 300));
    expect([...hub.states().values()].filter((s) => s.source === 'a')).toHaveLength(16);
    expect([...hub.states().values()].filter((s) => s.source === 'p_1')).toHaveLength(256);
    expect(hub.stats().rejected).toBe(4 + 44);
    // A removed client frees its place.
    link.say([{ clientId: 1, clock: 2, state: null }, { clientId: 50, clock: 1, state: state('m_x') }]);
    expect(hub.states().get(50)).toMatchObject({ source: 'a' });
  });

  it('removes a closed source\'s clients and tells the others with a newer clock', () => {
    const { hub, source } = setup();
    const [a, b, lan] = [source('link', 'a'), source('link', 'b'), source('lan', 'p_1')];
    a.say([{ clientId: 11, clock: 3, state: state('m_ada') }, { clientId: 12, clock: 7, state: state('m_ada') }]);
    lan.say([{ clientId: 21, clock: 1, state: state('m_bo') }]);
    b.take();
    lan.take();
    a.membership.leave();
    expect(b.take()).toEqual([[{ clientId: 11, clock: 4, state: null }, { clientId: 12, clock: 8, state: null }]]);
    expect(lan.take()).toEqual([[{ clientId: 11, clock: 4, state: null }, { clientId: 12, clock: 8, state: null }]]);
    lan.membership.leave();
    expect(b.take()).toEqual([[{ clientId: 21, clock: 2, state: null }]]);
    expect(hub.stats().clients).toBe(0);
    // What a source says after it left is dropped.
    a.say([{ clientId: 13, clock: 1, state: state('m_ada') }]);
    expect(hub.stats().clients).toBe(0);
  });

  it('expires a client not renewed within 30 s; a renewing client never expires', () => {
    const { hub, source, clock } = setup();
    const [a, b] = [source('link', 'a'), source('link', 'b')];
    a.say([{ clientId: 11, clock: 1, state: state('m_ada') }, { clientId: 12, clock: 1, state: state('m_ada') }]);
    for (let t = 1; t <= 8; t++) {
      clock.now += 15_000;
      a.say([{ clientId: 12, clock: 1 + t, state: state('m_ada') }]);
      hub.expire();
    }
    expect(hub.states().has(11)).toBe(false);
    expect(hub.states().has(12)).toBe(true);
    expect(b.take().flat().filter((e) => e.clientId === 11)).toEqual([{ clientId: 11, clock: 1, state: state('m_ada') }, { clientId: 11, clock: 2, state: null }]);
  });

  it('does not relay LAN to LAN: a teammate\'s clients reach this peer\'s links only', () => {
    const { source } = setup();
    const [link, lan1, lan2] = [source('link', 'a'), source('lan', 'p_1'), source('lan', 'p_2')];
    lan1.say([{ clientId: 21, clock: 1, state: state('m_bo') }]);
    expect(link.take()).toHaveLength(1);
    expect(lan2.take()).toEqual([]);
    lan1.membership.leave();
    expect(link.take()).toEqual([[{ clientId: 21, clock: 2, state: null }]]);
    expect(lan2.take()).toEqual([]);
  });

  it('sends a new link every known state, and a LAN connection only this peer\'s windows', () => {
    const { hub, source } = setup();
    const [a, lan1] = [source('link', 'a'), source('lan', 'p_1')];
    a.say([{ clientId: 11, clock: 2, state: state('m_ada') }]);
    lan1.say([{ clientId: 21, clock: 5, state: state('m_bo') }]);
    const late = source('link', 'late');
    late.membership.sendKnown();
    expect(late.take()).toEqual([[{ clientId: 11, clock: 2, state: state('m_ada') }, { clientId: 21, clock: 5, state: state('m_bo') }]]);
    const lan2 = source('lan', 'p_2');
    lan2.membership.sendKnown();
    expect(lan2.take()).toEqual([[{ clientId: 11, clock: 2, state: state('m_ada') }]]);
    // Nobody hears their own clients back.
    a.take();
    a.membership.sendKnown();
    expect(a.take()).toEqual([[{ clientId: 21, clock: 5, state: state('m_bo') }]]);
    expect(hub.stats().clients).toBe(2);
  });
});

describe('presence over a LAN sync connection', () => {
  function lanPeer(hub: PresenceHub) {
    const docs = new Map<string, Y.Doc>();
    const host = {
      listDocIds: async () => [...docs.keys()],
      openDoc: async (id: string) => docs.get(id) ?? docs.set(id, new Y.Doc({ guid: id })).get(id) as Y.Doc,
      savedStateVector: async (id: string) => Y.encodeStateVector(docs.get(id) ?? new Y.Doc()),
    };
    return new LanPeer({ peerId: 'p_me', memberId: () => 'm_me', device: null, host, logger: createLogger(() => undefined), autoTick: false, joinPresence: (s) => hub.join(s) });
  }
  const channel = (): LanChannel & { sent: Uint8Array[]; closedWith: (string | undefined)[] } => {
    const sent: Uint8Array[] = [];
    const closedWith: (string | undefined)[] = [];
    return { sent, closedWith, send: (f) => void sent.push(f), close: (r) => void closedWith.push(r) };
  };
  const info = (id: string) => ({ remotePeerId: id, initiatorPeerId: id, tiebreak: 'ff', address: `mem:${id}`, via: 'memory' as const });
  const awarenessOf = (frames: Uint8Array[]) => frames.map((f) => readFrameHead(f)).filter((h) => h.docId === '' && h.type === MessageType.awareness).map((h) => readPresencePayload(h.decoder));

  it('joins the relay only after the welcome, sends this peer\'s windows then, answers a query, and closes on bad bytes or presence before the welcome', async () => {
    const { hub, source } = setup();
    const lan = lanPeer(hub);
    const window = source('link', 'w');
    window.say([{ clientId: 11, clock: 1, state: state('m_me') }]);

    const early = channel();
    const earlyEnd = lan.attach(early, info('p_early'));
    earlyEnd?.receive(encodePresenceFrame(encodePresenceUpdate([{ clientId: 31, clock: 1, state: state('m_x') }])));
    await drainMicrotasks();
    expect(early.closedWith).toEqual(['frame-rejected']);

    const good = channel();
    const goodEnd = lan.attach(good, info('p_good'));
    await drainMicrotasks();
    expect(awarenessOf(good.sent)).toEqual([]);
    goodEnd?.receive(encodeWelcome({ memberId: 'm_bo', device: null, docs: [] }));
    await drainMicrotasks();
    expect(awarenessOf(good.sent.splice(0))).toEqual([[{ clientId: 11, clock: 1, state: state('m_me') }]]);
    goodEnd?.receive(encodePresenceFrame(encodePresenceUpdate([{ clientId: 21, clock: 1, state: state('m_bo') }])));
    goodEnd?.receive(encodePresenceQueryFrame());
    // Per-doc awareness (a y-websocket client's) is ignored, not fatal.
    goodEnd?.receive(encodeFrame('d1', MessageType.awareness, (e) => e));
    await drainMicrotasks();
    expect(window.take()).toEqual([[{ clientId: 21, clock: 1, state: state('m_bo') }]]);
    expect(awarenessOf(good.sent.splice(0))).toEqual([[{ clientId: 11, clock: 1, state: state('m_me') }]]);
    expect(good.closedWith).toEqual([]);

    goodEnd?.receive(encodeFrame('', MessageType.awareness, (e) => e.bufs.push(new Uint8Array([4, 1, 1, 1, 1]))));
    await drainMicrotasks();
    expect(good.closedWith).toEqual(['frame-rejected']);
    expect(window.take()).toEqual([[{ clientId: 21, clock: 2, state: null }]]);
    expect(lan.protocolErrors).toBe(2);
    lan.stop();
  });
});
