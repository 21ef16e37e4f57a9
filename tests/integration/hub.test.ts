// The hub as a real process on loopback: what it prints and serves, how it guards the local
// link, how it treats bad input, and that it stops without losing an acknowledged update.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createGoal, readGoalsBoard } from '../../shared/model';
import { LINK_LIMITS, PROTOCOL_VERSION } from '../../shared/protocol/frame';
import { removeDir, startHub, tempDataDir, type RunningHub } from '../support/hub';
import { LinkTestClient, waitFor } from './support/link-test-client';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hubOn(dataDir = tempDataDir(), token?: string): Promise<RunningHub> {
  const hub = await startHub({ dataDir, ...(token ? { token } : {}) });
  cleanups.push(() => removeDir(dataDir));
  cleanups.push(async () => void (await hub.stop()));
  return hub;
}

async function setUpWorkspace(client: LinkTestClient): Promise<{ workspaceId: string; boardId: string; memberId: string }> {
  const response = (await client.request('create-workspace', { workspaceName: 'Ops & Product', memberName: 'Mei', team: 'product', goalsBoardName: 'Goals' })) as { ok: boolean; value: { workspace: { id: string; memberId: string } } };
  expect(response.ok).toBe(true);
  const { id: workspaceId, memberId } = response.value.workspace;
  const ws = client.open(workspaceId);
  await waitFor(() => ws.getMap('boards').size === 1);
  const boardId = [...ws.getMap('boards').keys()][0] as string;
  return { workspaceId, boardId, memberId };
}

describe('the hub', () => {
  it('prints its URL, answers /healthz and serves the renderer with a strict CSP', async () => {
    const hub = await hubOn();
    expect(hub.output()).toMatch(/^Tandem hub ready: http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/m);
    const health = await (await fetch(`http://127.0.0.1:${hub.port}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, version: expect.any(String), peerId: expect.stringMatching(/^p_/) });
    const page = await fetch(`http://127.0.0.1:${hub.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    const traversal = await fetch(`http://127.0.0.1:${hub.port}/%2e%2e/%2e%2e/package.json`);
    expect(traversal.status).toBe(404);
  });

  it('refuses a link with a wrong or missing token before reading a frame', async () => {
    const hub = await hubOn();
    await expect(LinkTestClient.connect(hub.port, 'not-the-token-at-all')).rejects.toThrow('refused 401');
    await expect(LinkTestClient.connect(hub.port, '')).rejects.toThrow('refused 401');
    const client = await LinkTestClient.connect(hub.port, hub.token);
    cleanups.push(() => client.close());
    await waitFor(() => client.hello !== null);
    expect(client.hello).toMatchObject({ protocol: PROTOCOL_VERSION, workspace: null });
    expect(hub.output()).toContain('refused a local link with a wrong token');
  });

  it('acknowledges an edit only once it is on disk, and keeps it across SIGTERM and restart', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => removeDir(dataDir));
    const hub = await startHub({ dataDir });
    const client = await LinkTestClient.connect(hub.port, hub.token);
    const { boardId, memberId } = await setUpWorkspace(client);
    const board = client.open(boardId);
    await waitFor(() => board.getMap('meta').get('kind') === 'goals');
    createGoal(board, { title: 'Grow weekly active users', team: 'shared', period: { kind: 'quarter', start: '2026-01-01', end: '2026-03-31' }, createdBy: memberId });
    await client.waitSaved(boardId);
    expect(await hub.stop('SIGTERM')).toBe(0);

    const again = await startHub({ dataDir });
    cleanups.push(async () => void (await again.stop()));
    const reader = await LinkTestClient.connect(again.port, again.token);
    cleanups.push(() => reader.close());
    const copy = reader.open(boardId);
    await waitFor(() => readGoalsBoard(copy, '2026-02-01').goals.length === 1);
    expect(readGoalsBoard(copy, '2026-02-01').goals[0]?.title).toBe('Grow weekly active users');
  });

  it('closes a connection that sends garbage, leaves the store byte-identical and keeps serving others', async () => {
    const hub = await hubOn();
    const good = await LinkTestClient.connect(hub.port, hub.token);
    cleanups.push(() => good.close());
    const { boardId } = await setUpWorkspace(good);
    good.open(boardId);
    await good.waitSaved(boardId);
    const docsDir = join(hub.dataDir, 'docs');
    const before = readdirSync(docsDir).map((f) => readFileSync(join(docsDir, f)).toString('hex'));

    for (const garbage of [Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]), Buffer.from('hello there'), Buffer.concat([Buffer.from([boardId.length]), Buffer.from(boardId), Buffer.from([0, 2, 50, 1, 2, 3])])]) {
      const bad = await LinkTestClient.connect(hub.port, hub.token);
      bad.ws.send(garbage);
      await waitFor(() => bad.closed);
    }
    const oversized = await LinkTestClient.connect(hub.port, hub.token);
    oversized.ws.send(Buffer.alloc(LINK_LIMITS.maxFrameBytes + 1));
    await waitFor(() => oversized.closed);
    expect(oversized.closeCode).toBe(1009);

    expect(readdirSync(docsDir).map((f) => readFileSync(join(docsDir, f)).toString('hex'))).toEqual(before);
    expect(good.closed, hub.output()).toBe(false);
    const health = await (await fetch(`http://127.0.0.1:${hub.port}/healthz`)).json();
    expect(health.protocolErrors).toBeGreaterThanOrEqual(3);
    expect(hub.output()).toContain('closing a local link after bad input');
  });

  it('refuses to share a data folder with another running peer', async () => {
    const hub = await hubOn();
    await expect(startHub({ dataDir: hub.dataDir })).rejects.toThrow(/in use by another Tandem process/);
  });

  it('uses the desktop app’s data folder when --data is not given, and says where', () => {
    const home = tempDataDir();
    cleanups.push(() => removeDir(home));
    const result = spawnSync(process.execPath, ['dist/peer/peer.cjs', '--port', 'x'], { env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port must be a whole number');
    const help = spawnSync(process.execPath, ['dist/peer/peer.cjs', '--help'], { encoding: 'utf8' });
    expect(help.stdout).toContain('Usage: npm run hub');
  });
});
