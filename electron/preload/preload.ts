// The sandboxed preload: exposes `window.tandem` (TandemBridge from shared/api/bridge.ts) and
// nothing else. It validates before sending, checks what comes back, filters menu commands,
// and forwards the local-link MessagePort to the page (contextBridge cannot carry ports).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENT_INVITE_LINK,
  EVENT_LINK_PORT,
  EVENT_MENU_COMMAND,
  inviteLinkSchema,
  WINDOW_LINK_PORT_MESSAGE,
  menuCommandSchema,
  validateInvoke,
  type BridgeResult,
  type InvokeChannel,
  type InvokeResults,
  type MenuCommand,
  type TandemBridge,
} from '../../shared/api/bridge';

function failure(code: string, message: string): BridgeResult<never> {
  return { ok: false, error: { code, message } };
}

function isBridgeResult(value: unknown): value is BridgeResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (result.ok === true) return 'value' in result;
  return result.ok === false && typeof result.error?.code === 'string' && typeof result.error.message === 'string';
}

const bridge: TandemBridge = {
  kind: 'electron',
  async invoke<C extends InvokeChannel>(channel: C, ...args: unknown[]): Promise<BridgeResult<InvokeResults[C]>> {
    const checked = validateInvoke(channel, args);
    if (!checked.ok) return failure(checked.error.code, checked.error.message);
    try {
      const result: unknown = await ipcRenderer.invoke(checked.channel, ...checked.args);
      if (!isBridgeResult(result)) return failure('bad-response', 'The shell gave an unexpected answer');
      return result as BridgeResult<InvokeResults[C]>;
    } catch (error) {
      return failure('ipc-failed', (error as Error)?.message ?? 'The shell did not answer');
    }
  },
  onMenuCommand(listener: (command: MenuCommand) => void) {
    if (typeof listener !== 'function') return () => undefined;
    // The page never sees the IPC event (it carries `sender`, i.e. ipcRenderer itself).
    const onCommand = (_event: IpcRendererEvent, command: unknown) => {
      const parsed = menuCommandSchema.safeParse(command);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on(EVENT_MENU_COMMAND, onCommand);
    return () => void ipcRenderer.removeListener(EVENT_MENU_COMMAND, onCommand);
  },
  onInviteLink(listener: (link: string) => void) {
    if (typeof listener !== 'function') return () => undefined;
    const onLink = (_event: IpcRendererEvent, link: unknown) => {
      const parsed = inviteLinkSchema.safeParse(link);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on(EVENT_INVITE_LINK, onLink);
    return () => void ipcRenderer.removeListener(EVENT_INVITE_LINK, onLink);
  },
};

// Electron's documented way to hand a MessagePort to an isolated page: post it to the window.
ipcRenderer.on(EVENT_LINK_PORT, (event) => {
  if (event.ports.length === 1) window.postMessage(WINDOW_LINK_PORT_MESSAGE, '*', event.ports);
});

contextBridge.exposeInMainWorld('tandem', bridge);
