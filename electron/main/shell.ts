// The Electron shell's lifecycle: single-instance lock, the app scheme, the local peer, the
// menu, IPC and the window, wired together from the pieces in this folder. All state lives
// in the closure of `startShell`, so tests start as many shells as they like on a fake.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { EVENT_MENU_COMMAND, type Locale, type MenuCommand } from '../../shared/api/bridge';
import { APP_URL, installAppProtocol, registerAppScheme } from './app-protocol';
import type { BrowserWindowLike, ElectronMain } from './electron-api';
import { createInviteLinks, findInviteLink, registerInviteScheme } from './invite-links';
import { ShellError, createInvokeDispatcher, createInvokeHandlers, registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { createPeerProcess, type PeerProcess } from './peer-process';
import { createSettingsStore, resolveLocale } from './settings';
import { createMainWindow, denyAllPermissions, denyPopupsAndWebviews, focusWindow } from './window';

export interface ShellPaths {
  /** dist/renderer */
  rendererDir: string;
  /** dist/electron/preload.cjs */
  preloadPath: string;
  /** dist/peer/peer.cjs */
  peerModulePath: string;
}

export interface ShellOptions {
  platform?: NodeJS.Platform;
  /** The command line Tandem started with (a `tandem://join` link may be in it). */
  argv?: readonly string[];
  log?: (line: string) => void;
  peerOutput?: (chunk: Uint8Array | string) => void;
}

export interface Shell {
  /** Settles once the app is ready and the first window exists; false in a second instance. */
  readonly ready: Promise<boolean>;
  readonly locale: Locale;
  readonly dataDir: string;
}

export function startShell(electron: ElectronMain, paths: ShellPaths, options: ShellOptions = {}): Shell {
  const { app, BrowserWindow, Menu } = electron;
  const platform = options.platform ?? process.platform;
  const log = options.log ?? ((line: string) => console.error(line));

  if (!app.requestSingleInstanceLock()) {
    // Another Tandem is running: it focuses its window (`second-instance`); this one leaves.
    app.quit();
    return { ready: Promise.resolve(false), locale: 'en', dataDir: '' };
  }

  // Before `ready`: scheme privileges and the renderer sandbox are fixed at start-up.
  registerAppScheme(electron.protocol);
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => denyPopupsAndWebviews(contents));
  const inviteLinks = createInviteLinks(() => BrowserWindow.getAllWindows()[0], log);
  const startLink = findInviteLink(options.argv ?? process.argv);
  if (startLink) inviteLinks.open(startLink);
  // Windows and Linux start a second instance with the link; it hands its argv over and leaves.
  app.on('second-instance', (_event, argv) => {
    focusWindow(BrowserWindow.getAllWindows()[0]);
    const link = findInviteLink(Array.isArray(argv) ? argv : []);
    if (link) inviteLinks.open(link);
  });
  // macOS delivers links as events, possibly before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    inviteLinks.open(url);
    focusWindow(BrowserWindow.getAllWindows()[0]);
  });
  if (!registerInviteScheme(app, platform, options.argv ?? process.argv)) log('Tandem: could not register as the handler of tandem:// links');

  const userData = app.getPath('userData');
  const dataDir = path.join(userData, 'data');
  const settings = createSettingsStore(path.join(userData, 'settings.json'));
  let locale: Locale = 'en';
  let peer: PeerProcess | null = null;

  const windows = () => BrowserWindow.getAllWindows().filter((window) => !window.isDestroyed());
  const sendToWindow = (window: BrowserWindowLike | undefined | null, command: MenuCommand) => window?.webContents.send(EVENT_MENU_COMMAND, command);

  function rebuildMenu(): void {
    const template = buildMenuTemplate(
      { locale, isPackaged: app.isPackaged, platform },
      {
        sendCommand: (command) => sendToWindow(BrowserWindow.getFocusedWindow() ?? windows()[0], command),
        selectLocale: (next) => {
          void setLocale(next).then(
            () => windows().forEach((window) => sendToWindow(window, next === 'zh-CN' ? 'locale:zh-CN' : 'locale:en')),
            (error: unknown) => log(`Tandem: cannot save the language: ${(error as Error).message}`),
          );
        },
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  async function setLocale(next: Locale): Promise<void> {
    try {
      await settings.save({ locale: next });
    } catch (error) {
      throw new ShellError('settings-write-failed', `Cannot save the settings: ${(error as Error).message}`);
    }
    locale = next;
    rebuildMenu();
  }

  function openWindow(): BrowserWindowLike {
    return createMainWindow({ BrowserWindow, preloadPath: paths.preloadPath, url: APP_URL, log });
  }

  const ready = app.whenReady().then(async () => {
    locale = resolveLocale((await settings.load()).locale, app.getLocale());
    app.setAboutPanelOptions({ applicationName: 'Tandem', applicationVersion: app.getVersion() });
    denyAllPermissions(electron.session.defaultSession);
    installAppProtocol(electron.protocol, paths.rendererDir);

    const localPeer = createPeerProcess({
      utilityProcess: electron.utilityProcess,
      MessageChannelMain: electron.MessageChannelMain,
      modulePath: paths.peerModulePath,
      dataDir,
      log,
      output: options.peerOutput,
      onDidRestart: () => windows().forEach((window) => localPeer.link(window.webContents)),
    });
    peer = localPeer;
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    localPeer.start();

    const handlers = createInvokeHandlers({
      appInfo: () => ({ version: app.getVersion(), locale, dataDir, platform }),
      setLocale,
      // While the peer restarts there is nothing to link to; the restart links every window.
      linkWindow: (contents) => void localPeer.link(contents),
      takeInviteLink: () => inviteLinks.take(),
      openDataFolder: async () => {
        await mkdir(dataDir, { recursive: true, mode: 0o700 });
        const problem = await electron.shell.openPath(dataDir);
        if (problem) throw new ShellError('open-failed', problem);
      },
    });
    registerIpcHandlers(electron.ipcMain, createInvokeDispatcher(handlers, log));
    rebuildMenu();
    openWindow();
    return true;
  });
  ready.catch((error: unknown) => {
    log(`Tandem: cannot start: ${(error as Error)?.stack ?? String(error)}`);
    app.quit();
  });

  app.on('activate', () => {
    if (peer && windows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  // Hold the quit until the peer has flushed every acknowledged write (bounded by its timeout).
  let quit: 'running' | 'stopping-peer' | 'peer-stopped' = 'running';
  app.on('before-quit', (event) => {
    if (quit === 'peer-stopped' || !peer) return;
    event.preventDefault();
    if (quit === 'stopping-peer') return;
    quit = 'stopping-peer';
    void peer.stop().finally(() => {
      quit = 'peer-stopped';
      app.quit();
    });
  });

  return {
    ready,
    get locale() {
      return locale;
    },
    dataDir,
  };
}
