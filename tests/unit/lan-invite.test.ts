// Workspace invites as people pass them around: codes and links round-trip, any single typo
// is caught by the checksum, malformed codes are refused with the right i18n key, addresses
// are validated, and the discovery tag derived from the secret gives nothing of it away.
import { createHmac, randomBytes } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { digest as sha256 } from 'lib0/hash/sha256';
import { describe, expect, it } from 'vitest';
import { discoveryTag, workspaceIdHash } from '../../electron/peer/lan/keys';
import { parsePeerAddress } from '../../shared/lan/address';
import { encodeBase32 } from '../../shared/lan/base32';
import { decodeInvite, encodeInvite, InviteError, inviteLink, newWorkspaceSecret, type WorkspaceInvite } from '../../shared/lan/invite';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const invite: Omit<WorkspaceInvite, 'version'> = {
  workspaceId: 'w_k3j9d8f7g6h5j4k2',
  secret: newWorkspaceSecret(),
  workspaceName: 'Growth squad — Q3',
  addresses: ['192.168.1.20:4100', '[fd00::1:7]:4100', 'hub.office.example:4100'],
  relays: [],
};

function refusal(fn: () => unknown): { key: string; params: Record<string, string | number> } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InviteError);
    return { key: (error as InviteError).messageKey, params: (error as InviteError).params };
  }
  throw new Error('expected an InviteError');
}

/** A code with a valid checksum around whatever body the test writes, as a hostile inviter could make. */
function codeAround(write: (encoder: encoding.Encoder) => void): string {
  const encoder = encoding.createEncoder();
  write(encoder);
  const body = encoding.toUint8Array(encoder);
  return `TANDEM1-${encodeBase32(Uint8Array.from([...body, ...sha256(body).subarray(0, 4)]))}`;
}

const header = (e: encoding.Encoder, { version = 1, flags = 0, id = 'w_k3j9d8f7g6h5j4k2', secret = 32 } = {}) => {
  encoding.writeUint8(e, version);
  encoding.writeUint8(e, flags);
  encoding.writeVarString(e, id);
  encoding.writeUint8Array(e, new Uint8Array(secret));
};

