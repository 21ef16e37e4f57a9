// A workspace invite: what a teammate needs to join — the workspace id, its 256-bit secret,
// optionally its name, the company relay's node addresses and the inviter's current addresses — written as a text code to read
// aloud or paste (`TANDEM1-…`) and as a `tandem://join?code=…` link. Decoding checks every
// byte and refuses with an i18n key, so a typo is reported as a typo, never half-accepted.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { digest as sha256 } from 'lib0/hash/sha256';
import { getRandomValues } from 'lib0/webcrypto';
import { MAX_RELAY_URLS, parseRelayUrl } from '../relay/relay-names';
import { formatPeerAddress, parsePeerAddress } from './address';
import { decodeBase32, encodeBase32 } from './base32';

/**
 * Version of the invite layout; an invite from a newer Tandem is refused with `errors.inviteVersion`.
 * Version 2 adds the relay's addresses; an invite without them is still written as version 1,
 * so a Tandem from before relays reads it, and tells its person to update for one with them.
 */
export const INVITE_VERSION = 2;
const INVITE_VERSION_WITHOUT_RELAY = 1;
export const INVITE_PREFIX = 'TANDEM';
export const INVITE_LINK_PREFIX = 'tandem://join?code=';

export const INVITE_LIMITS = {
  secretBytes: 32,
  maxAddresses: 8,
  maxWorkspaceIdLength: 64,
  /** The same limit the workspace doc puts on names. */
  maxNameLength: 80,
  /** Longer than any valid invite: refused before decoding. */
  maxCodeLength: 2_048,
} as const;

/** A decoded invite. The secret is the workspace's pre-shared key: keep it out of logs and documents. */
export interface WorkspaceInvite {
  readonly version: number;
  readonly workspaceId: string;
  readonly secret: Uint8Array;
  readonly workspaceName?: string;
  /** The inviter's addresses as `host:port` (`[v6]:port`), at most 8, best first. */
  readonly addresses: readonly string[];
  /** The company relay's node addresses (ws:// or wss://), at most MAX_RELAY_URLS; empty when the workspace uses none. */
  readonly relays: readonly string[];
}

/** Message-catalogue keys an invite can be refused with. */
export type InviteErrorKey =
  | 'errors.inviteEmpty'
  | 'errors.inviteNotTandem'
  | 'errors.inviteVersion'
  | 'errors.inviteCharacter'
  | 'errors.inviteChecksum'
  | 'errors.inviteMalformed'
  | 'errors.inviteAddress'
  | 'errors.inviteTooManyAddresses'
  | 'errors.inviteRelay';

/** An invite could not be written or read; `messageKey` (with `params`) says why in the user's language. */
export class InviteError extends Error {
  override readonly name = 'InviteError';
  constructor(
    readonly messageKey: InviteErrorKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${messageKey}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
  }
}

const WORKSPACE_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const CHECKSUM_BYTES = 4;
const FLAG_NAME = 1;
const FLAG_RELAY = 2;
const ADDRESS_IPV4 = 4;
const ADDRESS_TEXT = 1;
const GROUP = 4;

/** 32 fresh random bytes for a new workspace (or a rotated secret). */
export function newWorkspaceSecret(): Uint8Array {
  return getRandomValues(new Uint8Array(INVITE_LIMITS.secretBytes));
}

