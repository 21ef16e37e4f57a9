// A small fake of the `electron` module for the shell's tests: it records window options,
// IPC handlers, menu templates, protocol handlers, forked utility processes and bridge
// exposures, and lets a test play Electron's part (emit events, invoke channels, crash the peer).
// One instance per test (`createFakeElectron()`); `vi.mock('electron', () => fake)` for the preload.
import type { BrowserWindowConstructorOptions, CustomScheme, ForkOptions, Menu, MenuItemConstructorOptions } from 'electron';

type Listener = (...args: never[]) => unknown;

/** Node-style events, enough for what the shell listens to. */
class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped = ((...args: never[]) => {
      this.removeListener(event, wrapped);
      return listener(...args);
    }) as Listener;
    return this.on(event, wrapped);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  emit(event: string, ...args: unknown[]): boolean {
    const current = [...(this.listeners.get(event) ?? [])];
    for (const listener of current) (listener as (...a: unknown[]) => unknown)(...args);
    return current.length > 0;
  }
}

/** An event a listener may cancel, as Electron's navigation and quit events are. */
export function preventable(): { defaultPrevented: boolean; preventDefault(): void } {
  const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
  return event;
}

export class FakeMessagePort extends Emitter {
  readonly posted: unknown[] = [];
  started = false;
  closed = false;
  other: FakeMessagePort | null = null;
  postMessage(message: unknown): void {
    this.posted.push(message);
    this.other?.emit('message', { data: message, ports: [] });
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
}

export class FakeSession {
  requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  checkHandler: ((contents: unknown, permission: string, requestingOrigin: string) => boolean) | null = null;
  setPermissionRequestHandler(handler: FakeSession['requestHandler']): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']): void {
    this.checkHandler = handler;
  }
}

let nextContentsId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly posted: { channel: string; message: unknown; transfer: FakeMessagePort[] }[] = [];
  destroyed = false;
  constructor(readonly session: FakeSession) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  postMessage(channel: string, message: unknown, transfer: FakeMessagePort[] = []): void {
    this.posted.push({ channel, message, transfer });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Plays a navigation (`will-navigate`, `will-redirect`) or a webview: true when a listener prevented it. */
  attempt(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    const details = Object.assign(preventable(), { url });
    this.emit(event, details, url);
    return details.defaultPrevented;
  }
}

export interface FakeInvokeOptions {
  senderFrameUrl?: string | null;
  sender?: FakeWebContents;
}