describe('invite codes and links', () => {
  it('round-trips id, secret, name and addresses through the code and through the link', () => {
    const code = encodeInvite(invite);
    expect(code).toMatch(/^TANDEM1(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
    expect(decodeInvite(code)).toEqual({ ...invite, version: 1 });
    expect(inviteLink(code)).toBe(`tandem://join?code=${code}`);
    expect(decodeInvite(inviteLink(code))).toEqual({ ...invite, version: 1 });
  });

  it('round-trips a minimal invite, and keeps a 256-bit secret in a code of readable length', () => {
    const minimal = { workspaceId: 'w_aaaaaaaaaaaaaaaa', secret: newWorkspaceSecret(), addresses: [], relays: [] };
    const code = encodeInvite(minimal);
    expect(decodeInvite(code)).toEqual({ ...minimal, version: 1 });
    expect(code.replace(/-/g, '').length).toBeLessThan(110);
  });

  it('reads a code however it was typed: lower case, spaces, line breaks, O for 0 and I or L for 1', () => {
    const code = encodeInvite(invite);
    const groups = code.split('-');
    const retyped = `  ${groups[0]?.toLowerCase()} ${groups.slice(1).join(' ').replace(/0/g, 'o').replace(/1/g, 'l')}\n`;
    expect(decodeInvite(retyped)).toEqual({ ...invite, version: 1 });
    expect(decodeInvite(code.replace(/-/g, '').replace(/^TANDEM1/, 'TANDEM1-'))).toEqual({ ...invite, version: 1 });
  });

  it('catches every single-character typo, deletion, insertion and swap as errors.inviteChecksum', () => {
    const code = encodeInvite({ ...invite, addresses: [] });
    const prefix = 'TANDEM1-';
    const payload = code.slice(prefix.length).replace(/-/g, '');
    const variants: string[] = [];
    for (let i = 0; i < payload.length; i++) {
      const other = ALPHABET[(ALPHABET.indexOf(payload[i] as string) + 1 + (i % 31)) % 32] as string;
      variants.push(payload.slice(0, i) + other + payload.slice(i + 1));
      variants.push(payload.slice(0, i) + payload.slice(i + 1));
      variants.push(payload.slice(0, i) + other + payload.slice(i));
      if (payload[i] !== payload[i + 1] && i + 1 < payload.length) variants.push(payload.slice(0, i) + payload[i + 1] + payload[i] + payload.slice(i + 2));
    }
    for (const variant of variants) expect(refusal(() => decodeInvite(prefix + variant)).key, variant).toBe('errors.inviteChecksum');
  });

  it.each([
    ['nothing', '   ', 'errors.inviteEmpty'],
    ['another app’s code', 'ZOOM-1234-5678', 'errors.inviteNotTandem'],
    ['a code from a newer Tandem', 'TANDEM3-ABCD-EFGH', 'errors.inviteVersion'],
    ['version 0', 'TANDEM0-ABCD', 'errors.inviteNotTandem'],
    ['a link to something else', 'tandem://open?code=TANDEM1-ABCD', 'errors.inviteNotTandem'],
    ['a link without a code', 'tandem://join?name=x', 'errors.inviteNotTandem'],
    ['a link with broken escaping', 'tandem://join?code=%E0%A4%A', 'errors.inviteMalformed'],
    ['a truncated code', 'TANDEM1-AB', 'errors.inviteChecksum'],
    ['a wildly long paste', `TANDEM1-${'A'.repeat(5_000)}`, 'errors.inviteMalformed'],
  ])('refuses %s with %s', (_what, input, key) => {
    expect(refusal(() => decodeInvite(input)).key).toBe(key);
  });

  it('names the character that cannot be in a code', () => {
    expect(refusal(() => decodeInvite('TANDEM1-ABCU-2345'))).toEqual({ key: 'errors.inviteCharacter', params: { char: 'U' } });
    expect(refusal(() => decodeInvite('TANDEM1-AB*D'))).toEqual({ key: 'errors.inviteCharacter', params: { char: '*' } });
  });

  it.each([
    ['an unknown flag', (e: encoding.Encoder) => header(e, { flags: 0x80 }), 'errors.inviteMalformed'],
    ['a newer layout inside a version-1 code', (e: encoding.Encoder) => header(e, { version: 2 }), 'errors.inviteVersion'],
    ['a short secret', (e: encoding.Encoder) => header(e, { secret: 16 }), 'errors.inviteMalformed'],
    ['an invalid workspace id', (e: encoding.Encoder) => (header(e, { id: 'w k/..' }), encoding.writeUint8(e, 0)), 'errors.inviteMalformed'],
    ['a missing address list', (e: encoding.Encoder) => header(e), 'errors.inviteMalformed'],
    ['trailing bytes', (e: encoding.Encoder) => (header(e), encoding.writeUint8(e, 0), encoding.writeUint8(e, 7)), 'errors.inviteMalformed'],
    ['nine addresses', (e: encoding.Encoder) => (header(e), encoding.writeUint8(e, 9)), 'errors.inviteTooManyAddresses'],
    ['an unknown address kind', (e: encoding.Encoder) => (header(e), encoding.writeUint8(e, 1), encoding.writeUint8(e, 9)), 'errors.inviteMalformed'],
    ['port 0', (e: encoding.Encoder) => (header(e), encoding.writeUint8(e, 1), encoding.writeUint8(e, 4), encoding.writeUint8Array(e, Uint8Array.of(10, 0, 0, 1, 0, 0))), 'errors.inviteAddress'],
    ['a host name that is not one', (e: encoding.Encoder) => (header(e), encoding.writeUint8(e, 1), encoding.writeUint8(e, 1), encoding.writeVarString(e, 'bad host!'), encoding.writeUint16(e, 80)), 'errors.inviteAddress'],
  ])('refuses a well-checksummed code with %s', (_what, write, key) => {
    expect(refusal(() => decodeInvite(codeAround(write))).key).toBe(key);
  });

  it('carries the company relay’s node addresses as a version-2 code, and writes version 1 when there is no relay', () => {
    const withRelay = { ...invite, relays: ['wss://relay-a.example.com', 'wss://relay-b.example.com:8443/tandem'] };
    const code = encodeInvite(withRelay);
    expect(code).toMatch(/^TANDEM2(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
    expect(decodeInvite(code)).toEqual({ ...withRelay, version: 2 });
    expect(decodeInvite(inviteLink(code)).relays).toEqual(withRelay.relays);
    // A Tandem from before relays reads TANDEM1 codes only: an invite without a relay stays one.
    expect(encodeInvite(invite)).toMatch(/^TANDEM1-/);
    // The head's version is outside the checksum: a version-2 body under a version-1 head says "update".
    expect(refusal(() => decodeInvite(code.replace(/^TANDEM2/, 'TANDEM1'))).key).toBe('errors.inviteVersion');
    expect(refusal(() => decodeInvite(code.replace(/^TANDEM2/, 'TANDEM3'))).key).toBe('errors.inviteVersion');
  });

  it.each([
    ['a relay flag in a version-1 body', (e: encoding.Encoder) => (header(e, { flags: 2 }), encoding.writeUint8(e, 1), encoding.writeVarString(e, 'wss://r.example'), encoding.writeUint8(e, 0)), 'errors.inviteMalformed'],
    ['a relay that is not a ws address', (e: encoding.Encoder) => (header(e, { version: 2, flags: 2 }), encoding.writeUint8(e, 1), encoding.writeVarString(e, 'https://evil.example/?token=1'), encoding.writeUint8(e, 0)), 'errors.inviteRelay'],
    ['a relay with a password', (e: encoding.Encoder) => (header(e, { version: 2, flags: 2 }), encoding.writeUint8(e, 1), encoding.writeVarString(e, 'wss://user:pw@r.example'), encoding.writeUint8(e, 0)), 'errors.inviteRelay'],
    ['five relays', (e: encoding.Encoder) => (header(e, { version: 2, flags: 2 }), encoding.writeUint8(e, 5)), 'errors.inviteMalformed'],
    ['a version-2 body without relays', (e: encoding.Encoder) => (header(e, { version: 2 }), encoding.writeUint8(e, 0)), 'errors.inviteMalformed'],
  ])('refuses a well-checksummed version-2 code with %s', (_what, write, key) => {
    expect(refusal(() => decodeInvite(codeAround(write).replace(/^TANDEM1/, 'TANDEM2'))).key).toBe(key);
  });

  it('refuses to write an invite with a relay address Tandem cannot use', () => {
    for (const relay of ['https://relay.example.com', 'wss://user:pw@relay.example.com', 'wss://relay.example.com/?t=1', 'relay.example.com']) {
      expect(refusal(() => encodeInvite({ ...invite, relays: [relay] })).key).toBe('errors.inviteRelay');
    }
    expect(refusal(() => encodeInvite({ ...invite, relays: ['wss://a.example', 'wss://b.example', 'wss://c.example', 'wss://d.example', 'wss://e.example'] })).key).toBe('errors.inviteRelay');
  });

  it('refuses to write an invite with a bad address, too many addresses, a short secret or a blank name', () => {
    for (const address of ['host-without-port', '300.1.1.1:80', '10.0.0.1:0', '10.0.0.1:65536', '[zz::1]:80', 'fd00::1:80', '1.2.3:80']) {
      expect(refusal(() => encodeInvite({ ...invite, addresses: [address] }))).toEqual({ key: 'errors.inviteAddress', params: { address } });
    }
    expect(refusal(() => encodeInvite({ ...invite, addresses: Array.from({ length: 9 }, (_, i) => `10.0.0.${i}:4100`) })).key).toBe('errors.inviteTooManyAddresses');
    expect(refusal(() => encodeInvite({ ...invite, secret: new Uint8Array(31) })).key).toBe('errors.inviteMalformed');
    expect(refusal(() => encodeInvite({ ...invite, workspaceName: '  ' })).key).toBe('errors.inviteMalformed');
  });
});

describe('peer addresses', () => {
  it.each([
    ['127.0.0.1:4100', { host: '127.0.0.1', port: 4100, kind: 'ipv4' }],
    ['[::1]:1', { host: '::1', port: 1, kind: 'ipv6' }],
    ['[fe80::1:2:3:4]:65535', { host: 'fe80::1:2:3:4', port: 65_535, kind: 'ipv6' }],
    ['[::ffff:10.0.0.1]:80', { host: '::ffff:10.0.0.1', port: 80, kind: 'ipv6' }],
    ['Hub.Office.Example:4100', { host: 'hub.office.example', port: 4100, kind: 'name' }],
  ])('parses %s', (text, expected) => {
    expect(parsePeerAddress(text)).toEqual(expected);
  });

  it.each(['', ':80', 'host:', 'host:080', 'host:+80', '[::1]', '[::1:80', '[fe80::1%eth0]:80', '1:2:3:4:5:6:7:8:9', '[1::2::3]:80', '-bad.example:80', '999.1.1.1:80'])(
    'refuses %j',
    (text) => {
      expect(parsePeerAddress(text)).toBeNull();
    },
  );
});

describe('the discovery tag', () => {
  it('is a short, stable, lower-case base32 tag that changes with the secret', () => {
    const secret = newWorkspaceSecret();
    const tag = discoveryTag(secret);
    expect(tag).toMatch(/^[0-9a-hjkmnp-tv-z]{16}$/);
    expect(discoveryTag(secret)).toBe(tag);
    expect(discoveryTag(newWorkspaceSecret())).not.toBe(tag);
    const flipped = Uint8Array.from(secret, (b, i) => (i === 31 ? b ^ 1 : b));
    expect(discoveryTag(flipped)).not.toBe(tag);
  });

  it('is HKDF-SHA256 of the secret under its own label, a one-way function of the secret alone', () => {
    const secret = new Uint8Array(randomBytes(32));
    const prk = createHmac('sha256', 'tandem/lan/discovery-tag').update(secret).digest();
    const okm = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('v1'), Buffer.of(1)])).digest().subarray(0, 10);
    expect(discoveryTag(secret)).toBe(encodeBase32(okm).toLowerCase());
    expect(workspaceIdHash('w_k3j9d8f7g6h5j4k2')).toMatch(/^[0-9a-f]{64}$/);
    expect(() => discoveryTag(new Uint8Array(16))).toThrow(RangeError);
  });
});
