// The IPC bridge in the main process, through a whole shell on the fake `electron` module:
// every channel answers valid calls with {ok:true}, and refuses bad arguments, unknown
// channels and foreign sender frames with {ok:false, error} and no effect at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EVENT_LINK_PORT, MAX_BRIDGE_STRING, invokeChannels } from '../../shared/api/bridge';
import { createInvokeDispatcher, createInvokeHandlers, ShellError } from '../../electron/main/ipc';
import { startShell } from '../../electron/main/shell';
import { FakeSession, FakeWebContents, createFakeElectron, type FakeElectron } from '../fakes/electron';

let userData: string;
beforeEach(async () => {
  userData = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-ipc-'));
});
afterEach(async () => {
  await fs.rm(userData, { recursive: true, force: true });
});

async function launch(options: { locale?: string } = {}) {
  const fake = createFakeElectron({ userData, version: '2.5.0', ...options });
  const shell = startShell(fake, { rendererDir: '/r', preloadPath: '/p.cjs', peerModulePath: '/peer.cjs' }, { log: () => undefined, platform: 'linux' });
  fake.app.ready();
  await shell.ready;
  return { fake, shell, window: fake.BrowserWindow.instances[0]!, peer: fake.utilityProcess.children[0]! };
}

const settingsFile = () => path.join(userData, 'settings.json');
const readSettings = async () => JSON.parse(await fs.readFile(settingsFile(), 'utf8')) as unknown;

/** Everything a call could have changed, to show that a refused call changed nothing. */
async function effects(fake: FakeElectron) {
  return {
    files: (await fs.readdir(userData)).sort(),
    menus: fake.Menu.templates.length,
    opened: fake.shell.opened.length,
    portsToPeer: fake.utilityProcess.children.reduce((n, child) => n + child.posted.length, 0),
    portsToWindows: fake.BrowserWindow.instances.reduce((n, w) => n + w.webContents.posted.length, 0),
  };
}

describe('valid calls', () => {
  it('every bridge channel has a handler, and no other channel does', async () => {
    const { fake } = await launch();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.keys(invokeChannels).sort());
  });

  it('app-info tells the version, language, data folder and platform', async () => {
    const { fake } = await launch();
    expect(await fake.ipcMain.invoke('tandem:app-info', {})).toEqual({
      ok: true,
      value: { version: '2.5.0', locale: 'en', dataDir: path.join(userData, 'data'), platform: 'linux' },
    });
  });

  it('set-locale saves the language atomically and rebuilds the menu in Chinese', async () => {
    const { fake } = await launch();
    expect(await fake.ipcMain.invoke('tandem:set-locale', {}, 'zh-CN')).toEqual({ ok: true, value: 'zh-CN' });
    expect(await readSettings()).toEqual({ locale: 'zh-CN' });
    expect(await fs.readdir(userData)).not.toContainEqual(expect.stringContaining('.tmp'));
    const labels = fake.Menu.applicationMenu!.template.map((item) => item.label);
    expect(labels).toContain('编辑');
    expect(labels).toContain('视图');
    expect(await fake.ipcMain.invoke('tandem:app-info', {})).toMatchObject({ ok: true, value: { locale: 'zh-CN' } });
  });

  it('request-link gives the peer one end of a new channel and the asking window the other', async () => {
    const { fake, window, peer } = await launch();
    expect(await fake.ipcMain.invoke('tandem:request-link', { sender: window.webContents })).toEqual({ ok: true, value: true });
    const toPeer = peer.posted.at(-1)!;
    const toWindow = window.webContents.posted.at(-1)!;
    expect(toPeer.message).toEqual({ type: 'link' });
    expect(toWindow).toMatchObject({ channel: EVENT_LINK_PORT, message: null });
    expect(toPeer.transfer).toHaveLength(1);
    expect(toWindow.transfer).toHaveLength(1);
    expect(toPeer.transfer[0]!.other).toBe(toWindow.transfer[0]);
  });

  it('show-item-in-folder opens the data folder', async () => {
    const { fake } = await launch();
    expect(await fake.ipcMain.invoke('tandem:show-item-in-folder', {}, 'data')).toEqual({ ok: true, value: true });
    expect(fake.shell.opened).toEqual([path.join(userData, 'data')]);
  });

  it('show-item-in-folder reports a folder the system cannot open', async () => {
    const { fake } = await launch();
    fake.shell.openPathResult = 'No application knows how to open this folder';
    expect(await fake.ipcMain.invoke('tandem:show-item-in-folder', {}, 'data')).toEqual({
      ok: false,
      error: { code: 'open-failed', message: 'No application knows how to open this folder' },
    });
  });

  it('a settings file that cannot be written is reported, and the language stays as it was', async () => {
    const { fake } = await launch();
    await fs.mkdir(settingsFile());
    expect(await fake.ipcMain.invoke('tandem:set-locale', {}, 'zh-CN')).toMatchObject({ ok: false, error: { code: 'settings-write-failed' } });
    expect(await fake.ipcMain.invoke('tandem:app-info', {})).toMatchObject({ ok: true, value: { locale: 'en' } });
  });
});

