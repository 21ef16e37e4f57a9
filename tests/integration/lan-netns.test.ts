// Discovery between real peer processes in two network namespaces the test makes itself,
// joined by a veth pair (addresses that exist only inside them): with multicast working the
// peers find each other by mDNS alone (the invite carries no address) and sync; with mDNS
// multicast dropped by an nftables rule in one namespace they find no one within a bounded
// wait, and a manual `--peer` address connects them. Needs root and `ip netns`; skipped
// otherwise with the reason printed.
import { describe, expect, it } from 'vitest';
import { discoveryTag } from '../../electron/peer/lan/keys';
import { decodeInvite } from '../../shared/lan/invite';
import { addGoal, converged, eventually, goalTitles, inviteOf, joinedWorkspace, withAddresses } from './support/lan-hubs';
import { netnsTestBed, netnsUnavailableReason, type NsHub } from './support/netns';

const unavailable = netnsUnavailableReason();
if (unavailable) console.warn(`lan-netns: skipped: ${unavailable}`);

const FOUND_BY_MDNS = /lan peer found by mDNS/;
/** How long peers that cannot see each other's multicast are watched for a connection. */
const NO_DISCOVERY_WAIT_MS = 8_000;

const bed = netnsTestBed();

interface Health {
  peerId: string;
  workspaceId: string | null;
  lanPort: number;
  peers: { peerId: string; address: string; via: string; pendingChanges: number }[];
  discovery?: unknown;
}

/** /healthz of a hub in a namespace, through its portal. */
async function health(hub: NsHub): Promise<Health> {
  return (await fetch(`http://127.0.0.1:${hub.port}/healthz`)).json() as Promise<Health>;
}

const peerIds = async (hub: NsHub) => (await health(hub)).peers.map((p) => p.peerId);

