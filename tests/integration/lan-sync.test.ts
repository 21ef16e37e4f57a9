// LAN sync between real peer processes on loopback (manual addresses, no mDNS): three peers
// that edit while partitioned converge after the heal; an edit travels laptop A → hub →
// laptop B though A and B are never online together; and a peer killed during a 5 MB initial
// sync converges after a restart with nothing lost. Content is compared by hash, not vectors.
import { readdirSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addBoard, initGoalsBoard, newId, SCHEMA_VERSION, updateGoal } from '../../shared/model';
import { addGoal, converged, eventually, goalTitles, health, inviteOf, joinedWorkspace, LanTestBed, withAddresses } from './support/lan-hubs';
import { freePort, startRelay } from './support/tcp-relay';

const bed = new LanTestBed();
afterEach(() => bed.cleanup());

function docsBytes(dataDir: string): number {
  const dir = join(dataDir, 'docs');
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

describe('LAN sync between peer processes', () => {
  it('three peers that each edit while partitioned converge to identical content after the heal', async () => {
    const a = await bed.hub({ create: 'Ops & Product' });
    const invite = await inviteOf(a);
    // B and C reach A, and B reaches C, only through relays the test can cut.
    const [toAfromB, toAfromC] = [await startRelay(a.lanPort), await startRelay(a.lanPort)];
    const cPort = await freePort();
    const toCfromB = await startRelay(cPort);
    const relays = [toAfromB, toAfromC, toCfromB];
    relays.forEach((r) => bed.defer(() => r.close()));
    const c = await bed.hub({ lanPort: cPort, join: withAddresses(invite, [toAfromC.address]) });
    const b = await bed.hub({ join: withAddresses(invite, [toAfromB.address]), peers: [toCfromB.address] });
    const [ca, cb, cc] = [await bed.client(a), await bed.client(b), await bed.client(c)];
    const { workspaceId, boardId, memberId } = await joinedWorkspace(ca);
    const [memberB, memberC] = [(await joinedWorkspace(cb)).memberId, (await joinedWorkspace(cc)).memberId];
    await eventually(async () => (await health(a)).peers.length === 2 && (await health(b)).peers.length === 2, () => 'the three peers never all connected');
    const seenByA = await health(a);
    expect(seenByA).toMatchObject({ lanPort: a.lanPort, workspaceId, lanProtocolErrors: 0 });
    expect(seenByA.peers.map((p) => p.memberId).sort()).toEqual([memberB, memberC].sort());
    expect(seenByA.peers.every((p) => p.via === 'inbound')).toBe(true);
    await addGoal(ca, boardId, 'Shared goal', memberId);
    const sharedId = () => [...cc.open(boardId).getMap<Y.Map<unknown>>('goals').entries()].find(([, g]) => g.get('title') === 'Shared goal')?.[0];
    await eventually(() => sharedId() !== undefined && goalTitles(cb, boardId).includes('Shared goal'), () => 'the shared goal never spread');
    const goalId = sharedId() as string;

    relays.forEach((r) => r.cut());
    for (const hub of [a, b, c]) await eventually(async () => (await health(hub)).peers.length === 0, () => 'a partitioned peer still counts a connection');
    await addGoal(ca, boardId, 'From A', memberId);
    await addGoal(cb, boardId, 'From B', memberId);
    await addGoal(cc, boardId, 'From C', memberId);
    // The same field changed on all three sides: one value wins everywhere.
    for (const [client, title] of [[ca, 'Shared (A)'], [cb, 'Shared (B)'], [cc, 'Shared (C)']] as const) {
      updateGoal(client.open(boardId), { id: goalId, title });
      await client.waitSaved(boardId);
    }
    // A new board made on one side while apart.
    const newBoardId = newId('b');
    initGoalsBoard(cb.open(newBoardId), SCHEMA_VERSION);
    addBoard(cb.open(workspaceId), { id: newBoardId, kind: 'goals', name: 'Made by B while apart' });
    await addGoal(cb, newBoardId, 'On the new board', memberId);
    await cb.waitSaved(workspaceId);
    expect(goalTitles(ca, boardId)).not.toContain('From B');
    expect(goalTitles(cc, boardId)).not.toContain('From A');

    relays.forEach((r) => r.heal());
    await converged([ca, cb, cc], workspaceId);
    for (const client of [ca, cb, cc]) {
      expect(goalTitles(client, boardId).filter((t) => t.startsWith('From'))).toEqual(['From A', 'From B', 'From C']);
      expect(goalTitles(client, newBoardId)).toEqual(['On the new board']);
    }
    const winners = new Set([ca, cb, cc].map((client) => client.open(boardId).getMap<Y.Map<unknown>>('goals').get(goalId)?.get('title')));
    expect(winners.size).toBe(1);
  });

  it('an edit travels laptop A → hub → laptop B although A and B are never online together', async () => {
    const hub = await bed.hub({ create: 'Ops & Product' });
    const invite = await inviteOf(hub);
    const viaHub = await bed.client(hub);
    const aDir = bed.dataDir();
    let a = await bed.hub({ dataDir: aDir, join: invite });
    let ca = await bed.client(a);
    const { workspaceId, boardId, memberId } = await joinedWorkspace(ca);
    await addGoal(ca, boardId, 'Written on A', memberId);
    // A stops only once the hub has acknowledged A's edit on its disk.
    await eventually(async () => (await health(a)).peers[0]?.pendingChanges === 0, () => 'the hub never acknowledged A’s edit');
    ca.close();
    await a.stop();

    const b = await bed.hub({ join: invite });
    const cb = await bed.client(b);
    await joinedWorkspace(cb);
    await eventually(() => goalTitles(cb, boardId).includes('Written on A'), () => 'B never received A’s edit');
    await addGoal(cb, boardId, 'Written on B', memberId);
    await eventually(async () => (await health(b)).peers[0]?.pendingChanges === 0, () => 'the hub never acknowledged B’s edit');
    await b.stop();

    a = await bed.hub({ dataDir: aDir });
    ca = await bed.client(a);
    await eventually(() => goalTitles(ca, boardId).includes('Written on B'), () => 'A never received B’s edit');
    await converged([ca, viaHub], workspaceId);
  });

  it('a peer killed during a 5 MB initial sync converges after a restart with nothing lost', async () => {
    const a = await bed.hub({ create: 'Ops & Product' });
    const invite = await inviteOf(a);
    const ca = await bed.client(a);
    const { workspaceId, memberId } = await joinedWorkspace(ca);
    // Ten boards of 250 goals with 2 KB of incompressible text each: 5 MB.
    for (let board = 0; board < 10; board++) {
      const id = newId('b');
      const doc = ca.open(id);
      initGoalsBoard(doc, SCHEMA_VERSION);
      addBoard(ca.open(workspaceId), { id, kind: 'goals', name: `Big board ${board}` });
      doc.transact(() => {
        for (let i = 0; i < 250; i++) {
          const goal = new Y.Map<unknown>();
          goal.set('title', `Goal ${board}.${i}`);
          goal.set('description', new Y.Text(randomBytes(1_536).toString('base64')));
          goal.set('createdBy', memberId);
          doc.getMap('goals').set(newId('g'), goal);
        }
      });
      await ca.waitSaved(id);
    }
    await ca.waitSaved(workspaceId);

    const relay = await startRelay(a.lanPort, { bytesPerSecond: 1_000_000 });
    bed.defer(() => relay.close());
    const bDir = bed.dataDir();
    const bPort = await freePort();
    let b = await bed.hub({ dataDir: bDir, lanPort: bPort, join: withAddresses(invite, [relay.address]) });
    // B's own board, on B's disk before the kill, must survive it and reach A.
    const cbBefore = await bed.client(b);
    const ownBoard = newId('b');
    initGoalsBoard(cbBefore.open(ownBoard), SCHEMA_VERSION);
    await addGoal(cbBefore, ownBoard, 'Written on B before the kill', memberId);
    await eventually(() => docsBytes(bDir) > 1_500_000, () => `B stored only ${docsBytes(bDir)} bytes`);
    await b.stop('SIGKILL');
    expect(docsBytes(bDir)).toBeLessThan(4_500_000);

    relay.setRate(null);
    b = await bed.hub({ dataDir: bDir, lanPort: bPort });
    const cb = await bed.client(b);
    const hash = await converged([ca, cb], workspaceId, 40_000);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(docsBytes(bDir)).toBeGreaterThan(5_000_000);
    await eventually(() => goalTitles(ca, ownBoard).includes('Written on B before the kill'), () => 'B’s board never reached A');
    expect([...cb.open(workspaceId).getMap('boards').keys()]).toHaveLength(11);
  }, 60_000);
});
