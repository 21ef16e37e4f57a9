// LanPeer with far more docs than a connection keeps sessions open for: every doc syncs both
// ways while the open sessions stay within their bound, a reconnect between peers already in
// sync opens none, a delete made offline (which adds no clock) still travels, and a live edit
// to a doc whose session was closed reaches the teammate. Content is compared by hash.
import { describe, expect, it } from 'vitest';
import { docHash } from '../support/doc-hash';
import { MemoryNet, type SimPeer } from '../support/lan-memory-net';

const LOCAL = Object.freeze({ source: 'local' as const });
const OPEN_SESSIONS = 8;

function write(peer: SimPeer, docId: string, key: string, value: string): void {
  const doc = peer.host.doc(docId);
  doc.transact(() => doc.getMap('m').set(key, value), LOCAL);
}

function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
}

/** Runs until nothing is in flight, returning the most sessions either peer had open on a connection meanwhile. */
async function settleWatchingSessions(net: MemoryNet): Promise<number> {
  let most = 0;
  for (let t = 0; t < 600_000; t += 20) {
    await net.run(20, 20);
    for (const peer of net.peers) for (const connection of peer.lan.openConnections()) most = Math.max(most, connection.openSessions);
    if (net.clock.idle) break;
  }
  return most;
}

function expectSameContent(a: SimPeer, b: SimPeer, docIds: readonly string[]): void {
  const differing = docIds.filter((id) => docHash(a.host.doc(id)) !== docHash(b.host.doc(id)));
  expect(differing).toEqual([]);
}

describe('LAN sync of many docs', () => {
  it('syncs 400 docs both ways, edited on both sides, with never more than the bound of sessions open', async () => {
    const net = new MemoryNet(3, 40, { openSessions: OPEN_SESSIONS });
    const [a, b] = [net.addPeer('p_a'), net.addPeer('p_b')];
    const [onlyA, onlyB, shared] = [ids('a', 250), ids('b', 100), ids('s', 50)];
    for (const id of onlyA) write(a, id, 'from', `A ${id}`);
    for (const id of onlyB) write(b, id, 'from', `B ${id}`);
    for (const id of shared) {
      write(a, id, 'a', id);
      write(b, id, 'b', id);
    }
    await net.settle();
    net.connect(a, b);
    const most = await settleWatchingSessions(net);
    const all = [...onlyA, ...onlyB, ...shared];
    expectSameContent(a, b, all);
    expect(b.host.doc('s0007').getMap('m').toJSON()).toEqual({ a: 's0007', b: 's0007' });
    expect(most).toBeLessThanOrEqual(OPEN_SESSIONS);
    for (const [peer, other] of [[a, 'p_b'], [b, 'p_a']] as const) {
      const [status] = await peer.lan.status();
      expect(status).toMatchObject({ peerId: other, connected: true, pendingChanges: 0 });
      expect(status?.syncedDocs).toBeGreaterThanOrEqual(status?.docs ?? Infinity);
    }
    expect(a.log.concat(b.log).filter((line) => line.includes('closing a LAN connection'))).toEqual([]);
  });

  it('a reconnect between peers already in sync opens no session and sends no doc content', async () => {
    const net = new MemoryNet(5, 40, { openSessions: OPEN_SESSIONS });
    const [a, b] = [net.addPeer('p_a'), net.addPeer('p_b')];
    for (const id of ids('d', 100)) write(a, id, 'k', `a long enough value for ${id} to be seen on the wire`.repeat(4));
    const first = net.connect(a, b);
    await net.settle();
    first.cut();
    await net.settle();
    const before = net.bytes;
    net.connect(a, b);
    const most = await settleWatchingSessions(net);
    expect(most).toBe(0);
    // Two pages of digests and the welcomes: about 40 bytes a doc, a fraction of one doc's content each.
    expect(net.bytes - before).toBeLessThan(100 * 60);
    expect((await a.lan.status())[0]).toMatchObject({ connected: true, pendingChanges: 0, syncedDocs: 100, docs: 100 });
  });

  it('a delete made while apart, which adds no clock, reaches the teammate on reconnect', async () => {
    const net = new MemoryNet(9, 40, { openSessions: OPEN_SESSIONS });
    const [a, b] = [net.addPeer('p_a'), net.addPeer('p_b')];
    for (const id of ids('d', 30)) write(a, id, 'k', id);
    write(a, 'd0003', 'gone', 'soon');
    const first = net.connect(a, b);
    await net.settle();
    first.cut();
    await net.settle();
    const doc = a.host.doc('d0003');
    doc.transact(() => doc.getMap('m').delete('gone'), LOCAL);
    net.connect(a, b);
    await net.settle();
    expect(b.host.doc('d0003').getMap('m').toJSON()).toEqual({ k: 'd0003' });
    expectSameContent(a, b, ids('d', 30));
  });

  it('a live edit to a doc whose session was closed to admit others reaches the teammate, either way', async () => {
    const net = new MemoryNet(13, 40, { openSessions: 2 });
    const [a, b] = [net.addPeer('p_a'), net.addPeer('p_b')];
    const docIds = ids('d', 40);
    for (const id of docIds) write(a, id, 'k', id);
    net.connect(a, b);
    await net.settle();
    write(a, 'd0000', 'live', 'from A');
    write(b, 'd0001', 'live', 'from B');
    await net.settle();
    expect(b.host.doc('d0000').getMap('m').get('live')).toBe('from A');
    expect(a.host.doc('d0001').getMap('m').get('live')).toBe('from B');
    expectSameContent(a, b, docIds);
    expect((await a.lan.status())[0]).toMatchObject({ pendingChanges: 0 });
  });
});
