// The slice of Electron's main-process API the shell uses. Modules take these pieces as
// arguments instead of importing `electron`, so tests drive them with a fake
// (tests/fakes/electron.ts) and the compiler checks in main.ts that the real module fits.
import type { AboutPanelOptionsOptions, BrowserWindowConstructorOptions, CustomScheme, ForkOptions, Menu, MenuItemConstructorOptions } from 'electron';

export interface PreventableEvent {
  preventDefault(): void;
}

/** A `MessagePortMain`: one end of a channel between main, a window and the peer process. */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

export interface MessageChannelLike {
  readonly port1: MessagePortLike;
  readonly port2: MessagePortLike;
}

export type MessageChannelClass = new () => MessageChannelLike;

export interface SessionLike {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean): void;
}

/** Where a window's link port is delivered: a window's `webContents`. */
export interface PortReceiver {
  postMessage(channel: string, message: unknown, transfer?: MessagePortLike[]): void;
  isDestroyed(): boolean;
}

/** `will-navigate` / `will-redirect` details (the positional `url` argument is deprecated). */
export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
}

export interface WebContentsLike extends PortReceiver {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  send(channel: string, ...args: unknown[]): void;
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  loadURL(url: string): Promise<void>;
}

export interface BrowserWindowClass {
  new (options: BrowserWindowConstructorOptions): BrowserWindowLike;
  getAllWindows(): BrowserWindowLike[];
  getFocusedWindow(): BrowserWindowLike | null;
}

export interface AppLike {
  readonly isPackaged: boolean;
  getVersion(): string;
  getLocale(): string;
  getPath(name: 'userData'): string;
  requestSingleInstanceLock(): boolean;
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  enableSandbox(): void;
  setAboutPanelOptions(options: AboutPanelOptionsOptions): void;
  whenReady(): Promise<unknown>;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'open-url', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

/** What an IPC invoke handler learns about its caller. */
export interface InvokeEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

export interface MenuModule {
  buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
  setApplicationMenu(menu: Menu): void;
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

/** The local peer running in a `utilityProcess`. */
export interface PeerChildLike {
  readonly stdout: { on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown } | null;
  readonly stderr: { on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown } | null;
  postMessage(message: unknown, transfer?: MessagePortLike[]): void;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  kill(): boolean;
}

export interface UtilityProcessModule {
  fork(modulePath: string, args: string[], options: ForkOptions): PeerChildLike;
}

export interface ShellModule {
  openPath(path: string): Promise<string>;
}

/** Everything the shell takes from the `electron` module. */
export interface ElectronMain {
  app: AppLike;
  BrowserWindow: BrowserWindowClass;
  ipcMain: IpcMainLike;
  Menu: MenuModule;
  MessageChannelMain: MessageChannelClass;
  protocol: ProtocolLike;
  session: { readonly defaultSession: SessionLike };
  shell: ShellModule;
  utilityProcess: UtilityProcessModule;
}
