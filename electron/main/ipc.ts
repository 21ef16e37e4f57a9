// The main-process end of the bridge: one `ipcMain.handle` per channel of `invokeChannels`.
// Every call is checked (the sender frame must be the app's own page, the arguments must match
// the channel's schema) and answered with a BridgeResult; nothing throws or returns undefined.
import type { z } from 'zod';
import { invokeChannels, validateInvoke, type AppInfo, type BridgeResult, type InvokeChannel, type InvokeResults, type Locale } from '../../shared/api/bridge';
import { isAppUrl } from './app-protocol';
import type { InvokeEventLike, IpcMainLike, WebContentsLike } from './electron-api';

/** A refusal the caller should see with its own code (anything else becomes `internal`). */
export class ShellError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type InvokeHandlers = {
  [C in InvokeChannel]: (event: InvokeEventLike, ...args: z.output<(typeof invokeChannels)[C]>) => Promise<InvokeResults[C]>;
};

/** What the handlers need from the rest of the shell. */
export interface ShellServices {
  appInfo(): AppInfo;
  /** Persists the language and rebuilds the menu in it. */
  setLocale(locale: Locale): Promise<void>;
  /** Sends this window a fresh MessagePort to the local peer. */
  linkWindow(contents: WebContentsLike): void;
  openDataFolder(): Promise<void>;
  /** The `tandem://join` link the OS opened Tandem with, once. */
  takeInviteLink(): string | null;
}

export function createInvokeHandlers(services: ShellServices): InvokeHandlers {
  return {
    'tandem:app-info': async () => services.appInfo(),
    'tandem:set-locale': async (_event, locale) => {
      await services.setLocale(locale);
      return locale;
    },
    'tandem:request-link': async (event) => {
      services.linkWindow(event.sender);
      return true;
    },
    'tandem:show-item-in-folder': async () => {
      await services.openDataFolder();
      return true;
    },
    'tandem:take-invite-link': async () => services.takeInviteLink(),
  };
}

/** Only the app's own page may call the shell: not another origin, not a frame that has gone. */
export function isTrustedSender(event: InvokeEventLike): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

export type InvokeDispatcher = (event: InvokeEventLike, channel: unknown, args: unknown[]) => Promise<BridgeResult<unknown>>;

export function createInvokeDispatcher(handlers: InvokeHandlers, log: (line: string) => void = () => undefined): InvokeDispatcher {
  return async (event, channel, args) => {
    try {
      if (!isTrustedSender(event)) return refuse('untrusted-sender', 'Only the Tandem window may call the shell');
      const checked = validateInvoke(channel, args);
      if (!checked.ok) return { ok: false, error: checked.error };
      const handler = handlers[checked.channel] as (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;
      const value = await handler(event, ...checked.args);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ShellError) return refuse(error.code, error.message);
      log(`Tandem: ${String(channel)} failed: ${(error as Error)?.stack ?? String(error)}`);
      return refuse('internal', (error as Error)?.message ?? 'Unexpected error');
    }
  };
}

/** Registers every bridge channel; a channel not in `invokeChannels` has no handler at all. */
export function registerIpcHandlers(ipcMain: IpcMainLike, dispatch: InvokeDispatcher): void {
  for (const channel of Object.keys(invokeChannels)) {
    ipcMain.handle(channel, (event, ...args) => dispatch(event, channel, args));
  }
}

function refuse(code: string, message: string): BridgeResult<never> {
  return { ok: false, error: { code, message } };
}
