// Tandem's window and the locks on it: sandboxed, context-isolated web preferences, no
// navigation away from the app's own origin, no pop-ups, no <webview>, and no permission ever
// granted to web content (the window half of Electron's security checklist).
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { isAppUrl } from './app-protocol';
import type { BrowserWindowClass, BrowserWindowLike, NavigationEvent, SessionLike, WebContentsLike } from './electron-api';

export const WINDOW_SIZE = { width: 1280, height: 820, minWidth: 880, minHeight: 560 } as const;

/** The only web preferences a Tandem window is ever created with. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    preload: preloadPath,
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    ...WINDOW_SIZE,
    title: 'Tandem',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export interface MainWindowOptions {
  BrowserWindow: BrowserWindowClass;
  preloadPath: string;
  /** The app page to load, e.g. `tandem://app/index.html`. */
  url: string;
  log?: (line: string) => void;
}

/** Creates a locked-down window, loads the app into it and shows it once it has painted. */
export function createMainWindow({ BrowserWindow, preloadPath, url, log = () => undefined }: MainWindowOptions): BrowserWindowLike {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  lockNavigation(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.loadURL(url).catch((error: unknown) => log(`Tandem: cannot load ${url}: ${(error as Error).message}`));
  return window;
}

/** No navigation or redirect away from the app's own origin, for the life of the contents. */
export function lockNavigation(contents: WebContentsLike): void {
  const stayInApp = (event: NavigationEvent) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  denyPopupsAndWebviews(contents);
}

/** Applied to every web contents the app ever creates, whatever created it. */
export function denyPopupsAndWebviews(contents: WebContentsLike): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Web content gets no permission: no camera, microphone, notifications, geolocation, … */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Brings a window to the front, un-minimising it first (used when a second instance starts). */
export function focusWindow(window: BrowserWindowLike | undefined | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
