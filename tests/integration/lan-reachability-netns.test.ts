// The dial-back check across two network namespaces (veth): with an nftables rule in A's
// namespace dropping TCP to A's LAN port, B's dial-back reports A "not reachable" (timed out)
// while A's own connection to B carries sync both ways; B is reachable from A. Needs root and
// `ip netns`; skipped otherwise with the reason printed.
import { describe, expect, it } from 'vitest';
import { networkStatusSchema } from '../../shared/api/network';
import { addGoal, converged, eventually, goalTitles, inviteOf, joinedWorkspace, withAddresses } from './support/lan-hubs';
import type { LinkTestClient } from './support/link-test-client';
import { netnsTestBed, netnsUnavailableReason, type NsHub } from './support/netns';

const unavailable = netnsUnavailableReason();
if (unavailable) console.warn(`lan-reachability-netns: skipped: ${unavailable}`);

const bed = netnsTestBed();

async function healthOf(hub: NsHub): Promise<{ peerId: string; peers: { peerId: string }[] }> {
  return (await fetch(`http://127.0.0.1:${hub.port}/healthz`)).json() as Promise<{ peerId: string; peers: { peerId: string }[] }>;
}

async function checkAgain(c: LinkTestClient) {
  const response = (await c.request('check-reachability', {})) as { ok: boolean; value: unknown };
  expect(response.ok).toBe(true);
  return networkStatusSchema.parse(response.value).reachability;
}

describe.skipIf(unavailable !== null)('LAN port reachability across network namespaces', () => {
  it('a firewall dropping TCP to A’s port: B’s dial-back says A is not reachable, while A’s connection to B still syncs', async () => {
    const lab = bed.lab();
    const [nodeA, nodeB] = lab.nodes;
    const b = await lab.hub(nodeB, { create: 'Ops & Product' });
    const invite = withAddresses(await inviteOf(b), [`${nodeB.address}:${b.lanPort}`]);
    // Teammates' connects to A's LAN port are dropped, as a laptop firewall would; A's own dials out are not.
    // The rule is in place before A starts, so no dial-back of A ever gets through (one that did
    // would stand while a later check is rate-limited or unanswered).
    const aLanPort = 41_100;
    lab.exec(nodeA, ['nft', 'add', 'table', 'inet', 'tdm_drop_lan']);
    lab.exec(nodeA, ['nft', 'add', 'chain', 'inet', 'tdm_drop_lan', 'in', '{ type filter hook input priority 0 ; policy accept ; }']);
    lab.exec(nodeA, ['nft', 'add', 'rule', 'inet', 'tdm_drop_lan', 'in', 'tcp', 'dport', String(aLanPort), 'counter', 'drop']);
    const a = await lab.hub(nodeA, { join: invite, lanPort: aLanPort });
    const [idA, idB] = [(await healthOf(a)).peerId, (await healthOf(b)).peerId];
    await eventually(async () => (await healthOf(a)).peers.some((p) => p.peerId === idB), () => `A never connected to B:\n${a.output()}`, 15_000);

    const [ca, cb] = [await bed.client(a), await bed.client(b)];
    const fromA = await checkAgain(ca);
    expect(fromA?.fromTeammates).toEqual([{ peerId: idB, address: `${nodeA.address}:${a.lanPort}`, result: 'timeout', checkedAt: expect.any(Number) }]);
    const fromB = await checkAgain(cb);
    expect(fromB?.fromTeammates).toEqual([{ peerId: idA, address: `${nodeB.address}:${b.lanPort}`, result: 'reachable', checkedAt: expect.any(Number) }]);
    expect(fromB?.self).toEqual([{ address: `${nodeB.address}:${b.lanPort}`, result: 'reachable', checkedAt: expect.any(Number) }]);

    // The connection A made still carries sync both ways.
    const { workspaceId, boardId, memberId } = await joinedWorkspace(cb);
    await joinedWorkspace(ca);
    await addGoal(cb, boardId, 'Made in namespace B', memberId);
    await eventually(() => goalTitles(ca, boardId).includes('Made in namespace B'), () => 'B’s edit never reached A');
    await addGoal(ca, boardId, 'Made in namespace A', memberId);
    await converged([ca, cb], workspaceId);
    expect(lab.exec(nodeA, ['nft', 'list', 'table', 'inet', 'tdm_drop_lan'])).toMatch(/counter packets [1-9]/);
  });
});
