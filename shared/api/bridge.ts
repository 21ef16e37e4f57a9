// The contract between the renderer and the Electron shell: every IPC channel, its argument
// schema and its result. Declared once here; main validates every argument with these
// schemas and the preload validates again before sending, so neither side trusts the other.
import { z } from 'zod';
import { INVITE_LIMITS, INVITE_LINK_PREFIX } from '../lan/invite';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Every result crossing the bridge: never a silent `undefined`. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export const MAX_BRIDGE_STRING = 4_096;

/** Channels the renderer may invoke, with their argument schemas (strict: unknown keys refused). */
export const invokeChannels = {
  'tandem:app-info': z.tuple([]),
  'tandem:set-locale': z.tuple([z.enum(LOCALES)]),
  'tandem:request-link': z.tuple([]),
  'tandem:show-item-in-folder': z.tuple([z.enum(['data'])]),
  /** The `tandem://join` link the OS opened Tandem with before the page could hear it, once. */
  'tandem:take-invite-link': z.tuple([]),
} as const;

export type InvokeChannel = keyof typeof invokeChannels;

export interface AppInfo {
  version: string;
  locale: Locale;
  dataDir: string;
  platform: string;
}

export interface InvokeResults {
  'tandem:app-info': AppInfo;
  'tandem:set-locale': Locale;
  'tandem:request-link': true;
  'tandem:show-item-in-folder': true;
  'tandem:take-invite-link': string | null;
}

/** Commands the application menu sends to the focused window. */
export const MENU_COMMANDS = ['undo', 'redo', 'locale:en', 'locale:zh-CN', 'reload'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const menuCommandSchema = z.enum(MENU_COMMANDS);

/** Main → renderer event channels. */
export const EVENT_MENU_COMMAND = 'tandem:menu-command';
export const EVENT_LINK_PORT = 'tandem:link-port';
/** A `tandem://join` link the OS opened while Tandem was running (a click in a chat or mail). */
export const EVENT_INVITE_LINK = 'tandem:invite-link';

/** A `tandem://join?code=…` link as the OS hands it over: checked on both sides of the bridge. */
export const inviteLinkSchema = z
  .string()
  .max(INVITE_LIMITS.maxCodeLength + INVITE_LINK_PREFIX.length)
  .refine((value) => value.toLowerCase().startsWith('tandem://join?'));

/** The first `tandem://join` link among command-line arguments (how Windows and Linux pass it), or null. */
export function findInviteLink(argv: readonly unknown[]): string | null {
  for (const arg of argv) if (typeof arg === 'string' && inviteLinkSchema.safeParse(arg).success) return arg;
  return null;
}
/** The message the preload posts to the page, carrying the MessagePort of the local link. */
export const WINDOW_LINK_PORT_MESSAGE = 'tandem:link-port';

/** What the preload exposes as `window.tandem`. */
export interface TandemBridge {
  readonly kind: 'electron';
  invoke<C extends InvokeChannel>(channel: C, ...args: z.input<(typeof invokeChannels)[C]>): Promise<BridgeResult<InvokeResults[C]>>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Calls `listener` with each `tandem://join` link the OS opens while the window is up. */
  onInviteLink(listener: (link: string) => void): () => void;
}

/** Validates `args` for `channel`; a readable error for anything else (wrong types, `__proto__` keys, huge strings). */
export function validateInvoke(channel: unknown, args: unknown): { ok: true; channel: InvokeChannel; args: unknown[] } | { ok: false; error: { code: string; message: string } } {
  if (typeof channel !== 'string' || !Object.hasOwn(invokeChannels, channel)) return { ok: false, error: { code: 'unknown-channel', message: 'Unknown IPC channel' } };
  if (!Array.isArray(args)) return { ok: false, error: { code: 'invalid-arguments', message: 'Arguments must be a list' } };
  if (hasForbiddenShape(args, 0)) return { ok: false, error: { code: 'invalid-arguments', message: 'Arguments contain forbidden keys or oversized values' } };
  const parsed = invokeChannels[channel as InvokeChannel].safeParse(args);
  if (!parsed.success) return { ok: false, error: { code: 'invalid-arguments', message: parsed.error.issues[0]?.message ?? 'Invalid arguments' } };
  return { ok: true, channel: channel as InvokeChannel, args: parsed.data as unknown[] };
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function hasForbiddenShape(value: unknown, depth: number): boolean {
  if (depth > 8) return true;
  if (typeof value === 'string') return value.length > MAX_BRIDGE_STRING;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.length > 64 || value.some((v) => hasForbiddenShape(v, depth + 1));
  const keys = Object.getOwnPropertyNames(value);
  if (keys.length > 64) return true;
  return keys.some((k) => FORBIDDEN_KEYS.has(k) || hasForbiddenShape((value as Record<string, unknown>)[k], depth + 1));
}