describe.skipIf(unavailable !== null)('LAN discovery across network namespaces (veth, mDNS)', () => {
  it('two peers find each other by mDNS alone, connect and sync', async () => {
    const lab = bed.lab();
    const [nodeA, nodeB] = lab.nodes;
    const a = await lab.hub(nodeA, { create: 'Ops & Product' });
    // The invite carries no address: only mDNS can tell B where A is.
    const invite = withAddresses(await inviteOf(a), []);
    const b = await lab.hub(nodeB, { join: invite });
    const [idA, idB] = [(await health(a)).peerId, (await health(b)).peerId];

    await eventually(
      async () => (await peerIds(a)).includes(idB) && (await peerIds(b)).includes(idA),
      () => `the peers never connected:\n--- A\n${a.output()}\n--- B\n${b.output()}`,
      20_000,
    );
    expect(a.output() + b.output()).toMatch(FOUND_BY_MDNS);
    const [healthA, healthB] = [await health(a), await health(b)];
    expect(healthB.workspaceId).toBe(healthA.workspaceId);
    // The side that dialled found the other by mDNS; the other saw it come in.
    expect([...healthA.peers, ...healthB.peers].map((p) => p.via).sort()).toEqual(['inbound', 'mdns']);
    const dialled = [...healthA.peers, ...healthB.peers].find((p) => p.via === 'mdns');
    expect([`${nodeA.address}:${a.lanPort}`, `${nodeB.address}:${b.lanPort}`]).toContain(dialled?.address);

    // The diagnostics on B's network: multicast works, and A's peer is found under the workspace's tag.
    const tag = discoveryTag(decodeInvite(invite).secret);
    const seenFromB = await lab.discoveryDiagnostics(nodeB, tag);
    expect(seenFromB).toMatchObject({ enabled: true, interfaces: [{ name: nodeB.dev, address: nodeB.address }], mdnsResponseSeen: true, errors: [] });
    expect(seenFromB.peersFound).toBeGreaterThanOrEqual(1);

    const [ca, cb] = [await bed.client(a), await bed.client(b)];
    const { workspaceId, boardId, memberId } = await joinedWorkspace(ca);
    expect(workspaceId).toBe(healthA.workspaceId);
    await joinedWorkspace(cb);
    await addGoal(ca, boardId, 'Made in namespace A', memberId);
    await eventually(() => goalTitles(cb, boardId).includes('Made in namespace A'), () => 'A’s edit never reached B');
    await addGoal(cb, boardId, 'Made in namespace B', memberId);
    await converged([ca, cb], workspaceId);
    expect(goalTitles(ca, boardId)).toEqual(['Made in namespace A', 'Made in namespace B']);
  });

  it('a peer that joins the network after it started is found once its interface comes up', async () => {
    const lab = bed.lab();
    const [nodeA, nodeB] = lab.nodes;
    lab.unplug(nodeB);
    const a = await lab.hub(nodeA, { create: 'Ops & Product' });
    const b = await lab.hub(nodeB, { join: withAddresses(await inviteOf(a), []) });
    await b.waitForOutput(/no network interface for discovery/);
    const [idA, idB] = [(await health(a)).peerId, (await health(b)).peerId];
    lab.plug(nodeB);
    // Interfaces are polled every 5 s; the new one gets an advert and a query.
    await eventually(
      async () => (await peerIds(a)).includes(idB) && (await peerIds(b)).includes(idA),
      () => `the peers never connected after B's interface came up:\n--- A\n${a.output()}\n--- B\n${b.output()}`,
      20_000,
    );
    expect(b.output()).toMatch(/lan interfaces changed; discovering again/);
    expect(a.output() + b.output()).toMatch(FOUND_BY_MDNS);
  });

  it('with mDNS multicast dropped they do not find each other, and a manual address connects them', async () => {
    const lab = bed.lab();
    const [nodeA, nodeB] = lab.nodes;
    lab.dropMulticast(nodeB);
    const a = await lab.hub(nodeA, { create: 'Ops & Product' });
    const invite = withAddresses(await inviteOf(a), []);
    const bDir = lab.dataDir();
    let b = await lab.hub(nodeB, { dataDir: bDir, join: invite });
    const [idA, idB] = [(await health(a)).peerId, (await health(b)).peerId];
    const foundByMdns = (hub: NsHub, peerId: string) => hub.output().includes(`lan peer found by mDNS {"peerId":"${peerId}"`);

    // The diagnostics panel's view of each namespace's network, taken meanwhile.
    const tag = discoveryTag(decodeInvite(invite).secret);
    const diagnostics = Promise.all([nodeA, nodeB].map((node) => lab.discoveryDiagnostics(node, tag, 4_000)));
    // Bounded: watched for a fixed time, polling /healthz; nobody may connect.
    const until = Date.now() + NO_DISCOVERY_WAIT_MS;
    while (Date.now() < until) {
      expect((await health(a)).peers).toEqual([]);
      expect((await health(b)).peers).toEqual([]);
      await new Promise((r) => setTimeout(r, 250));
    }
    // mDNS was tried and the rule dropped it; neither peer found or heard anyone.
    expect(lab.droppedMulticast(nodeB)).toBeGreaterThan(0);
    expect(foundByMdns(a, idB)).toBe(false);
    expect(foundByMdns(b, idA)).toBe(false);
    // The diagnostics say so on both sides: no mDNS answer from another machine. (In A's namespace
    // the probe does find hub A, on the same "machine", over multicast loopback; in B's nothing.)
    const [seenFromA, seenFromB] = await diagnostics;
    for (const [node, seen] of [[nodeA, seenFromA], [nodeB, seenFromB]] as const) {
      expect(seen).toMatchObject({ enabled: true, interfaces: [{ name: node.dev, address: node.address }], mdnsResponseSeen: false, lastResponseAt: null, errors: [] });
    }
    expect(seenFromB?.peersFound).toBe(0);
    // (The hub does not serve them over HTTP: when /healthz gains them, they must agree.)
    const healthB = await health(b);
    if ('discovery' in healthB) expect(healthB).toMatchObject({ discovery: { mdnsResponseSeen: false, peersFound: 0 } });

    // The same peer B, restarted with A's address given by hand.
    await b.stop();
    b = await lab.hub(nodeB, { dataDir: bDir, peers: [`${nodeA.address}:${a.lanPort}`] });
    expect((await health(b)).peerId).toBe(idB);
    await eventually(
      async () => (await peerIds(a)).includes(idB) && (await peerIds(b)).includes(idA),
      () => `the manual address never connected them:\n--- A\n${a.output()}\n--- B\n${b.output()}`,
      20_000,
    );
    const seenByB = (await health(b)).peers.find((p) => p.peerId === idA);
    expect(seenByB).toMatchObject({ via: 'manual', address: `${nodeA.address}:${a.lanPort}` });
    expect(foundByMdns(b, idA)).toBe(false);
    const [ca, cb] = [await bed.client(a), await bed.client(b)];
    const { workspaceId } = await joinedWorkspace(ca);
    await joinedWorkspace(cb);
    await converged([ca, cb], workspaceId);
  });
});
