// What a relay and a peer agree on without the relay learning anything: the shape of a relay
// token, the namespace a token may open (a hash of it, so the relay can check a token without
// holding a list of docs), and the shape of an envelope doc's name. No content, no board id,
// no workspace name ever appears in a name.
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';

/** The relay protocol this app speaks: a relay of another one is refused with a named reason. */
export const RELAY_PROTOCOL = 1;

/** A relay token: 43 base64url characters (32 bytes derived from the workspace secret). */
export const RELAY_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** An envelope doc's name: `<namespace>.<doc tag>`, both lower-case hex. */
export const ENVELOPE_DOC_NAME = /^([0-9a-f]{32})\.([0-9a-f]{40})$/;

/** The longest sealed blob a relay stores (a compacted snapshot of a big board fits). */
export const MAX_SEALED_BLOB_BYTES = 16 * 1024 * 1024;

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The namespace a token opens: 128 bits of SHA-256 under a label. Knowing it does not give the token. */
export function relayNamespace(token: string): string {
  if (!RELAY_TOKEN.test(token)) throw new RangeError('not a relay token');
  return hex(digest(encodeUtf8(`tandem/relay/namespace/v${RELAY_PROTOCOL}\0${token}`))).slice(0, 32);
}

/** True when `token` may open the envelope doc `documentName`. */
export function tokenOpens(token: unknown, documentName: string): boolean {
  if (typeof token !== 'string' || !RELAY_TOKEN.test(token)) return false;
  const match = ENVELOPE_DOC_NAME.exec(documentName);
  return match !== null && match[1] === relayNamespace(token);
}

/** The token a peer sends: `<protocol>.<token>`, so a relay of another protocol can say so. */
export const relayCredential = (token: string): string => `${RELAY_PROTOCOL}.${token}`;

/**
 * What a node tells its peers over the engine's stateless channel (no content): its disk is
 * full, so what they send is held in its memory only; or it has room again and stored it.
 */
export const RELAY_NOTICE = Object.freeze({ diskFull: 'tandem/relay/disk-full', diskOk: 'tandem/relay/disk-ok' });

/** Why a relay refused a peer; the peer shows each in the user's words. */
export type RelayRefusal = 'relay-protocol' | 'relay-token' | 'relay-not-served';

export const isRelayRefusal = (value: unknown): value is RelayRefusal => value === 'relay-protocol' || value === 'relay-token' || value === 'relay-not-served';

/** The most relay node addresses a laptop keeps (and an invite carries): nodes of one relay, tried in turn. */
export const MAX_RELAY_URLS = 4;
const MAX_RELAY_URL_LENGTH = 200;

const RELAY_URL = /^(wss?):\/\/(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?(\/[a-z0-9._~%/-]*)?$/i;

/**
 * One relay node's address as a person or an invite gives it: ws:// or wss://, a host, an
 * optional port and path; no credentials, query or fragment. Written back in one form (scheme
 * and host in lower case, no trailing slash), so the same node is never listed twice.
 */
export function parseRelayUrl(value: string): string | null {
  const text = value.trim();
  if (text.length > MAX_RELAY_URL_LENGTH) return null;
  const match = RELAY_URL.exec(text);
  if (!match) return null;
  const [, scheme, host, port, path = ''] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return null;
  return `${scheme!.toLowerCase()}://${host!.toLowerCase()}${port !== undefined ? `:${Number(port)}` : ''}${path.replace(/\/+$/, '')}`;
}

/**
 * A relay's node addresses as typed: one or more, separated by commas, spaces or line breaks;
 * duplicates dropped, order kept (the first is tried first). Null when any is not an address,
 * none is given, or there are more than MAX_RELAY_URLS.
 */
export function parseRelayUrls(value: string): string[] | null {
  const parts = value.split(/[\s,]+/).filter((part) => part !== '');
  if (parts.length === 0 || parts.length > MAX_RELAY_URLS) return null;
  const urls: string[] = [];
  for (const part of parts) {
    const url = parseRelayUrl(part);
    if (url === null) return null;
    if (!urls.includes(url)) urls.push(url);
  }
  return urls;
}
