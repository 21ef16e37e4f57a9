// Sealed blobs and relay names: what a relay holds opens only with the workspace's key, only
// for the doc it was sealed for, and a relay name says nothing a stranger could read.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { relayKeys } from '../../electron/peer/relay/relay-keys';
import { BlobRefused, openBlob, sealBlob, type OpenedBlob } from '../../electron/peer/relay/sealed-blob';
import { ENVELOPE_DOC_NAME, relayNamespace, tokenOpens } from '../../shared/relay/relay-names';

const SECRET = new Uint8Array(32).fill(7);
const OTHER_SECRET = new Uint8Array(32).fill(9);
const BLOB: OpenedBlob = { kind: 'update', sender: 'peer-a', seq: 42, update: new Uint8Array([1, 2, 3, 4, 5]) };

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof BlobRefused) return error.reason;
    throw error;
  }
  return 'opened';
}

describe('a sealed blob', () => {
  const { sealKey } = relayKeys(SECRET);

  it('opens to what was sealed, with its sender and sequence', () => {
    expect(openBlob(sealKey, 'b_goals', sealBlob(sealKey, 'b_goals', BLOB))).toEqual(BLOB);
  });

  it('shows the relay nothing of its content: two seals of the same update differ and hold no plaintext', () => {
    const text = new TextEncoder().encode('Grow weekly active users');
    const a = sealBlob(sealKey, 'b_goals', { ...BLOB, update: text });
    const b = sealBlob(sealKey, 'b_goals', { ...BLOB, update: text });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).includes(Buffer.from(text))).toBe(false);
    expect(Buffer.from(a).includes(Buffer.from('peer-a'))).toBe(false);
  });

  it('refuses any flipped bit, another doc, another key, another version and garbage', () => {
    const sealed = sealBlob(sealKey, 'b_goals', BLOB);
    for (let i = 1; i < sealed.length; i += 3) {
      const flipped = sealed.slice();
      flipped[i]! ^= 0x10;
      expect(refusal(() => openBlob(sealKey, 'b_goals', flipped))).toBe('blob-tampered');
    }
    expect(refusal(() => openBlob(sealKey, 'b_feedback', sealed))).toBe('blob-tampered');
    expect(refusal(() => openBlob(relayKeys(OTHER_SECRET).sealKey, 'b_goals', sealed))).toBe('blob-tampered');
    const versioned = sealed.slice();
    versioned[0] = 99;
    expect(refusal(() => openBlob(sealKey, 'b_goals', versioned))).toBe('blob-version');
    expect(refusal(() => openBlob(sealKey, 'b_goals', randomBytes(10)))).toBe('blob-malformed');
    expect(refusal(() => openBlob(sealKey, 'b_goals', 'text'))).toBe('blob-malformed');
  });
});

describe('relay names and tokens', () => {
  it('derive everything from the secret: the same on every laptop, all different after a rotation', () => {
    const a = relayKeys(SECRET);
    const b = relayKeys(new Uint8Array(SECRET));
    const rotated = relayKeys(OTHER_SECRET);
    expect(b.token).toBe(a.token);
    expect(b.envelopeName('b_goals')).toBe(a.envelopeName('b_goals'));
    expect(rotated.token).not.toBe(a.token);
    expect(rotated.envelopeName('b_goals')).not.toBe(a.envelopeName('b_goals'));
    expect(Buffer.from(rotated.sealKey).equals(Buffer.from(a.sealKey))).toBe(false);
  });

  it('name an envelope without its board id, and one doc per name', () => {
    const keys = relayKeys(SECRET);
    const name = keys.envelopeName('b_goals');
    expect(name).toMatch(ENVELOPE_DOC_NAME);
    expect(name).not.toContain('goals');
    expect(keys.envelopeName('b_feedback')).not.toBe(name);
  });

  it('let a token open its own namespace and no other workspace’s', () => {
    const ours = relayKeys(SECRET);
    const theirs = relayKeys(OTHER_SECRET);
    expect(tokenOpens(ours.token, ours.envelopeName('b_goals'))).toBe(true);
    expect(tokenOpens(theirs.token, ours.envelopeName('b_goals'))).toBe(false);
    expect(tokenOpens(ours.token, '../../etc/passwd')).toBe(false);
    expect(tokenOpens(undefined, ours.envelopeName('b_goals'))).toBe(false);
    expect(ours.envelopeName('x').startsWith(relayNamespace(ours.token))).toBe(true);
  });
});
