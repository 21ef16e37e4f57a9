// The sandboxed preload, loaded against the fake `electron` module: it exposes only
// `window.tandem`, refuses bad input before anything reaches ipcRenderer, filters menu
// commands, and forwards the local-link port to the page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_INVITE_LINK, EVENT_LINK_PORT, EVENT_MENU_COMMAND, MAX_BRIDGE_STRING, WINDOW_LINK_PORT_MESSAGE, type MenuCommand, type TandemBridge } from '../../shared/api/bridge';
import { createFakeElectron, type FakeElectron } from '../fakes/electron';

// The mocked module is created once per file; its getters hand each test's preload a fresh fake.
const holder = vi.hoisted(() => ({ electron: null as null | { contextBridge: unknown; ipcRenderer: unknown } }));
vi.mock('electron', () => ({
  get contextBridge() {
    return holder.electron?.contextBridge;
  },
  get ipcRenderer() {
    return holder.electron?.ipcRenderer;
  },
}));

let fake: FakeElectron;
let bridge: TandemBridge;
let postToPage: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  fake = createFakeElectron();
  holder.electron = fake;
  postToPage = vi.fn();
  vi.stubGlobal('window', { postMessage: postToPage });
  vi.resetModules();
  await import('../../electron/preload/preload');
  bridge = fake.contextBridge.exposed.tandem as TandemBridge;
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** Calls the bridge as an untyped page script could. */
const invokeAnything = (channel: unknown, ...args: unknown[]) => (bridge.invoke as (channel: unknown, ...args: unknown[]) => ReturnType<TandemBridge['invoke']>)(channel, ...args);

describe('what the preload exposes', () => {
  it('exposes window.tandem and nothing else: no ipcRenderer, no Node', () => {
    expect(Object.keys(fake.contextBridge.exposed)).toEqual(['tandem']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'kind', 'onInviteLink', 'onMenuCommand']);
    expect(bridge.kind).toBe('electron');
    expect(Object.values(bridge)).not.toContain(fake.ipcRenderer);
  });
});

describe('invoke', () => {
  it('sends a valid call and returns the shell’s answer', async () => {
    fake.ipcRenderer.respond = () => ({ ok: true, value: 'zh-CN' });
    expect(await bridge.invoke('tandem:set-locale', 'zh-CN')).toEqual({ ok: true, value: 'zh-CN' });
    expect(fake.ipcRenderer.invocations).toEqual([{ channel: 'tandem:set-locale', args: ['zh-CN'] }]);
  });

  it.each([
    ['an unknown channel', ['tandem:evil']],
    ['a prototype name as channel', ['__proto__']],
    ['a non-string channel', [42]],
    ['a wrong type', ['tandem:set-locale', 42]],
    ['an unknown language', ['tandem:set-locale', 'fr']],
    ['a missing argument', ['tandem:set-locale']],
    ['an extra argument', ['tandem:app-info', 'extra']],
    ['a __proto__ key', ['tandem:set-locale', JSON.parse('{"__proto__":{"polluted":true}}')]],
    ['a constructor key', ['tandem:show-item-in-folder', JSON.parse('{"constructor":{"prototype":{}}}')]],
    ['an oversized string', ['tandem:show-item-in-folder', 'x'.repeat(MAX_BRIDGE_STRING + 1)]],
    ['a path instead of "data"', ['tandem:show-item-in-folder', '/etc']],
  ])('refuses %s without calling ipcRenderer.invoke', async (_name, call) => {
    const [channel, ...args] = call;
    const result = await invokeAnything(channel, ...args);
    expect(result.ok).toBe(false);
    expect(result.ok === false && typeof result.error.code === 'string' && typeof result.error.message === 'string').toBe(true);
    expect(fake.ipcRenderer.invocations).toEqual([]);
  });

  it('turns an answer that is not a bridge result into an error', async () => {
    fake.ipcRenderer.respond = () => undefined;
    expect(await bridge.invoke('tandem:app-info')).toMatchObject({ ok: false, error: { code: 'bad-response' } });
    fake.ipcRenderer.respond = () => ({ ok: false });
    expect(await bridge.invoke('tandem:app-info')).toMatchObject({ ok: false, error: { code: 'bad-response' } });
  });

  it('turns a failed IPC call into an error result instead of a rejection', async () => {
    fake.ipcRenderer.respond = () => {
      throw new Error("No handler registered for 'tandem:app-info'");
    };
    expect(await bridge.invoke('tandem:app-info')).toEqual({ ok: false, error: { code: 'ipc-failed', message: "No handler registered for 'tandem:app-info'" } });
  });
});

