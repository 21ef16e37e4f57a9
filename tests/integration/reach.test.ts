// "On K of M teammates' laptops" with real hub processes on loopback: what a teammate's peer
// acknowledged on disk is kept by the peer across its own restart, so with the teammate away
// it still says the board reached them, and that a change made since has not.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { networkStatusSchema, reachResultSchema } from '../../shared/api/network';
import { startHub } from '../support/hub';
import { addGoal, converged, eventually, inviteOf, joinedWorkspace, LanTestBed } from './support/lan-hubs';
import type { LinkTestClient } from './support/link-test-client';

const bed = new LanTestBed();
afterEach(() => bed.cleanup());

async function ok<T>(client: LinkTestClient, op: string, args: unknown, parse: (v: unknown) => T): Promise<T> {
  const response = (await client.request(op, args)) as { ok: boolean; value?: unknown; error?: { code: string } };
  if (!response.ok) throw new Error(response.error?.code);
  return parse(response.value);
}

const status = (client: LinkTestClient) => ok(client, 'network-status', {}, (v) => networkStatusSchema.parse(v));
const reach = (client: LinkTestClient, docId: string, clocks?: [number, number][]) => ok(client, 'reach', { docId, ...(clocks ? { clocks } : {}) }, (v) => reachResultSchema.parse(v).teammates);

describe('on K of M teammates’ laptops', () => {
  it('counts the teammates that hold a board, keeps it across a restart, and says a newer change has not reached them', async () => {
    const aDir = bed.dataDir();
    const a = await bed.hub({ dataDir: aDir, create: 'Ops & Product' });
    const b = await bed.hub({ join: await inviteOf(a), peers: [`127.0.0.1:${a.lanPort}`] });
    const [ca, cb] = [await bed.client(a), await bed.client(b)];
    const { workspaceId, boardId, memberId } = await joinedWorkspace(ca);
    await joinedWorkspace(cb);
    await addGoal(ca, boardId, 'Reaches B', memberId);
    await converged([ca, cb], workspaceId);
    const memberB = cb.hello?.workspace?.memberId;
    await eventually(async () => (await status(ca)).reachByDoc[boardId]?.reached === 1, () => 'B never confirmed the board');
    const [mate] = await reach(ca, boardId);
    expect(mate).toMatchObject({ memberId: memberB, connected: true, reachedAt: expect.any(Number) });

    // B goes away; A restarts and still knows what B has.
    await b.stop();
    await a.stop();
    const a2 = await startHub({ dataDir: aDir, lanArgs: ['--lan-host', '127.0.0.1', '--lan-port', String(a.lanPort), '--no-discovery'] });
    bed.defer(async () => void (await a2.stop()));
    const ca2 = await bed.client(a2);
    await eventually(() => ca2.hello?.workspace != null, () => 'A restarted without its workspace');
    await eventually(async () => (await status(ca2)).running, () => 'LAN never started');
    expect((await status(ca2)).reachByDoc[boardId]).toEqual({ reached: 1, of: 1 });
    expect((await reach(ca2, boardId))[0]).toMatchObject({ memberId: memberB, connected: false, reachedBy: true });
    // The Network view lists B, known from before the restart, as not connected.
    expect((await status(ca2)).peers).toEqual([expect.objectContaining({ memberId: memberB, connected: false, via: 'remembered' })]);

    // A change made while B is away: the board and that change are not on B's laptop.
    const board = ca2.open(boardId);
    await eventually(() => board.getMap('goals').size === 1, () => 'board not loaded');
    const before = Y.getState(board.store, board.clientID);
    await addGoal(ca2, boardId, 'Written while B is away', memberId);
    const clocks: [number, number][] = [[board.clientID, Y.getState(board.store, board.clientID)]];
    expect(clocks[0]![1]).toBeGreaterThan(before);
    await eventually(async () => (await status(ca2)).reachByDoc[boardId]?.reached === 0, () => 'the board still counts as reached');
    expect((await reach(ca2, boardId, clocks))[0]).toMatchObject({ memberId: memberB, reachedAt: null });
    expect((await reach(ca2, 'not-a-board'))).toEqual([]);
  });
});
