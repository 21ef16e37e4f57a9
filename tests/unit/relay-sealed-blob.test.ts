// Sealed blobs and relay names: what a relay holds opens only with the workspace's key, only
// for the doc it was sealed for, and a relay name says nothing a stranger could read.
import { randomBytes } from 'node:crypto';
import { brotliCompressSync } from 'node:zlib';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { relayKeys } from '../../electron/peer/relay/relay-keys';
import { BlobRefused, MAX_OPENED_UPDATE_BYTES, openBlob, sealBlob, sealBlobPlaintext, type OpenedBlob } from '../../electron/peer/relay/sealed-blob';
import { ENVELOPE_DOC_NAME, MAX_SEALED_BLOB_BYTES, relayNamespace, tokenOpens } from '../../shared/relay/relay-names';

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

/** A board-like update: `cards` titles and descriptions of everyday words (compressible, as real boards are). */
function boardUpdate(cards: number): Uint8Array {
  const doc = new Y.Doc();
  const words = ['retention', 'onboarding', 'checkout', 'invoice', 'export', 'search', 'slow', 'crash', 'campaign', 'release', '新用户', '留存'];
  const items = doc.getMap<Y.Map<string>>('items');
  doc.transact(() => {
    for (let i = 0; i < cards; i++) {
      const item = new Y.Map<string>();
      item.set('title', `${words[i % words.length]} ${words[(i * 7) % words.length]} #${i}`);
      item.set('description', Array.from({ length: 30 }, (_, w) => words[(i + w * 3) % words.length]).join(' '));
      items.set(`item-${i}`, item);
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

/** A compressed blob's plaintext as sealBlob writes it, with any size and body. */
function compressedPlaintext(size: number, body: Uint8Array): Uint8Array {
  const plain = encoding.createEncoder();
  encoding.writeVarUint(plain, 3);
  encoding.writeVarString(plain, 'peer-a');
  encoding.writeVarUint(plain, 1);
  encoding.writeVarUint(plain, size);
  encoding.writeVarUint8Array(plain, body);
  return encoding.toUint8Array(plain);
}

describe('a sealed blob, compressed', () => {
  const { sealKey } = relayKeys(SECRET);

  it('holds a big update in a third of its bytes and opens to the same update', () => {
    const update = boardUpdate(2_000);
    const snapshot: OpenedBlob = { kind: 'snapshot', sender: 'peer-a', seq: 7, update };
    const sealed = sealBlob(sealKey, 'b_feedback', snapshot);
    expect(sealed.byteLength).toBeLessThan(update.byteLength / 2);
    const opened = openBlob(sealKey, 'b_feedback', sealed);
    expect(opened.kind).toBe('snapshot');
    expect(Buffer.from(opened.update).equals(Buffer.from(update))).toBe(true);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, opened.update);
    expect(doc.getMap('items').size).toBe(2_000);
  });

  it('leaves a small update as it is', () => {
    const update = boardUpdate(1);
    expect(update.byteLength).toBeLessThan(1024);
    const sealed = sealBlob(sealKey, 'b_feedback', { ...BLOB, update });
    // Version, nonce, tag and the plaintext's own fields: nothing was saved, nothing was added.
    expect(sealed.byteLength).toBeGreaterThan(update.byteLength);
    expect(openBlob(sealKey, 'b_feedback', sealed).update).toEqual(update);
  });

  it("carries a board whose snapshot is over the relay's blob limit as it is", () => {
    const update = boardUpdate(60_000);
    expect(update.byteLength).toBeGreaterThan(MAX_SEALED_BLOB_BYTES);
    const sealed = sealBlob(sealKey, 'b_feedback', { kind: 'snapshot', sender: 'peer-a', seq: 1, update });
    expect(sealed.byteLength).toBeLessThanOrEqual(MAX_SEALED_BLOB_BYTES);
    expect(openBlob(sealKey, 'b_feedback', sealed).update.byteLength).toBe(update.byteLength);
  });

  it('is refused when it inflates to more or less than it says, says too much, or is not Brotli', () => {
    const update = boardUpdate(200);
    const body = brotliCompressSync(update);
    expect(openBlob(sealKey, 'b_feedback', sealBlobPlaintext(sealKey, 'b_feedback', compressedPlaintext(update.byteLength, body))).update.byteLength).toBe(update.byteLength);
    for (const plain of [
      compressedPlaintext(update.byteLength - 1, body),
      compressedPlaintext(update.byteLength + 1, body),
      compressedPlaintext(MAX_OPENED_UPDATE_BYTES + 1, body),
      compressedPlaintext(update.byteLength, update),
      compressedPlaintext(update.byteLength, body.subarray(0, body.byteLength - 8)),
    ]) {
      expect(refusal(() => openBlob(sealKey, 'b_feedback', sealBlobPlaintext(sealKey, 'b_feedback', plain)))).toBe('blob-malformed');
    }
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
