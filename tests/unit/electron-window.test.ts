// The Electron window and its locks, against the fake `electron` module: secure web
// preferences, no navigation away from the app, no pop-ups or webviews, no permissions, and
// the single-instance lock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { APP_URL } from '../../electron/main/app-protocol';
import { startShell } from '../../electron/main/shell';
import { createMainWindow, denyAllPermissions, mainWindowOptions } from '../../electron/main/window';
import { FakeWebContents, createFakeElectron, type FakeElectron } from '../fakes/electron';

const paths = { rendererDir: '/opt/tandem/dist/renderer', preloadPath: '/opt/tandem/dist/electron/preload.cjs', peerModulePath: '/opt/tandem/dist/peer/peer.cjs' };
let userData: string;

beforeEach(async () => {
  userData = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-window-'));
});
afterEach(async () => {
  await fs.rm(userData, { recursive: true, force: true });
});

async function launch(fake: FakeElectron = createFakeElectron({ userData })) {
  const shell = startShell(fake, paths, { log: () => undefined });
  fake.app.ready();
  await shell.ready;
  return { fake, shell, window: fake.BrowserWindow.instances[0]! };
}

describe('the Tandem window', () => {
  it('is sandboxed, context-isolated and has no Node integration, webviews or insecure content', () => {
    expect(mainWindowOptions(paths.preloadPath).webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: paths.preloadPath,
    });
  });

  it('opens the app page from the tandem scheme, titled Tandem, with a sensible minimum size', async () => {
    const { window } = await launch();
    expect(window.options).toMatchObject({ title: 'Tandem', show: false, width: 1280, height: 820, minWidth: 880, minHeight: 560 });
    expect(window.options.webPreferences?.preload).toBe(paths.preloadPath);
    expect(window.loadedUrls).toEqual([APP_URL]);
    expect(APP_URL).toBe('tandem://app/index.html');
  });

  it('stays hidden until its first paint is ready, then shows', () => {
    const fake = createFakeElectron();
    createMainWindow({ BrowserWindow: fake.BrowserWindow, preloadPath: paths.preloadPath, url: APP_URL });
    const window = fake.BrowserWindow.instances[0]!;
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('refuses navigation and redirects to any other origin, and allows them inside the app', async () => {
    const { window } = await launch();
    const contents = window.webContents;
    for (const url of ['https://evil.example/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'tandem://join/abc', 'tandem://app.evil.example/index.html', 'javascript:alert(1)', 'data:text/html,hi', 'not a url']) {
      expect(contents.attempt('will-navigate', url), url).toBe(true);
      expect(contents.attempt('will-redirect', url), url).toBe(true);
    }
    expect(contents.attempt('will-navigate', 'tandem://app/index.html#board=1')).toBe(false);
    expect(contents.attempt('will-redirect', 'tandem://app/index.html')).toBe(false);
  });

  it('denies window.open for every URL, its own included', async () => {
    const { window } = await launch();
    for (const url of ['https://evil.example/', 'tandem://app/index.html', 'about:blank']) {
      expect(window.webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('prevents a <webview> from being attached', async () => {
    const { window } = await launch();
    expect(window.webContents.attempt('will-attach-webview')).toBe(true);
  });

  it('denies pop-ups and webviews in web contents created anywhere else in the app too', async () => {
    const { fake } = await launch();
    const other = new FakeWebContents(fake.session.defaultSession);
    fake.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(other.attempt('will-attach-webview')).toBe(true);
  });
});

describe('permissions', () => {
  it('every permission request from web content is denied', async () => {
    const { fake } = await launch();
    const session = fake.session.defaultSession;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      session.requestHandler?.(null, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
      expect(session.checkHandler?.(null, permission, 'tandem://app'), permission).toBe(false);
    }
  });

  it('denyAllPermissions installs both the request and the check handler', () => {
    const fake = createFakeElectron();
    denyAllPermissions(fake.session.defaultSession);
    expect(fake.session.defaultSession.requestHandler).toBeTypeOf('function');
    expect(fake.session.defaultSession.checkHandler).toBeTypeOf('function');
  });
});

describe('single instance', () => {
  it('a second instance quits at once, without a window, a peer or the app scheme', async () => {
    const fake = createFakeElectron({ userData, lockGranted: false });
    const shell = startShell(fake, paths, { log: () => undefined });
    fake.app.ready();
    expect(await shell.ready).toBe(false);
    expect(fake.app.quitted).toBe(true);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.utilityProcess.children).toHaveLength(0);
    expect(fake.protocol.privileged).toHaveLength(0);
  });

  it('the first instance brings its window back when a second one starts', async () => {
    const { fake, window } = await launch();
    window.minimized = true;
    fake.app.emit('second-instance', {}, ['tandem'], userData);
    expect(window.minimized).toBe(false);
    expect(window.shown).toBe(true);
    expect(fake.BrowserWindow.getFocusedWindow()).toBe(window);
  });

  it('the renderer sandbox is enabled for the whole app', async () => {
    const { fake } = await launch();
    expect(fake.app.sandboxEnabled).toBe(true);
  });
});