const long = 'x'.repeat(MAX_BRIDGE_STRING + 1);
const badCalls: [string, string, unknown[]][] = [
  ['app-info with an extra argument', 'tandem:app-info', ['extra']],
  ['app-info with a __proto__ object', 'tandem:app-info', [JSON.parse('{"__proto__":{"polluted":true}}')]],
  ['set-locale without an argument', 'tandem:set-locale', []],
  ['set-locale with a number', 'tandem:set-locale', [42]],
  ['set-locale with null', 'tandem:set-locale', [null]],
  ['set-locale with an unknown language', 'tandem:set-locale', ['fr']],
  ['set-locale with an extra argument', 'tandem:set-locale', ['en', 'zh-CN']],
  ['set-locale with a list', 'tandem:set-locale', [['zh-CN']]],
  ['set-locale with an object', 'tandem:set-locale', [{ locale: 'zh-CN' }]],
  ['set-locale with a __proto__ key', 'tandem:set-locale', [JSON.parse('{"__proto__":{"locale":"zh-CN"}}')]],
  ['set-locale with a constructor key', 'tandem:set-locale', [JSON.parse('{"constructor":{"prototype":{"polluted":true}}}')]],
  ['set-locale with an oversized string', 'tandem:set-locale', [long]],
  ['request-link with an argument', 'tandem:request-link', [true]],
  ['request-link with an oversized string', 'tandem:request-link', [long]],
  ['request-link with a __proto__ object', 'tandem:request-link', [JSON.parse('{"__proto__":{"polluted":true}}')]],
  ['show-item-in-folder without an argument', 'tandem:show-item-in-folder', []],
  ['show-item-in-folder with a path', 'tandem:show-item-in-folder', ['/etc']],
  ['show-item-in-folder with an extra argument', 'tandem:show-item-in-folder', ['data', 'data']],
  ['show-item-in-folder with a constructor key', 'tandem:show-item-in-folder', [JSON.parse('{"constructor":"data"}')]],
  ['show-item-in-folder with an oversized string', 'tandem:show-item-in-folder', [long]],
];

describe('refused calls', () => {
  it.each(badCalls)('%s gives an error result and has no effect', async (_name, channel, args) => {
    const { fake } = await launch();
    const before = await effects(fake);
    const result = (await fake.ipcMain.invoke(channel, {}, ...args)) as { ok: boolean; error?: { code: unknown; message: unknown } };
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid-arguments');
    expect(result.error?.message).toEqual(expect.any(String));
    expect(await effects(fake)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['https://evil.example/', 'http://127.0.0.1:5173/index.html', 'file:///opt/tandem/dist/renderer/index.html', 'tandem://app.evil/index.html', 'tandem://join/abc', 'about:blank', null])(
    'a call from a frame at %s is refused on every channel, with no effect',
    async (senderFrameUrl) => {
      const { fake } = await launch();
      const validArgs: Record<string, unknown[]> = { 'tandem:app-info': [], 'tandem:set-locale': ['zh-CN'], 'tandem:request-link': [], 'tandem:show-item-in-folder': ['data'] };
      const before = await effects(fake);
      for (const [channel, args] of Object.entries(validArgs)) {
        expect(await fake.ipcMain.invoke(channel, { senderFrameUrl }, ...args), channel).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
      }
      expect(await effects(fake)).toEqual(before);
    },
  );

  it('unknown channels get an error result and reach no handler', async () => {
    const calls: string[] = [];
    const dispatch = createInvokeDispatcher(
      createInvokeHandlers({
        appInfo: () => (calls.push('appInfo'), { version: '1', locale: 'en', dataDir: '/d', platform: 'linux' }),
        setLocale: async () => void calls.push('setLocale'),
        linkWindow: () => void calls.push('linkWindow'),
        openDataFolder: async () => void calls.push('openDataFolder'),
        takeInviteLink: () => (calls.push('takeInviteLink'), null),
      }),
    );
    const event = { sender: new FakeWebContents(new FakeSession()), senderFrame: { url: 'tandem://app/index.html' } };
    for (const channel of ['tandem:evil', 'tandem:APP-INFO', '__proto__', 'constructor', 'toString', '', 42, null]) {
      expect(await dispatch(event, channel, []), String(channel)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(calls).toEqual([]);
  });

  it('a handler that fails still answers with an error result, never a throw or undefined', async () => {
    const failing = createInvokeHandlers({
      appInfo: () => {
        throw new Error('disk on fire');
      },
      setLocale: async () => {
        throw new ShellError('settings-write-failed', 'read-only disk');
      },
      linkWindow: () => undefined,
      openDataFolder: async () => undefined,
      takeInviteLink: () => null,
    });
    const dispatch = createInvokeDispatcher(failing);
    const event = { sender: new FakeWebContents(new FakeSession()), senderFrame: { url: 'tandem://app/index.html' } };
    expect(await dispatch(event, 'tandem:app-info', [])).toEqual({ ok: false, error: { code: 'internal', message: 'disk on fire' } });
    expect(await dispatch(event, 'tandem:set-locale', ['en'])).toEqual({ ok: false, error: { code: 'settings-write-failed', message: 'read-only disk' } });
  });
});
