// Whether this laptop's LAN port is reachable, between real peer processes on loopback: each
// hub's self-check connects to the address it listens on, and each asks the other to dial it
// back over their sync connection; /healthz and the link's network status say "reachable" with
// when it was checked, and "Check again" (`check-reachability`) checks anew.
import { afterEach, describe, expect, it } from 'vitest';
import { networkStatusSchema } from '../../shared/api/network';
import { eventually, inviteOf, joinedWorkspace, LanTestBed } from './support/lan-hubs';
import type { RunningHub } from '../support/hub';

const bed = new LanTestBed();
afterEach(() => bed.cleanup());

interface Check {
  address: string;
  result: string;
  checkedAt: number;
  peerId?: string;
}
interface Reach {
  peerId: string;
  reachability: { checking: boolean; checkedAt: number | null; self: Check[]; fromTeammates: Check[] } | null;
}

async function reach(hub: RunningHub): Promise<Reach> {
  return (await fetch(`http://127.0.0.1:${hub.port}/healthz`)).json() as Promise<Reach>;
}

describe('LAN port reachability between peer processes', () => {
  it('the self-check and the teammate’s dial-back both report the port reachable', async () => {
    const a = await bed.hub({ create: 'Ops & Product' });
    const b = await bed.hub({ join: await inviteOf(a) });
    const [idA, idB] = [(await reach(a)).peerId, (await reach(b)).peerId];
    for (const [hub, other] of [[a, idB], [b, idA]] as const) {
      await eventually(
        async () => (await reach(hub)).reachability?.fromTeammates.some((c) => c.peerId === other) === true,
        () => `no dial-back reported to ${hub.output()}`,
        10_000,
      );
      const { reachability } = await reach(hub);
      expect(reachability?.self).toEqual([{ address: `127.0.0.1:${hub.lanPort}`, result: 'reachable', checkedAt: expect.any(Number) }]);
      expect(reachability?.fromTeammates).toEqual([{ peerId: other, address: `127.0.0.1:${hub.lanPort}`, result: 'reachable', checkedAt: expect.any(Number) }]);
    }

    // "Check again" from the Network view: a fresh check, answered with the status after it.
    const client = await bed.client(a);
    await joinedWorkspace(client);
    const before = (await reach(a)).reachability?.checkedAt ?? 0;
    const response = (await client.request('check-reachability', {})) as { ok: boolean; value: unknown };
    expect(response.ok).toBe(true);
    const status = networkStatusSchema.parse(response.value);
    expect(status.reachability?.checkedAt).toBeGreaterThan(before);
    expect(status.reachability?.fromTeammates).toMatchObject([{ peerId: idB, result: 'reachable' }]);
    expect(status.reachability?.self).toMatchObject([{ result: 'reachable' }]);
    // The checks' bare connects are not logged or counted as refused handshakes.
    expect(a.output() + b.output()).not.toMatch(/lan connection refused/);
  });
});
