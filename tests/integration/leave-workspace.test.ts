// Leaving a workspace, with real hub processes on loopback: the laptop that leaves stops
// syncing and deletes its secret, remembered addresses and every doc; a window still holding
// the old cache can neither hand the workspace back nor write its docs to disk again; the
// teammate keeps everything; and joining again by invite brings it all back.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addGoal, converged, eventually, goalTitles, health, inviteOf, joinedWorkspace, LanTestBed } from './support/lan-hubs';
import { startHub } from '../support/hub';
import { LinkTestClient } from './support/link-test-client';

const bed = new LanTestBed();
afterEach(() => bed.cleanup());

type Response = { ok: true; value: unknown } | { ok: false; error: { code: string; messageKey: string } };

describe('leaving a workspace', () => {
  it('deletes this laptop’s copy and secret, keeps the teammate’s, refuses a stale window, and a new invite brings it back', async () => {
    const a = await bed.hub({ create: 'Ops & Product' });
    const invite = await inviteOf(a);
    const bDir = bed.dataDir();
    const b = await bed.hub({ dataDir: bDir, join: invite, peers: [`127.0.0.1:${a.lanPort}`] });
    const [ca, cb] = [await bed.client(a), await bed.client(b)];
    const { workspaceId, boardId, memberId } = await joinedWorkspace(ca);
    await joinedWorkspace(cb);
    const memberB = cb.hello?.workspace?.memberId as string;
    await addGoal(cb, boardId, 'Written on B before leaving', memberB);
    await converged([ca, cb], workspaceId);
    expect(readdirSync(join(bDir, 'docs')).length).toBeGreaterThan(0);
    expect(existsSync(join(bDir, 'lan-secret.json'))).toBe(true);

    const left = (await cb.request('leave-workspace', {})) as Response;
    expect(left).toMatchObject({ ok: true });
    // Every window's link closes so it hears, on reconnecting, that there is no workspace.
    await eventually(() => cb.closed, () => 'B’s link stayed open');
    expect(readdirSync(join(bDir, 'docs'))).toEqual([]);
    for (const file of ['lan-secret.json', 'lan-peers.json', 'workspace.json']) expect(existsSync(join(bDir, file)), file).toBe(false);
    await eventually(async () => (await health(b)).workspaceId === null, () => 'B still reports a workspace');

    // A window that still holds the workspace's cache reconnects: it may not give it back.
    const stale = await LinkTestClient.connect(b.port, b.token);
    bed.defer(() => stale.close());
    await eventually(() => stale.hello !== null, () => 'no hello');
    expect(stale.hello?.workspace).toBeNull();
    const adopt = (await stale.request('adopt-workspace', { id: workspaceId, memberId: memberB })) as Response;
    expect(adopt).toMatchObject({ ok: false, error: { code: 'left-workspace', messageKey: 'errors.workspaceLeft' } });
    const staleBoard = stale.open(boardId);
    staleBoard.getMap('goals').set('resurrected', 'from a stale cache');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readdirSync(join(bDir, 'docs'))).toEqual([]);

    // The teammate keeps everything, including what B wrote before leaving.
    expect(goalTitles(ca, boardId)).toContain('Written on B before leaving');
    await addGoal(ca, boardId, 'Written on A after B left', memberId);

    // Joining again by invite brings the workspace back, with what A wrote meanwhile.
    const rejoined = (await stale.request('join-workspace', { as: 'existing', code: invite })) as Response;
    expect(rejoined).toMatchObject({ ok: true });
    const again = await bed.client(b);
    await joinedWorkspace(again);
    await eventually(() => goalTitles(again, boardId).includes('Written on A after B left'), () => goalTitles(again, boardId).join(', '));
    expect(goalTitles(again, boardId)).toContain('Written on B before leaving');
  });

  it('a leave cut short by a crash (marked left, files still there) is finished at the next start', async () => {
    const dir = bed.dataDir();
    const first = await startHub({ dataDir: dir });
    const client = await LinkTestClient.connect(first.port, first.token);
    const created = (await client.request('create-workspace', { workspaceName: 'Ops', memberName: 'Mei', team: 'product', goalsBoardName: 'Goals' })) as { ok: true; value: { workspace: { id: string } } };
    client.close();
    await first.stop();
    expect(readdirSync(join(dir, 'docs')).length).toBeGreaterThan(0);
    // What leaving writes before it deletes anything.
    writeFileSync(join(dir, 'left-workspaces.json'), JSON.stringify({ workspaceIds: [created.value.workspace.id] }));
    const again = await startHub({ dataDir: dir });
    bed.defer(async () => void (await again.stop()));
    expect((await health(again)).workspaceId).toBeNull();
    expect(readdirSync(join(dir, 'docs'))).toEqual([]);
    expect(existsSync(join(dir, 'workspace.json'))).toBe(false);
    expect(again.output()).toContain('finishing leaving a workspace that was interrupted');
  });

  it('a laptop that holds no workspace cannot leave one', async () => {
    const hub = await startHub({ dataDir: bed.dataDir() });
    bed.defer(async () => void (await hub.stop()));
    const client = await bed.client(hub);
    await eventually(() => client.hello !== null, () => 'no hello');
    expect(await client.request('leave-workspace', {})).toMatchObject({ ok: false, error: { code: 'no-workspace' } });
  });
});
