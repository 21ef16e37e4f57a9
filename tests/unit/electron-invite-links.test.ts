// `tandem://join` links opened from the OS, against the fake `electron` module: Tandem registers
// as the scheme's handler, and a link reaches the page whether it started the app (argv), came
// from a second instance (Windows, Linux) or from `open-url` (macOS) — once, and only if it is
// an invite link.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EVENT_INVITE_LINK, findInviteLink } from '../../shared/api/bridge';
import { startShell } from '../../electron/main/shell';
import { createFakeElectron, preventable, type FakeElectron } from '../fakes/electron';

const paths = { rendererDir: '/opt/tandem/dist/renderer', preloadPath: '/opt/tandem/dist/electron/preload.cjs', peerModulePath: '/opt/tandem/dist/peer/peer.cjs' };
const LINK = 'tandem://join?code=TANDEM1-ABCD-EFGH';
let userData: string;

beforeEach(async () => {
  userData = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-links-'));
});
afterEach(async () => {
  await fs.rm(userData, { recursive: true, force: true });
});

async function launch(options: { argv?: string[]; platform?: NodeJS.Platform; isPackaged?: boolean; beforeReady?: (fake: FakeElectron) => void } = {}) {
  const fake = createFakeElectron({ userData, isPackaged: options.isPackaged ?? true });
  const logs: string[] = [];
  const shell = startShell(fake, paths, { log: (line) => logs.push(line), argv: options.argv ?? ['/opt/tandem/tandem'], platform: options.platform ?? 'linux' });
  options.beforeReady?.(fake);
  fake.app.ready();
  expect(await shell.ready).toBe(true);
  const take = () => fake.ipcMain.invoke('tandem:take-invite-link', {});
  const linksSent = () => fake.BrowserWindow.instances[0]!.webContents.sent.filter((m) => m.channel === EVENT_INVITE_LINK).map((m) => m.args[0]);
  return { fake, logs, take, linksSent };
}

describe('tandem:// links from the OS', () => {
  it('Tandem asks the OS for the tandem scheme; a development build on Windows names its own folder', async () => {
    const packaged = await launch();
    expect(packaged.fake.app.protocolClients).toEqual([{ protocol: 'tandem', path: undefined, args: undefined }]);
    const dev = await launch({ platform: 'win32', isPackaged: false, argv: ['C:\\electron.exe', 'C:\\src\\tandem'] });
    expect(dev.fake.app.protocolClients[0]).toMatchObject({ protocol: 'tandem', args: [path.resolve('C:\\src\\tandem')] });
  });

  it('a link Tandem was started with is handed to the page once', async () => {
    const { take } = await launch({ argv: ['/opt/tandem/tandem', '--no-sandbox', LINK] });
    expect(await take()).toEqual({ ok: true, value: LINK });
    expect(await take()).toEqual({ ok: true, value: null });
  });

  it('a link from a second instance focuses the window and reaches the listening page as an event', async () => {
    const { fake, take, linksSent } = await launch();
    expect(await take()).toEqual({ ok: true, value: null });
    const window = fake.BrowserWindow.instances[0]!;
    window.minimized = true;
    fake.app.emit('second-instance', {}, ['/opt/tandem/tandem', LINK]);
    expect(window.minimized).toBe(false);
    expect(linksSent()).toEqual([LINK]);
    expect(await take()).toEqual({ ok: true, value: null });
  });

  it('macOS open-url before the page listens is kept for the page, and the default is prevented', async () => {
    const event = preventable();
    const { take, linksSent } = await launch({ platform: 'darwin', beforeReady: (fake) => fake.app.emit('open-url', event, LINK) });
    expect(event.defaultPrevented).toBe(true);
    expect(linksSent()).toEqual([]);
    expect(await take()).toEqual({ ok: true, value: LINK });
  });

  it('finds the join link among command-line arguments, and nothing else', () => {
    expect(findInviteLink(['/usr/bin/tandem', '--flag', LINK])).toBe(LINK);
    expect(findInviteLink(['/usr/bin/tandem', 'tandem://app/index.html', 42])).toBeNull();
  });

  it('anything that is not a join link is ignored and logged, and never reaches the page', async () => {
    const { fake, take, linksSent, logs } = await launch();
    await take();
    fake.app.emit('open-url', preventable(), 'tandem://app/../../etc/passwd');
    fake.app.emit('open-url', preventable(), `tandem://join?code=${'A'.repeat(5_000)}`);
    fake.app.emit('second-instance', {}, ['/opt/tandem/tandem', 'https://example.invalid/join']);
    expect(linksSent()).toEqual([]);
    expect(logs.filter((l) => l.includes('not an invite'))).toHaveLength(2);
  });
});
