// The workspace secret on a peer: made with the workspace, kept in an owner-only file and in
// no document; given on start to a workspace from before LAN sync; taken from an invite on
// joining (with a new member id and the invite's addresses remembered); replaced on rotation.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveWorkspaceIdentity } from '../../electron/peer/identity';
import { loadWorkspaceSecret } from '../../electron/peer/lan/workspace-secret';
import { createLogger } from '../../electron/peer/logger';
import { Peer } from '../../electron/peer/peer';
import { decodeInvite, encodeInvite, newWorkspaceSecret } from '../../shared/lan/invite';

const logger = createLogger(() => {});
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function peerIn(dir = mkdtempSync(join(tmpdir(), 'tandem-lan-ws-'))): Promise<Peer> {
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const peer = await Peer.start(dir, logger);
  cleanups.push(() => peer.close());
  return peer;
}

function filesContain(dir: string, needle: Buffer): boolean {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile() && e.name !== 'lan-secret.json' && readFileSync(join(e.parentPath, e.name)).includes(needle));
}

describe('the workspace secret', () => {
  it('is made with the workspace, owner-only, and in no document or other file', async () => {
    const peer = await peerIn();
    const workspace = await peer.createWorkspace({ workspaceName: 'Ops & Product', memberName: 'Mei', team: 'product', goalsBoardName: 'Goals' });
    const secret = await loadWorkspaceSecret(peer.dataDir, workspace.id);
    expect(secret).toHaveLength(32);
    expect(statSync(join(peer.dataDir, 'lan-secret.json')).mode & 0o777).toBe(0o600);
    await peer.replica.flush();
    const raw = Buffer.from(secret as Uint8Array);
    expect(filesContain(peer.dataDir, raw)).toBe(false);
    expect(filesContain(peer.dataDir, Buffer.from(raw.toString('base64url')))).toBe(false);
    expect(JSON.stringify(peer.hello())).not.toContain(raw.toString('base64url'));
    const invite = decodeInvite(await peer.invite());
    expect(invite).toMatchObject({ workspaceId: workspace.id, workspaceName: 'Ops & Product', addresses: [] });
    expect(Buffer.from(invite.secret).equals(raw)).toBe(true);
  });

  it('is given on start to a workspace made before LAN sync, and kept across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-lan-ws-'));
    await saveWorkspaceIdentity(dir, { id: 'w_fromlastyear0001', memberId: 'm_mei0000000000001' });
    const first = await Peer.start(dir, logger);
    const secret = await loadWorkspaceSecret(dir, 'w_fromlastyear0001');
    await first.close();
    const again = await peerIn(dir);
    expect(secret).toHaveLength(32);
    expect(await loadWorkspaceSecret(again.dataDir, 'w_fromlastyear0001')).toEqual(secret);
  });

  it('comes from the invite on joining, with a new member id and the invite’s addresses remembered first', async () => {
    const peer = await peerIn();
    const secret = newWorkspaceSecret();
    const code = encodeInvite({ workspaceId: 'w_teamworkspace001', secret, workspaceName: 'Ops', addresses: ['192.168.1.20:4100'] });
    const workspace = await peer.joinWorkspace(code);
    expect(workspace).toEqual({ id: 'w_teamworkspace001', memberId: expect.stringMatching(/^m_/) });
    expect(peer.hello().workspace).toEqual(workspace);
    expect(await loadWorkspaceSecret(peer.dataDir, workspace.id)).toEqual(secret);
    expect(JSON.parse(readFileSync(join(peer.dataDir, 'lan-peers.json'), 'utf8')).peers[0]).toMatchObject({ address: '192.168.1.20:4100' });

    // A newer invite to the same workspace (after a rotation) replaces the secret, keeping the member.
    const newer = newWorkspaceSecret();
    const newerInvite = encodeInvite({ workspaceId: workspace.id, secret: newer, addresses: [] });
    // Another key for the workspace held is used only when the person confirms it.
    await expect(peer.joinWorkspace(newerInvite)).rejects.toMatchObject({ code: 'secret-differs' });
    expect(await peer.joinWorkspace(newerInvite, true)).toEqual(workspace);
    expect(await loadWorkspaceSecret(peer.dataDir, workspace.id)).toEqual(newer);
    await expect(peer.joinWorkspace(encodeInvite({ workspaceId: 'w_anotherworkspace', secret, addresses: [] }))).rejects.toMatchObject({ code: 'other-workspace' });
    await expect(peer.joinWorkspace('TANDEM1-0000')).rejects.toMatchObject({ messageKey: 'errors.inviteChecksum' });
  });

  it('is replaced by a rotation, and the new invite carries the new one', async () => {
    const peer = await peerIn();
    const workspace = await peer.createWorkspace({ workspaceName: 'Ops', memberName: 'Mei', team: 'product', goalsBoardName: 'Goals' });
    const before = await loadWorkspaceSecret(peer.dataDir, workspace.id);
    const invite = decodeInvite(await peer.rotateWorkspaceSecret());
    const after = await loadWorkspaceSecret(peer.dataDir, workspace.id);
    expect(after).not.toEqual(before);
    expect(invite.secret).toEqual(after);
  });
});