describe('menu commands', () => {
  it('passes known commands to the page, drops anything else, and unsubscribes', () => {
    const received: MenuCommand[] = [];
    const unsubscribe = bridge.onMenuCommand((command) => received.push(command));
    fake.ipcRenderer.receive(EVENT_MENU_COMMAND, ['undo']);
    fake.ipcRenderer.receive(EVENT_MENU_COMMAND, ['locale:zh-CN']);
    fake.ipcRenderer.receive(EVENT_MENU_COMMAND, ['rm -rf /']);
    fake.ipcRenderer.receive(EVENT_MENU_COMMAND, [{ toString: () => 'undo' }]);
    fake.ipcRenderer.receive(EVENT_MENU_COMMAND, []);
    expect(received).toEqual(['undo', 'locale:zh-CN']);
    unsubscribe();
    expect(fake.ipcRenderer.listenerCount(EVENT_MENU_COMMAND)).toBe(0);
    fake.ipcRenderer.receive(EVENT_MENU_COMMAND, ['redo']);
    expect(received).toEqual(['undo', 'locale:zh-CN']);
  });

  it('never hands the page the IPC event (it would reach ipcRenderer through `sender`)', () => {
    const calls: unknown[][] = [];
    bridge.onMenuCommand((...args: unknown[]) => void calls.push(args));
    fake.ipcRenderer.receive(EVENT_MENU_COMMAND, ['redo']);
    expect(calls).toEqual([['redo']]);
  });

  it('ignores a listener that is not a function', () => {
    const unsubscribe = (bridge.onMenuCommand as (listener: unknown) => () => void)('alert(1)');
    expect(fake.ipcRenderer.listenerCount(EVENT_MENU_COMMAND)).toBe(0);
    expect(unsubscribe).toBeTypeOf('function');
  });
});

describe('invite links opened from the OS', () => {
  it('passes tandem://join links to the page and drops anything else', () => {
    const received: string[] = [];
    const unsubscribe = bridge.onInviteLink((link) => received.push(link));
    fake.ipcRenderer.receive(EVENT_INVITE_LINK, ['tandem://join?code=TANDEM1-AB']);
    fake.ipcRenderer.receive(EVENT_INVITE_LINK, ['javascript:alert(1)']);
    fake.ipcRenderer.receive(EVENT_INVITE_LINK, [{ toString: () => 'tandem://join?code=x' }]);
    fake.ipcRenderer.receive(EVENT_INVITE_LINK, [`tandem://join?code=${'A'.repeat(10_000)}`]);
    expect(received).toEqual(['tandem://join?code=TANDEM1-AB']);
    unsubscribe();
    expect(fake.ipcRenderer.listenerCount(EVENT_INVITE_LINK)).toBe(0);
  });
});

describe('the local-link port', () => {
  it('is posted to the page with the agreed message', () => {
    const port = { postMessage: () => undefined };
    fake.ipcRenderer.receive(EVENT_LINK_PORT, [null], [port]);
    expect(postToPage).toHaveBeenCalledWith(WINDOW_LINK_PORT_MESSAGE, '*', [port]);
  });

  it('is not posted when the message carries no port', () => {
    fake.ipcRenderer.receive(EVENT_LINK_PORT, [null], []);
    expect(postToPage).not.toHaveBeenCalled();
  });
});
