// The hub as a real process keeps its browser address across restarts: started with the
// defaults it comes back on the same port with the same token, --new-token makes the old
// token fail, and a remembered port held by another program is named in one line.
import { createServer, type Server } from 'node:net';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, startHub, tempDataDir, type RunningHub } from '../support/hub';
import { LinkTestClient, waitFor } from './support/link-test-client';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hubWithDefaults(dataDir: string, extra: readonly string[] = []): Promise<RunningHub> {
  const hub = await startHub({ dataDir, addressFlags: extra });
  cleanups.push(async () => void (await hub.stop()));
  return hub;
}

async function canLink(hub: RunningHub, token: string): Promise<boolean> {
  try {
    const client = await LinkTestClient.connect(hub.port, token);
    await waitFor(() => client.hello !== null);
    client.close();
    return true;
  } catch {
    return false;
  }
}

describe('the hub address across restarts', () => {
  it('comes back on the same port and token, owner-only, and --new-token refuses the old token', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => removeDir(dataDir));
    const first = await hubWithDefaults(dataDir);
    expect(statSync(join(dataDir, 'hub-address.json')).mode & 0o777).toBe(0o600);
    await first.stop();

    const second = await hubWithDefaults(dataDir);
    expect(second.url).toBe(first.url);
    expect(await canLink(second, first.token)).toBe(true);
    await second.stop();

    const rotated = await hubWithDefaults(dataDir, ['--new-token']);
    expect(rotated.port).toBe(first.port);
    expect(rotated.token).not.toBe(first.token);
    expect(await canLink(rotated, first.token)).toBe(false);
    expect(await canLink(rotated, rotated.token)).toBe(true);
    await rotated.stop();

    const afterRotation = await hubWithDefaults(dataDir);
    expect(afterRotation.token).toBe(rotated.token);
  });

  it('takes another port when the remembered one is held by another program, says so in one line, and tries the old one next time', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => removeDir(dataDir));
    const first = await hubWithDefaults(dataDir);
    await first.stop();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(first.port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

    const moved = await hubWithDefaults(dataDir);
    expect(moved.port).not.toBe(first.port);
    expect(moved.token).toBe(first.token);
    const line = (await moved.waitForOutput(/^Tandem hub: port \d+ .*$/m))[0];
    expect(line).toContain(`port ${first.port} (remembered from the last start) is taken by another program; this hub is on port ${moved.port} instead`);
    await moved.stop();
    await new Promise<void>((resolve) => squatter.close(() => resolve()));

    const back = await hubWithDefaults(dataDir);
    expect(back.url).toBe(first.url);
  });
});