/** Creates one fake `electron` module with its own state. */
export function createFakeElectron(config: { locale?: string; userData?: string; isPackaged?: boolean; version?: string; lockGranted?: boolean } = {}) {
  let isReady = false;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  const defaultSession = new FakeSession();

  class FakeApp extends Emitter {
    isPackaged = config.isPackaged ?? false;
    locale = config.locale ?? 'en-US';
    userData = config.userData ?? '/tmp/tandem-fake-user-data';
    lockGranted = config.lockGranted ?? true;
    sandboxEnabled = false;
    quitRequests = 0;
    quitted = false;
    aboutPanel: unknown = null;
    getVersion = () => config.version ?? '1.2.3';
    getLocale = () => this.locale;
    getPath = (name: string) => {
      if (name !== 'userData') throw new Error(`fake app.getPath: ${name} is not faked`);
      return this.userData;
    };
    requestSingleInstanceLock = () => this.lockGranted;
    /** Schemes Tandem asked the OS to hand it, with the command it gave (dev builds on Windows). */
    readonly protocolClients: { protocol: string; path?: string; args?: string[] }[] = [];
    setAsDefaultProtocolClient = (protocol: string, path?: string, args?: string[]) => {
      this.protocolClients.push({ protocol, path, args });
      return true;
    };
    enableSandbox = () => void (this.sandboxEnabled = true);
    setAboutPanelOptions = (options: unknown) => void (this.aboutPanel = options);
    whenReady = () => readyPromise;
    isReady = () => isReady;
    /** Electron's quit: `before-quit` may cancel it. */
    quit = () => {
      this.quitRequests += 1;
      const event = preventable();
      this.emit('before-quit', event);
      if (!event.defaultPrevented) this.quitted = true;
    };
    /** The test's stand-in for Chromium finishing start-up. */
    ready = () => {
      isReady = true;
      markReady();
    };
  }
  const app = new FakeApp();

  const windows: FakeBrowserWindow[] = [];
  let focusedId: number | null = null;
  class FakeBrowserWindow extends Emitter {
    static readonly instances = windows;
    static getAllWindows = () => windows.filter((w) => !w.destroyed);
    static getFocusedWindow = () => windows.find((w) => w.webContents.id === focusedId && !w.destroyed) ?? null;
    readonly webContents = new FakeWebContents(defaultSession);
    readonly loadedUrls: string[] = [];
    shown = false;
    minimized = false;
    destroyed = false;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      windows.push(this);
    }
    show = () => void (this.shown = true);
    focus = () => void (focusedId = this.webContents.id);
    restore = () => void (this.minimized = false);
    isMinimized = () => this.minimized;
    isDestroyed = () => this.destroyed;
    loadURL = async (url: string) => void this.loadedUrls.push(url);
    destroy = () => {
      this.destroyed = true;
      this.webContents.destroyed = true;
    };
  }

  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handlers: ipcHandlers,
    handle(channel: string, listener: (event: never, ...args: unknown[]) => unknown) {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, listener as (event: unknown, ...args: unknown[]) => unknown);
    },
    /** Plays a renderer's `ipcRenderer.invoke`, from the app's page unless told otherwise. */
    async invoke(channel: string, options: FakeInvokeOptions, ...args: unknown[]): Promise<unknown> {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const sender = options.sender ?? windows[0]?.webContents ?? new FakeWebContents(defaultSession);
      const url = options.senderFrameUrl === undefined ? 'tandem://app/index.html' : options.senderFrameUrl;
      return handler({ sender, senderFrame: url === null ? null : { url } }, ...args);
    },
  };

  const menus: MenuItemConstructorOptions[][] = [];
  const Menu = {
    templates: menus,
    applicationMenu: null as { template: MenuItemConstructorOptions[] } | null,
    buildFromTemplate(template: MenuItemConstructorOptions[]): Menu {
      menus.push(template);
      return { template } as unknown as Menu;
    },
    setApplicationMenu(menu: Menu) {
      this.applicationMenu = menu as unknown as { template: MenuItemConstructorOptions[] };
    },
  };

  class MessageChannelMain {
    readonly port1 = new FakeMessagePort();
    readonly port2 = new FakeMessagePort();
    constructor() {
      this.port1.other = this.port2;
      this.port2.other = this.port1;
    }
  }

  const protocol = {
    privileged: [] as CustomScheme[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: CustomScheme[]) {
      if (isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      this.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      this.handlers.set(scheme, handler);
    },
  };

  class FakeUtilityProcess extends Emitter {
    readonly posted: { message: unknown; transfer: FakeMessagePort[] }[] = [];
    readonly stdout = new Emitter();
    readonly stderr = new Emitter();
    killed = false;
    exited = false;
    constructor(
      readonly modulePath: string,
      readonly args: string[],
      readonly options: ForkOptions,
    ) {
      super();
    }
    postMessage(message: unknown, transfer: FakeMessagePort[] = []): void {
      if (this.exited) throw new Error('The utility process has exited');
      this.posted.push({ message, transfer });
      if ((message as { type?: string }).type === 'shutdown' && utilityProcess.exitOnShutdown) queueMicrotask(() => this.exit(0));
    }
    kill(): boolean {
      this.killed = true;
      queueMicrotask(() => this.exit(null));
      return true;
    }
    /** Plays the process ending (a crash when the shell did not ask for it). */
    exit(code: number | null): void {
      if (this.exited) return;
      this.exited = true;
      this.emit('exit', code);
    }
  }
  const utilityProcess = {
    children: [] as FakeUtilityProcess[],
    exitOnShutdown: true,
    fork(modulePath: string, args: string[] = [], options: ForkOptions = {}) {
      if (!isReady) throw new Error('utilityProcess.fork can only be called after app is ready');
      const child = new FakeUtilityProcess(modulePath, args, options);
      this.children.push(child);
      return child;
    },
  };

  const shell = {
    opened: [] as string[],
    openPathResult: '',
    async openPath(path: string) {
      this.opened.push(path);
      return this.openPathResult;
    },
  };

  const contextBridge = {
    exposed: {} as Record<string, unknown>,
    exposeInMainWorld(key: string, api: unknown) {
      if (key in this.exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      this.exposed[key] = api;
    },
  };

  class FakeIpcRenderer extends Emitter {
    readonly invocations: { channel: string; args: unknown[] }[] = [];
    respond: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: true });
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      this.invocations.push({ channel, args });
      return this.respond(channel, args);
    }
    /** Plays a message from main: `ipcRenderer.on` listeners get an event with `ports`. */
    receive(channel: string, args: unknown[] = [], ports: unknown[] = []): void {
      this.emit(channel, { sender: this, ports }, ...args);
    }
  }

  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    Menu,
    MessageChannelMain,
    protocol,
    session: { defaultSession },
    shell,
    utilityProcess,
    contextBridge,
    ipcRenderer: new FakeIpcRenderer(),
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
export type FakeBrowserWindow = InstanceType<FakeElectron['BrowserWindow']>;
export type FakeChild = FakeElectron['utilityProcess']['children'][number];
