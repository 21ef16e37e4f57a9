// The hub's browser address (port and link token), remembered in its data folder so that a
// restart comes back at the same origin: IndexedDB is per origin, and edits a tab kept while
// the hub was down reach it only if that tab can reconnect where it is. The file holds the
// token, so it is the owner's alone (0600).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from './files';

/** The file, in the data folder, that remembers the hub's port and token. */
export const HUB_ADDRESS_FILE = 'hub-address.json';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export interface HubAddress {
  readonly port: number;
  readonly token: string;
}

/** What the command line said about the address; `undefined` means "not given". */
export interface HubAddressFlags {
  readonly port?: number;
  readonly token?: string;
  /** Rotate the token on purpose: tabs holding the old one are refused from now on. */
  readonly newToken: boolean;
}

export interface ChosenHubAddress extends HubAddress {
  /** The port came from the data folder, not the command line: if it is taken, any free port will do. */
  readonly portIsRemembered: boolean;
}

export function isValidToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The remembered address, or what is valid of it; a damaged file counts as nothing remembered. */
export async function readHubAddress(dataDir: string): Promise<Partial<HubAddress>> {
  let value: unknown;
  try {
    value = await readJsonFile(join(dataDir, HUB_ADDRESS_FILE));
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const { port, token } = value as { port?: unknown; token?: unknown };
  return {
    ...(typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535 ? { port } : {}),
    ...(typeof token === 'string' && isValidToken(token) ? { token } : {}),
  };
}

/** Flags win over what is remembered; with neither, any free port and a new random token. */
export function chooseHubAddress(flags: HubAddressFlags, remembered: Partial<HubAddress>): ChosenHubAddress {
  const token = flags.token ?? (flags.newToken ? undefined : remembered.token) ?? newToken();
  if (flags.port !== undefined) return { port: flags.port, token, portIsRemembered: false };
  return { port: remembered.port ?? 0, token, portIsRemembered: remembered.port !== undefined };
}

/** Writes the address for the next start, owner-only (the atomic write replaces a file left wider by hand). */
export async function rememberHubAddress(dataDir: string, address: HubAddress): Promise<void> {
  await writeJsonAtomic(join(dataDir, HUB_ADDRESS_FILE), { port: address.port, token: address.token }, 0o600);
}

/**
 * The one line a hub prints when its remembered port is held by another program: where it is
 * instead, and how edits left in a tab of the old address still get here.
 */
export function portTakenMessage(rememberedPort: number, boundPort: number): string {
  return (
    `Tandem hub: port ${rememberedPort} (remembered from the last start) is taken by another program; this hub is on port ${boundPort} instead. ` +
    `Edits left in a tab at http://127.0.0.1:${rememberedPort} reach the hub once that port is free and the hub restarts there (the tab reconnects by itself), ` +
    `or save them in that tab ("Save my unsynced edits to a file") and import the file here ("Import unsynced edits").`
  );
}
