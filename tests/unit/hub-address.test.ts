// The hub's remembered browser address: the token file is the owner's alone and is reused at
// the next start, flags override it, and --new-token rotates the token on purpose.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseHubAddress, HUB_ADDRESS_FILE, portTakenMessage, readHubAddress, rememberHubAddress } from '../../electron/peer/hub-address';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-hub-address-'));
  dirs.push(dir);
  return dir;
}

describe('the hub address', () => {
  it('is written owner-only and reused at the next start', async () => {
    const dir = dataDir();
    const first = chooseHubAddress({ newToken: false }, await readHubAddress(dir));
    expect(first).toMatchObject({ port: 0, portIsRemembered: false });
    await rememberHubAddress(dir, { port: 43_210, token: first.token });
    expect(statSync(join(dir, HUB_ADDRESS_FILE)).mode & 0o777).toBe(0o600);

    const second = chooseHubAddress({ newToken: false }, await readHubAddress(dir));
    expect(second).toEqual({ port: 43_210, token: first.token, portIsRemembered: true });
  });

  it('narrows a token file someone widened back to owner-only', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, HUB_ADDRESS_FILE), JSON.stringify({ port: 4000, token: 'a'.repeat(32) }), { mode: 0o644 });
    await rememberHubAddress(dir, { port: 4000, token: 'a'.repeat(32) });
    expect(statSync(join(dir, HUB_ADDRESS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('lets --port and --token override what is remembered', async () => {
    const remembered = { port: 4000, token: 'r'.repeat(32) };
    expect(chooseHubAddress({ port: 5000, token: 't'.repeat(20), newToken: false }, remembered)).toEqual({ port: 5000, token: 't'.repeat(20), portIsRemembered: false });
    expect(chooseHubAddress({ port: 0, newToken: false }, remembered)).toEqual({ port: 0, token: remembered.token, portIsRemembered: false });
  });

  it('gives a new token with --new-token and keeps the port', async () => {
    const remembered = { port: 4000, token: 'r'.repeat(32) };
    const rotated = chooseHubAddress({ newToken: true }, remembered);
    expect(rotated.token).not.toBe(remembered.token);
    expect(rotated.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(rotated).toMatchObject({ port: 4000, portIsRemembered: true });
  });

  it('treats a damaged file as nothing remembered, keeping whatever part is valid', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, HUB_ADDRESS_FILE), '{not json');
    expect(await readHubAddress(dir)).toEqual({});
    writeFileSync(join(dir, HUB_ADDRESS_FILE), JSON.stringify({ port: 99_999, token: 'short' }));
    expect(await readHubAddress(dir)).toEqual({});
    writeFileSync(join(dir, HUB_ADDRESS_FILE), JSON.stringify({ port: 4000, token: 'x' }));
    expect(await readHubAddress(dir)).toEqual({ port: 4000 });
    expect(JSON.parse(readFileSync(join(dir, HUB_ADDRESS_FILE), 'utf8'))).toMatchObject({ port: 4000 });
  });

  it('says in one line which port was taken, which one it took, and how to get the old tab\'s edits', () => {
    const line = portTakenMessage(4000, 4555);
    expect(line).not.toContain('\n');
    expect(line).toContain('port 4000');
    expect(line).toContain('port 4555 instead');
    expect(line).toContain('http://127.0.0.1:4000');
    expect(line).toContain('Import unsynced edits');
  });
});
