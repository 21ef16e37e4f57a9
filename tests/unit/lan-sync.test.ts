// LanPeer on virtual time: duplicate connections settle on one, the same on both sides; bad
// input closes only the connection that sent it, counted, with every replica byte-identical;
// updates whose predecessors never come and silent peers are dropped after their bounds; and
// "pending" comes from what teammates acknowledged on disk, never from a timer.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { encodeWelcome, LanMessageType } from '../../electron/peer/lan/lan-messages';
import { preferConnection } from '../../electron/peer/lan/lan-peer';
import { encodeFrame, MessageType, readFrameHead } from '../../shared/protocol/frame';
import { docHash } from '../support/doc-hash';
import { fakeChannel, intruder, MemoryNet, type SimPeer } from '../support/lan-memory-net';

const LOCAL = Object.freeze({ source: 'local' as const });

function write(peer: SimPeer, docId: string, key: string, value: string): void {
  const doc = peer.host.doc(docId);
  doc.transact(() => doc.getMap('m').set(key, value), LOCAL);
}

describe('LanPeer', () => {
  it('keeps exactly one of two simultaneous connections between a pair, the same one on both sides', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const net = new MemoryNet(seed);
      const [a, b] = [net.addPeer('p_aaa'), net.addPeer('p_bbb')];
      net.connect(a, b);
      net.connect(b, a);
      await net.settle();
      expect(a.lan.connectedPeerIds()).toEqual(['p_bbb']);
      expect(b.lan.connectedPeerIds()).toEqual(['p_aaa']);
      write(a, 'd1', 'k', 'v');
      await net.settle();
      expect(docHash(b.host.doc('d1'))).toBe(docHash(a.host.doc('d1')));
    }
    const info = (initiatorPeerId: string, tiebreak: string) => ({ remotePeerId: 'p_b', initiatorPeerId, tiebreak, address: '', via: 'memory' as const });
    expect(preferConnection(info('p_a', 'ff'), info('p_b', '00'), 'p_a')).toBe(true);
    expect(preferConnection({ ...info('p_a', 'ff'), remotePeerId: 'p_a' }, { ...info('p_b', '00'), remotePeerId: 'p_a' }, 'p_b')).toBe(true);
    expect(preferConnection(info('p_a', '01'), info('p_a', '02'), 'p_a')).toBe(true);
  });

  it('relays what it has: A → hub → B converges though A and B never connect', async () => {
    const net = new MemoryNet(7);
    const [a, hub, b] = [net.addPeer('p_a'), net.addPeer('p_hub'), net.addPeer('p_b')];
    const first = net.connect(a, hub);
    write(a, 'w_ws', 'from', 'A');
    await net.settle();
    first.cut();
    await net.settle();
    net.connect(b, hub);
    await net.settle();
    expect(b.host.doc('w_ws').getMap('m').get('from')).toBe('A');
    const status = await b.lan.status();
    expect(status).toMatchObject([{ peerId: 'p_hub', memberId: 'm_p_hub', connected: true, pendingChanges: 0 }]);
  });

  it('closes only a connection that sends bad input, counts it, and leaves every replica byte-identical', async () => {
    const net = new MemoryNet(3);
    const [a, b] = [net.addPeer('p_a'), net.addPeer('p_b')];
    net.connect(a, b);
    write(a, 'd1', 'title', 'Grow weekly active users');
    await net.settle();
    const before = Buffer.from(Y.encodeStateAsUpdate(a.host.doc('d1'))).toString('hex');
    const bad = [
      new Uint8Array([0xff, 0xff, 0xff]),
      encodeFrame('d1', MessageType.sync, (e) => {
        encoding.writeVarUint(e, syncProtocol.messageYjsUpdate);
        encoding.writeVarUint8Array(e, new Uint8Array([1, 2, 3, 4, 5, 6, 7]));
      }),
      encodeFrame('d1', MessageType.sync, (e) => encoding.writeVarUint(e, 9)),
      encodeFrame('d1', LanMessageType.saved, (e) => encoding.writeVarUint8Array(e, new Uint8Array([200]))),
      // A second welcome.
      encodeWelcome({ memberId: null, device: null, docs: [] }),
      encodeFrame('', MessageType.sync, (e) => encoding.writeVarUint(e, 0)),
    ];
    // And a doc frame before any welcome.
    const unwelcome = encodeFrame('d1', MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc()));
    for (const [i, frame] of [...bad, unwelcome].entries()) {
      const channel = fakeChannel();
      const attachment = a.lan.attach(channel, intruder(`p_intruder${i}`));
      if (frame !== unwelcome) attachment?.receive(encodeWelcome({ memberId: null, device: null, docs: [] }));
      attachment?.receive(frame);
      await net.run(100);
      expect(channel.closedWith, `bad frame ${i}`).toEqual(['frame-rejected']);
    }
    expect(a.lan.protocolErrors).toBe(bad.length + 1);
    expect(Buffer.from(Y.encodeStateAsUpdate(a.host.doc('d1'))).toString('hex')).toBe(before);
    const reasons = a.log.flatMap((line) => /after bad input .*"reason":"([a-z-]+)"/.exec(line)?.[1] ?? []);
    expect(reasons).toEqual(['frame-malformed', 'update-rejected', 'sync-unknown-kind', 'state-vector-malformed', 'welcome-repeated', 'unexpected-connection-message', 'welcome-missing']);
    write(b, 'd1', 'title', 'Still syncing');
    await net.settle();
    expect(a.host.doc('d1').getMap('m').get('title')).toBe('Still syncing');
  });

  it('drops a connection whose updates leave predecessors missing past the bound, and a silent one after 30 s', async () => {
    const net = new MemoryNet(5, 40, { pendingStructsMs: 10_000 });
    const a = net.addPeer('p_a');
    const source = new Y.Doc();
    source.getMap('m').set('first', 1);
    const stateAfterFirst = Y.encodeStateVector(source);
    source.getMap('m').set('second', 2);
    const orphan = Y.encodeStateAsUpdate(source, stateAfterFirst);

    const channel = fakeChannel();
    const attachment = a.lan.attach(channel, intruder());
    attachment?.receive(encodeWelcome({ memberId: null, device: null, docs: [] }));
    attachment?.receive(encodeFrame('d1', MessageType.sync, (e) => syncProtocol.writeUpdate(e, orphan)));
    await net.run(8_000);
    expect(a.host.doc('d1').store.pendingStructs).not.toBeNull();
    expect(channel.closedWith).toEqual([]);
    await net.run(4_000);
    expect(channel.closedWith).toEqual(['frame-rejected']);
    expect(a.log.join('\n')).toMatch(/"reason":"pending-structs"/);

    const quiet = fakeChannel();
    a.lan.attach(quiet, intruder('p_quiet'))?.receive(encodeWelcome({ memberId: null, device: null, docs: [] }));
    await net.run(25_000);
    const pings = quiet.sent.filter((f) => f[0] === 0 && f[1] === LanMessageType.ping);
    expect(pings.length).toBeGreaterThanOrEqual(2);
    expect(quiet.closedWith).toEqual([]);
    await net.run(7_000);
    expect(quiet.closedWith).toEqual([undefined]);
    expect(a.log.join('\n')).toMatch(/lan connection dropped .*"reason":"silent"/);
  });

  it('relays back to its sender an update that unlocked updates parked from another peer', async () => {
    const net = new MemoryNet(13);
    const hub = net.addPeer('p_hub');
    const source = new Y.Doc();
    source.getMap('m').set('first', 'from A');
    const first = Y.encodeStateAsUpdate(source);
    const afterFirst = Y.encodeStateVector(source);
    source.getMap('m').set('second', 'from C');
    const second = Y.encodeStateAsUpdate(source, afterFirst);
    const [a, c] = [fakeChannel(), fakeChannel()];
    const [fromA, fromC] = [hub.lan.attach(a, intruder('p_a')), hub.lan.attach(c, intruder('p_c'))];
    for (const end of [fromA, fromC]) end?.receive(encodeWelcome({ memberId: null, device: null, docs: [] }));
    // C's update arrives first and is parked; A's, arriving next, unlocks it under A's origin.
    fromC?.receive(encodeFrame('d1', MessageType.sync, (e) => syncProtocol.writeUpdate(e, second)));
    await net.run(50);
    fromA?.receive(encodeFrame('d1', MessageType.sync, (e) => syncProtocol.writeUpdate(e, first)));
    await net.run(50);
    expect(hub.host.doc('d1').getMap('m').toJSON()).toEqual({ first: 'from A', second: 'from C' });
    const atA = new Y.Doc();
    Y.applyUpdate(atA, first);
    for (const frame of a.sent) {
      const head = readFrameHead(frame);
      if (head.docId !== 'd1' || head.type !== MessageType.sync) continue;
      syncProtocol.readSyncMessage(head.decoder, encoding.createEncoder(), atA, 'hub');
    }
    expect(atA.getMap('m').toJSON()).toEqual({ first: 'from A', second: 'from C' });
  });

  it('says the LAN changed when a doc finishes syncing, so the status a window was last sent is never left at "syncing"', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const net = new MemoryNet(seed);
      const [a, b] = [net.addPeer('p_a'), net.addPeer('p_b')];
      for (let i = 0; i < 6; i++) write(b, `d${i}`, 'k', `b${i}`);
      for (let i = 0; i < 3; i++) write(a, `d${i}`, 'a', `a${i}`);
      // What the window would be sent: the status read after each change the peer announces.
      const reads: Promise<{ syncedDocs: number; docs: number } | undefined>[] = [];
      a.lan.onDidChange(() => void reads.push(a.lan.status(false, true).then((s) => s[0])));
      net.connect(b, a);
      // B's window pushes edits it kept while away, to boards A has not seen, while the walk runs.
      await net.run(seed * 5, 5);
      write(b, 'd6', 'k', 'b6');
      b.lan.didOpenDoc('d6');
      await net.run(seed * 3, 5);
      write(b, 'd7', 'k', 'b7');
      b.lan.didOpenDoc('d7');
      await net.settle();
      expect(a.host.doc('d7').getMap('m').get('k')).toBe('b7');
      const now = (await a.lan.status(false))[0];
      expect(now?.syncedDocs).toBe(now?.docs);
      const lastSent = await reads.at(-1);
      expect({ seed, syncedDocs: lastSent?.syncedDocs, docs: lastSent?.docs }).toEqual({ seed, syncedDocs: now?.syncedDocs, docs: now?.docs });
    }
  });

  it('counts changes as pending until the teammate acknowledges them on its disk, however long that takes', async () => {
    const net = new MemoryNet(11);
    const [a, b] = [net.addPeer('p_a'), net.addPeer('p_b')];
    net.connect(a, b);
    write(a, 'd1', 'k', 'one');
    await net.settle();
    expect((await a.lan.status())[0]).toMatchObject({ peerId: 'p_b', pendingChanges: 0, syncedDocs: 1, docs: 1 });

    b.host.peer = null; // b keeps what it receives in memory but never says it is on disk
    // What a window would be sent: the status read after each change the peer announces.
    const sent: Promise<{ pendingChanges: number } | undefined>[] = [];
    a.lan.onDidChange(() => void sent.push(a.lan.status(false).then((s) => s[0])));
    write(a, 'd1', 'k2', 'two');
    await net.run(60_000);
    expect(b.host.doc('d1').getMap('m').get('k2')).toBe('two');
    const [status] = await a.lan.status();
    expect(status?.pendingChanges).toBeGreaterThan(0);
    expect(status?.pendingByDoc).toHaveProperty('d1');
    // The window is told: it does not go on saying "Up to date".
    expect((await sent.at(-1))?.pendingChanges).toBeGreaterThan(0);
  });
});
