// Inviting and joining over the local link, with real hub processes on loopback: the invite a
// renderer reads from hub A is joined on an empty hub B (no mDNS, A's address given by hand),
// the joiner becomes a named member, both converge, and both report the other as connected
// with nothing pending. Rotating the secret disconnects B; a bad invite is refused by key; a
// person already in the workspace joins as themselves.
import { describe, afterEach, expect, it } from 'vitest';
import { decodeInvite } from '../../shared/lan/invite';
import { networkStatusSchema, type InviteResult } from '../../shared/api/network';
import { readWorkspace } from '../../shared/model';
import { startHub } from '../support/hub';
import { addGoal, converged, eventually, goalTitles, joinedWorkspace, LanTestBed } from './support/lan-hubs';
import type { LinkTestClient } from './support/link-test-client';
import { freePort } from './support/tcp-relay';

const bed = new LanTestBed();
afterEach(() => bed.cleanup());

type Response<T> = { ok: true; value: T } | { ok: false; error: { code: string; messageKey: string } };

async function ask<T>(client: LinkTestClient, op: string, args: unknown): Promise<Response<T>> {
  return (await client.request(op, args)) as Response<T>;
}

async function networkOf(client: LinkTestClient) {
  const response = await ask<unknown>(client, 'network-status', {});
  if (!response.ok) throw new Error(response.error.code);
  return networkStatusSchema.parse(response.value);
}

describe('invite and join over the local link', () => {
  it('a workspace read by get-invite on one hub is joined on an empty hub, and the two converge', async () => {
    const a = await bed.hub({ create: 'Ops & Product' });
    const ca = await bed.client(a);
    const { workspaceId, boardId, memberId } = await joinedWorkspace(ca);
    const invite = await ask<InviteResult>(ca, 'get-invite', {});
    if (!invite.ok) throw new Error(invite.error.code);
    expect(invite.value.link).toBe(`tandem://join?code=${encodeURIComponent(invite.value.code)}`);
    expect(decodeInvite(invite.value.code)).toMatchObject({ workspaceId, workspaceName: 'Ops & Product', addresses: [`127.0.0.1:${a.lanPort}`] });

    const bLanPort = await freePort();
    const b = await startHub({ dataDir: bed.dataDir(), lanArgs: ['--lan-host', '127.0.0.1', '--lan-port', String(bLanPort), '--no-discovery', '--peer', `127.0.0.1:${a.lanPort}`] });
    bed.defer(async () => void (await b.stop()));
    const cb = await bed.client(b);
    await eventually(() => cb.hello !== null, () => 'hub B never said hello');
    expect(cb.hello?.workspace).toBeNull();
    const refused = await ask(cb, 'join-workspace', { as: 'new', code: 'TANDEM1-NOPE', memberName: 'Li Na', team: 'operations' });
    expect(refused).toMatchObject({ ok: false, error: { messageKey: expect.stringMatching(/^errors\.invite/) } });

    const joined = await ask<{ workspace: { id: string; memberId: string } }>(cb, 'join-workspace', { as: 'new', code: invite.value.code, memberName: 'Li Na', team: 'operations' });
    if (!joined.ok) throw new Error(joined.error.code);
    expect(joined.value.workspace.id).toBe(workspaceId);
    const memberB = joined.value.workspace.memberId;
    expect(memberB).not.toBe(memberId);

    await joinedWorkspace(cb);
    await converged([ca, cb], workspaceId);
    const members = readWorkspace(ca.open(workspaceId)).members;
    expect(members.map((m) => ({ id: m.id, team: m.team, name: m.name })).sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { id: memberB, name: 'Li Na', team: 'operations' },
      expect.objectContaining({ id: memberId }),
    ]);
    await addGoal(cb, boardId, 'From the joiner', memberB);
    await eventually(() => goalTitles(ca, boardId).includes('From the joiner'), () => 'the joiner’s goal never reached A');
    await converged([ca, cb], workspaceId);
    await eventually(async () => {
      const [na, nb] = [await networkOf(ca), await networkOf(cb)];
      const peerA = na.peers.find((p) => p.connected);
      const peerB = nb.peers.find((p) => p.connected);
      return peerA?.memberId === memberB && peerB?.memberId === memberId && peerA.pendingChanges === 0 && peerB.pendingChanges === 0;
    }, () => 'the two hubs never both reported the other connected with nothing pending');

    // A new secret: B is disconnected and refused, and the invite changes.
    const rotated = await ask<InviteResult>(ca, 'rotate-secret', {});
    if (!rotated.ok) throw new Error(rotated.error.code);
    expect(decodeInvite(rotated.value.code).secret).not.toEqual(decodeInvite(invite.value.code).secret);
    await eventually(async () => (await networkOf(ca)).peers.every((p) => !p.connected), () => 'B stayed connected after the rotation');

    // B opens the new invite: a different key is used only once the person confirms it, then B is back.
    const unconfirmed = await ask(cb, 'join-workspace', { as: 'existing', code: rotated.value.code });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'secret-differs', messageKey: 'errors.inviteNewSecret' } });
    await addGoal(ca, boardId, 'Written after the rotation', memberId);
    const confirmed = await ask(cb, 'join-workspace', { as: 'existing', code: rotated.value.code, confirmNewSecret: true });
    expect(confirmed).toMatchObject({ ok: true });
    await eventually(() => goalTitles(cb, boardId).includes('Written after the rotation'), () => goalTitles(cb, boardId).join(', '));
  });

  it('a person already in the workspace joins as an existing member and picks themselves from the list', async () => {
    const a = await bed.hub({ create: 'Ops' });
    const ca = await bed.client(a);
    const { workspaceId, memberId } = await joinedWorkspace(ca);
    const invite = await ask<InviteResult>(ca, 'get-invite', {});
    if (!invite.ok) throw new Error(invite.error.code);
    const c = await startHub({ dataDir: bed.dataDir(), lanArgs: ['--lan-host', '127.0.0.1', '--lan-port', '0', '--no-discovery'] });
    bed.defer(async () => void (await c.stop()));
    const cc = await bed.client(c);
    await eventually(() => cc.hello !== null, () => 'hub C never said hello');
    const joined = await ask<{ workspace: { id: string; memberId: string } }>(cc, 'join-workspace', { as: 'existing', code: invite.value.code });
    if (!joined.ok) throw new Error(joined.error.code);
    await joinedWorkspace(cc);
    expect(await ask(cc, 'choose-member', { memberId: 'm_nobody' })).toMatchObject({ ok: false, error: { code: 'unknown-member' } });
    expect(await ask(cc, 'choose-member', { memberId })).toMatchObject({ ok: true, value: { workspace: { id: workspaceId, memberId } } });
    await eventually(() => cc.hello?.workspace?.memberId === memberId, () => 'the hello never named the chosen member');
    // Nobody new was added to the member list.
    await converged([ca, cc], workspaceId);
    expect(readWorkspace(cc.open(workspaceId)).members.map((m) => m.id)).toEqual([memberId]);
  });

  it('add-peer checks the address and dials it from then on', async () => {
    const a = await bed.hub({ create: 'Ops' });
    const ca = await bed.client(a);
    await joinedWorkspace(ca);
    expect(await ask(ca, 'add-peer', { address: 'not an address' })).toMatchObject({ ok: false, error: { messageKey: 'errors.inviteAddress' } });
    const port = await freePort();
    expect(await ask(ca, 'add-peer', { address: `127.0.0.1:${port}` })).toMatchObject({ ok: true });
    expect((await networkOf(ca)).addresses.map((x) => x.address)).toContain(`127.0.0.1:${port}`);
  });
});
