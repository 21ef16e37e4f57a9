// The LAN port of real peer processes under attack or misuse: a wrong (or rotated-away) secret
// is refused with a logged reason and learns nothing; a stalled handshake is dropped at 5 s;
// garbage leaves the peer serving everyone else; and a capture of the traffic holds no doc
// text, workspace name or id. The secret stays in an owner-only file.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeInvite, encodeInvite } from '../../shared/lan/invite';
import { isWorkspaceInitialised } from '../../shared/model';
import { addGoal, eventually, goalTitles, health, inviteOf, joinedWorkspace, LanTestBed, withAddresses } from './support/lan-hubs';
import { startRelay } from './support/tcp-relay';
import { PROTOCOL_VERSION } from '../../shared/protocol/frame';

const bed = new LanTestBed();
afterEach(() => bed.cleanup());

/** A raw TCP client of a LAN port; resolves `closed` with the time the peer hung up. */
async function rawSocket(port: number): Promise<{ socket: net.Socket; openedAt: number; closed: Promise<number> }> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  bed.defer(() => void socket.destroy());
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  return { socket, openedAt: Date.now(), closed };
}

describe('the LAN port of a peer process', () => {
  it('refuses a wrong secret, and after a rotation the old one, with a logged reason; the secret file is owner-only', async () => {
    const a = await bed.hub({ create: 'Ops & Product' });
    const invite = await inviteOf(a);
    const { workspaceId } = decodeInvite(invite);
    expect(statSync(join(a.dataDir, 'lan-secret.json')).mode & 0o777).toBe(0o600);

    const forged = encodeInvite({ workspaceId, secret: new Uint8Array(randomBytes(32)), addresses: [`127.0.0.1:${a.lanPort}`] });
    const x = await bed.hub({ join: forged });
    await a.waitForOutput(/lan connection refused .*"reason":"bad-handshake"/);
    await x.waitForOutput(/lan connection refused .*"reason":"bad-handshake"/);
    const cx = await bed.client(x);
    await new Promise((r) => setTimeout(r, 300));
    expect(isWorkspaceInitialised(cx.open(workspaceId))).toBe(false);
    expect((await health(a)).peers).toEqual([]);

    const b = await bed.hub({ join: invite });
    await eventually(async () => (await health(a)).peers.length === 1, () => 'B never connected');
    await a.stop();
    const rotated = await bed.hub({ dataDir: a.dataDir, lanPort: a.lanPort, extra: ['--rotate-secret'] });
    const newInvite = await inviteOf(rotated);
    expect(decodeInvite(newInvite).workspaceId).toBe(workspaceId);
    // B still holds the old secret: refused, by name, on both sides, every time it tries.
    await rotated.waitForOutput(/lan connection refused .*"reason":"bad-handshake"/);
    await b.waitForOutput(/lan connection refused .*"reason":"bad-handshake"/);
    expect((await health(rotated)).peers).toEqual([]);
    await b.stop();
    const rejoined = await bed.hub({ dataDir: b.dataDir, lanPort: b.lanPort, join: newInvite });
    await eventually(async () => (await health(rejoined)).peers.length === 1, () => 'B never reconnected with the new invite');
  });

  it('drops a handshake that stalls at 5 s, and garbage leaves the peer serving others', async () => {
    const a = await bed.hub({ create: 'Ops & Product' });
    const silent = await rawSocket(a.lanPort);
    const stalled = await rawSocket(a.lanPort);
    // A first byte, then nothing: past the first-bytes deadline, so the handshake's own 5 s applies.
    stalled.socket.write(Buffer.from('T'));
    const b = await bed.hub({ join: await inviteOf(a) });
    const [ca, cb] = [await bed.client(a), await bed.client(b)];
    const { boardId, memberId } = await joinedWorkspace(ca);
    await joinedWorkspace(cb);

    const garbage = [randomBytes(4_096), Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), Buffer.concat([Buffer.from('TNDM'), Buffer.from([PROTOCOL_VERSION >> 8, PROTOCOL_VERSION & 0xff, 0]), Buffer.from([0xff, 0xff, 0xff, 0xff])])];
    for (const bytes of garbage) {
      const socket = await rawSocket(a.lanPort);
      socket.socket.write(bytes);
      await socket.closed;
    }
    await addGoal(ca, boardId, 'Still syncing after the garbage', memberId);
    await eventually(() => goalTitles(cb, boardId).includes('Still syncing after the garbage'), () => 'B stopped hearing from A');

    // A socket that never sends a byte is closed sooner, at the first-bytes deadline.
    const silentClosedAt = await silent.closed;
    expect(silentClosedAt - silent.openedAt).toBeLessThan(4_000);
    const closedAt = await stalled.closed;
    expect(closedAt - stalled.openedAt).toBeGreaterThanOrEqual(4_800);
    expect(closedAt - stalled.openedAt).toBeLessThan(7_000);
    expect(a.output()).toMatch(/lan connection refused .*"reason":"handshake-timeout"/);
    expect(a.output()).toMatch(/lan connection refused .*"reason":"(bad-handshake|handshake-oversized)"/);
    expect((await health(a)).peers).toHaveLength(1);
  });

  it('refuses bad LAN flags and mistyped invite codes by name', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['dist/peer/peer.cjs', '--data', bed.dataDir(), ...args], { encoding: 'utf8' });
    expect(run('--lan-port', '70000').stderr).toContain('--lan-port must be a whole number from 0 to 65535');
    expect(run('--lan-host', 'office-hub').stderr).toContain('--lan-host must be an IP address');
    expect(run('--peer', 'nowhere').stderr).toContain('--peer must be host:port');
    const typo = run('--join', 'TANDEM1-0000-1111', '--lan-host', '127.0.0.1', '--no-discovery');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('the invite code is not valid (errors.inviteChecksum)');
  });

  it('sends nothing readable: no doc text, workspace name or id, peer or member id, or secret crosses the LAN', async () => {
    const name = 'Ops & Product Quarterly';
    const a = await bed.hub({ create: name });
    const invite = await inviteOf(a);
    const relay = await startRelay(a.lanPort);
    bed.defer(() => relay.close());
    const b = await bed.hub({ join: withAddresses(invite, [relay.address]) });
    const [ca, cb] = [await bed.client(a), await bed.client(b)];
    const { workspaceId, boardId, memberId } = await joinedWorkspace(ca);
    const joined = await joinedWorkspace(cb);
    await addGoal(ca, boardId, 'Grow weekly active users', memberId);
    await addGoal(cb, boardId, 'Cut onboarding time to a day', joined.memberId);
    await eventually(() => goalTitles(ca, boardId).length === 2 && goalTitles(cb, boardId).length === 2, () => 'the goals never crossed');

    const wire = relay.captured();
    expect(wire.length).toBeGreaterThan(1_000);
    const secrets = [name, 'Grow weekly active users', 'Cut onboarding', 'Goals', workspaceId, boardId, memberId, joined.memberId, (await health(a)).peers[0]?.peerId ?? 'p_'];
    for (const text of secrets) expect(wire.includes(Buffer.from(text)), `"${text}" is readable on the wire`).toBe(false);
    expect(wire.includes(Buffer.from(decodeInvite(invite).secret))).toBe(false);
  });
});