/** Writes an invite as a text code, `TANDEM1-XXXX-XXXX-…`. Throws InviteError on an invalid field. */
export function encodeInvite(invite: Omit<WorkspaceInvite, 'version' | 'relays'> & { readonly relays?: readonly string[] }): string {
  validateFields(invite.workspaceId, invite.secret, invite.workspaceName);
  if (invite.addresses.length > INVITE_LIMITS.maxAddresses) throw new InviteError('errors.inviteTooManyAddresses', { max: INVITE_LIMITS.maxAddresses });
  const relays = invite.relays ?? [];
  if (relays.length > MAX_RELAY_URLS) throw new InviteError('errors.inviteRelay', { address: relays.join(' ').slice(0, 100) });
  for (const relay of relays) if (parseRelayUrl(relay) !== relay) throw new InviteError('errors.inviteRelay', { address: relay.slice(0, 100) });
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, relays.length > 0 ? INVITE_VERSION : INVITE_VERSION_WITHOUT_RELAY);
  encoding.writeUint8(encoder, (invite.workspaceName !== undefined ? FLAG_NAME : 0) | (relays.length > 0 ? FLAG_RELAY : 0));
  encoding.writeVarString(encoder, invite.workspaceId);
  encoding.writeUint8Array(encoder, invite.secret);
  if (invite.workspaceName !== undefined) encoding.writeVarString(encoder, invite.workspaceName);
  if (relays.length > 0) {
    encoding.writeUint8(encoder, relays.length);
    for (const relay of relays) encoding.writeVarString(encoder, relay);
  }
  encoding.writeUint8(encoder, invite.addresses.length);
  for (const text of invite.addresses) {
    const address = parsePeerAddress(text);
    if (!address) throw new InviteError('errors.inviteAddress', { address: text });
    if (address.kind === 'ipv4') {
      encoding.writeUint8(encoder, ADDRESS_IPV4);
      for (const part of address.host.split('.')) encoding.writeUint8(encoder, Number(part));
    } else {
      encoding.writeUint8(encoder, ADDRESS_TEXT);
      encoding.writeVarString(encoder, address.host);
    }
    encoding.writeUint16(encoder, address.port);
  }
  const body = encoding.toUint8Array(encoder);
  const bytes = new Uint8Array(body.length + CHECKSUM_BYTES);
  bytes.set(body);
  bytes.set(checksum(body), body.length);
  const groups = encodeBase32(bytes).match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? [];
  return [`${INVITE_PREFIX}${relays.length > 0 ? INVITE_VERSION : INVITE_VERSION_WITHOUT_RELAY}`, ...groups].join('-');
}

/** The `tandem://join?code=…` link for an invite code. */
export function inviteLink(code: string): string {
  return `${INVITE_LINK_PREFIX}${encodeURIComponent(code)}`;
}

/**
 * Reads an invite from a code or a `tandem://join` link as a person pasted or typed it:
 * case, spaces, line breaks and hyphens do not matter, and I/L/O are read as 1/1/0.
 * Throws InviteError naming the first problem found.
 */
export function decodeInvite(input: string): WorkspaceInvite {
  const text = input.trim();
  if (text === '') throw new InviteError('errors.inviteEmpty');
  if (text.length > INVITE_LIMITS.maxCodeLength) throw new InviteError('errors.inviteMalformed');
  const code = /^tandem:/i.test(text) ? codeFromLink(text) : text;
  const head = /^TANDEM[\s-]*(\d{1,3})(?=[\s-]|$)/i.exec(code);
  if (!head) throw new InviteError('errors.inviteNotTandem');
  const version = Number(head[1]);
  if (version > INVITE_VERSION) throw new InviteError('errors.inviteVersion');
  if (version < INVITE_VERSION_WITHOUT_RELAY) throw new InviteError('errors.inviteNotTandem');
  const decoded = decodeBase32(code.slice(head[0].length).replace(/[\s-]+/g, ''));
  if (!(decoded instanceof Uint8Array)) {
    if (decoded.kind === 'character') throw new InviteError('errors.inviteCharacter', { char: decoded.char });
    throw new InviteError('errors.inviteChecksum');
  }
  if (decoded.length <= CHECKSUM_BYTES) throw new InviteError('errors.inviteChecksum');
  const body = decoded.subarray(0, decoded.length - CHECKSUM_BYTES);
  if (!equalBytes(checksum(body), decoded.subarray(body.length))) throw new InviteError('errors.inviteChecksum');
  return readBody(body, version);
}

function codeFromLink(link: string): string {
  if (!link.toLowerCase().startsWith('tandem://join?')) throw new InviteError('errors.inviteNotTandem');
  for (const pair of link.slice('tandem://join?'.length).split('&')) {
    const [key, value = ''] = pair.split('=', 2);
    if (key !== 'code') continue;
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      throw new InviteError('errors.inviteMalformed');
    }
  }
  throw new InviteError('errors.inviteNotTandem');
}

