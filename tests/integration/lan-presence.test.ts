// Presence between real peer processes on loopback: a window on hub A says which board it looks
// at and a window on hub B sees it, by member id; when A's window goes, B sees it go. An update
// claiming another client's id, from another window on either hub, is ignored, while the
// impersonator's own presence keeps flowing.
import { afterEach, describe, expect, it } from 'vitest';
import type { PresenceState } from '../../shared/api/presence';
import { eventually, health, inviteOf, joinedWorkspace, LanTestBed } from './support/lan-hubs';
import { PresenceTestClient } from './support/presence-test-client';

const bed = new LanTestBed();
afterEach(() => bed.cleanup());

async function presenceClient(hub: Parameters<LanTestBed['client']>[0]): Promise<PresenceTestClient> {
  const client = new PresenceTestClient(await bed.client(hub));
  bed.defer(() => client.dispose());
  return client;
}

async function presenceHealth(hub: Parameters<typeof health>[0]): Promise<{ clients: number; rejected: number; invalid: number }> {
  return ((await health(hub)) as unknown as { presence: { clients: number; rejected: number; invalid: number } }).presence;
}

describe('presence between peer processes', () => {
  it('a window on A is seen on B with its member and board, an impersonation is ignored, and closing it is seen as a removal', async () => {
    const a = await bed.hub({ create: 'Ops & Product' });
    const b = await bed.hub({ join: await inviteOf(a) });
    const [onA, onB] = [await presenceClient(a), await presenceClient(b)];
    const { boardId, memberId } = await joinedWorkspace(onA.link);
    await joinedWorkspace(onB.link);
    await eventually(async () => (await health(a)).peers.length === 1 && (await health(b)).peers.length === 1, () => 'A and B never connected');

    const looking: PresenceState = { memberId, boardId, itemId: null, field: null };
    onA.set(looking);
    await eventually(() => onB.stateOf(onA.clientId) !== undefined, () => 'B never saw A\'s window');
    expect(onB.stateOf(onA.clientId)).toEqual(looking);
    expect(await presenceHealth(b)).toMatchObject({ clients: 1, rejected: 0 });

    // Two impersonators, one beside A's window and one beside B's: each claims A's client id with
    // a newer clock, then announces a client of its own. The peer handles a connection's frames in
    // order, so once the impersonator's own client reaches B, the forged update had its chance.
    const besideA = await presenceClient(a);
    const besideB = await presenceClient(b);
    const forged: PresenceState = { memberId: 'm_mallory', boardId: 'b_elsewhere', itemId: 'g_secret', field: 'title' };
    const [ownA, ownB] = [besideA.clientId, besideB.clientId];
    besideA.sendRaw([{ clientId: onA.clientId, clock: 1_000, state: forged }]);
    besideA.sendRaw([{ clientId: onA.clientId, clock: 1_001, state: null }]);
    besideA.sendRaw([{ clientId: ownA, clock: 1, state: { ...forged, itemId: null } }]);
    besideB.sendRaw([{ clientId: onA.clientId, clock: 2_000, state: forged }]);
    besideB.sendRaw([{ clientId: ownB, clock: 1, state: { ...forged, itemId: null } }]);
    await eventually(() => onB.stateOf(ownA) !== undefined && onB.stateOf(ownB) !== undefined, () => 'the impersonators\' own clients never reached B');
    expect(onB.stateOf(onA.clientId)).toEqual(looking);
    expect(onA.stateOf(ownB)).toEqual({ ...forged, itemId: null });
    expect((await presenceHealth(a)).rejected).toBeGreaterThanOrEqual(2);
    expect((await presenceHealth(b)).rejected).toBeGreaterThanOrEqual(1);
    expect(a.output()).toMatch(/presence for a client another connection owns was ignored/);

    // The impersonators' connections still work for their own ids.
    expect([besideA.link.closed, besideB.link.closed]).toEqual([false, false]);
    besideA.sendRaw([{ clientId: ownA, clock: 2, state: { ...forged, itemId: null, boardId } }]);
    await eventually(() => (onB.stateOf(ownA) as PresenceState | undefined)?.boardId === boardId, () => 'the impersonator\'s own update never reached B');
    expect(onB.stateOf(onA.clientId)).toEqual(looking);

    // A's window moves on, then closes: B follows, then sees it go.
    const editing: PresenceState = { ...looking, itemId: 'g_1', field: 'status' };
    onA.set(editing);
    await eventually(() => (onB.stateOf(onA.clientId) as PresenceState | undefined)?.field === 'status', () => 'B never saw A\'s window move');
    onA.link.close();
    await eventually(() => onB.stateOf(onA.clientId) === undefined, () => 'B never saw A\'s window go');
    expect(onB.stateOf(ownA)).toBeDefined();
    await eventually(async () => (await presenceHealth(b)).clients === 2, () => 'B still counts A\'s window');
  });

  it('a window opened late gets every state at once, and a peer that connects late gets the other peer\'s windows', async () => {
    const a = await bed.hub({ create: 'Ops & Product' });
    const invite = await inviteOf(a);
    const first = await presenceClient(a);
    const { boardId, memberId } = await joinedWorkspace(first.link);
    const looking: PresenceState = { memberId, boardId, itemId: null, field: null };
    first.set(looking);
    await eventually(async () => (await presenceHealth(a)).clients === 1, () => 'A never took its window\'s presence');

    const late = await presenceClient(a);
    await eventually(() => late.stateOf(first.clientId) !== undefined, () => 'the late window never got the state');
    expect(late.stateOf(first.clientId)).toEqual(looking);

    const b = await bed.hub({ join: invite });
    const onB = await presenceClient(b);
    await eventually(() => onB.stateOf(first.clientId) !== undefined, () => 'B never got A\'s windows after connecting');
    expect(onB.stateOf(first.clientId)).toEqual(looking);
  });
});