/** `headVersion`: the version the code's head (outside the checksum) gave. */
function readBody(body: Uint8Array, headVersion: number): WorkspaceInvite {
  // The checksum matched, so anything wrong from here on was written that way, not mistyped.
  const decoder = decoding.createDecoder(body);
  let invite: WorkspaceInvite;
  try {
    const version = readByte(decoder);
    if (version > INVITE_VERSION || version > headVersion) throw new InviteError('errors.inviteVersion');
    if (version < headVersion) throw new InviteError('errors.inviteMalformed');
    const flags = readByte(decoder);
    // Relays come with version 2 and only then; version 1 knows the name flag alone.
    const relayFlag = version === INVITE_VERSION ? FLAG_RELAY : 0;
    if ((flags & ~(FLAG_NAME | relayFlag)) !== 0 || (version === INVITE_VERSION && !(flags & FLAG_RELAY))) throw new InviteError('errors.inviteMalformed');
    const workspaceId = decoding.readVarString(decoder);
    const secret = decoding.readUint8Array(decoder, INVITE_LIMITS.secretBytes).slice();
    const workspaceName = flags & FLAG_NAME ? decoding.readVarString(decoder) : undefined;
    validateFields(workspaceId, secret, workspaceName);
    const relays = flags & FLAG_RELAY ? readRelays(decoder) : [];
    const count = readByte(decoder);
    if (count > INVITE_LIMITS.maxAddresses) throw new InviteError('errors.inviteTooManyAddresses', { max: INVITE_LIMITS.maxAddresses });
    const addresses: string[] = [];
    for (let i = 0; i < count; i++) addresses.push(readAddress(decoder));
    if (decoding.hasContent(decoder)) throw new InviteError('errors.inviteMalformed');
    invite = { version, workspaceId, secret, addresses, relays, ...(workspaceName !== undefined ? { workspaceName } : {}) };
  } catch (error) {
    if (error instanceof InviteError) throw error;
    throw new InviteError('errors.inviteMalformed');
  }
  return invite;
}

function readRelays(decoder: decoding.Decoder): string[] {
  const count = readByte(decoder);
  if (count === 0 || count > MAX_RELAY_URLS) throw new InviteError('errors.inviteMalformed');
  const relays: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = decoding.readVarString(decoder);
    if (parseRelayUrl(text) !== text) throw new InviteError('errors.inviteRelay', { address: text.slice(0, 100) });
    relays.push(text);
  }
  return relays;
}

function readAddress(decoder: decoding.Decoder): string {
  const kind = readByte(decoder);
  let host: string;
  if (kind === ADDRESS_IPV4) host = Array.from(decoding.readUint8Array(decoder, 4)).join('.');
  else if (kind === ADDRESS_TEXT) host = decoding.readVarString(decoder);
  else throw new InviteError('errors.inviteMalformed');
  const text = formatPeerAddress({ host, port: readPort(decoder) });
  const address = parsePeerAddress(text);
  // A text host that is really an IPv4 address would have been written compactly.
  if (!address || (kind === ADDRESS_TEXT && address.kind === 'ipv4')) throw new InviteError('errors.inviteAddress', { address: text });
  return formatPeerAddress(address);
}

// lib0's readUint8/readUint16 do not check the end of the input, so these do.
function readByte(decoder: decoding.Decoder): number {
  const [byte] = decoding.readUint8Array(decoder, 1);
  return byte ?? 0;
}

/** Ports are little-endian u16, as lib0's writeUint16 writes them. */
function readPort(decoder: decoding.Decoder): number {
  const [low = 0, high = 0] = decoding.readUint8Array(decoder, 2);
  return low | (high << 8);
}

function validateFields(workspaceId: string, secret: Uint8Array, workspaceName: string | undefined): void {
  if (!WORKSPACE_ID_RE.test(workspaceId)) throw new InviteError('errors.inviteMalformed');
  if (secret.length !== INVITE_LIMITS.secretBytes) throw new InviteError('errors.inviteMalformed');
  if (workspaceName !== undefined && (workspaceName.trim() === '' || workspaceName.length > INVITE_LIMITS.maxNameLength)) {
    throw new InviteError('errors.inviteMalformed');
  }
}

function checksum(body: Uint8Array): Uint8Array {
  return sha256(body).subarray(0, CHECKSUM_BYTES);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
