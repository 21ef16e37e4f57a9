// A sealed blob: one Tandem update or snapshot as the relay holds it. AES-256-GCM under the
// workspace's seal key with a random 96-bit nonce; the Tandem doc id is the associated data,
// so a blob moved to another doc's envelope does not open. Who sent it and its sequence are
// inside the ciphertext: the relay sees a version byte, a nonce and a length, nothing else.
// An update of a kilobyte or more is compressed (Brotli, quality 0) before it is sealed when
// that makes it smaller: a board's snapshot is a third of its size at the relay and on the way
// to every laptop, and a 30k-card board's fits under the relay's blob limit. Such a blob says
// its inflated size, and is refused if it inflates to anything else.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MAX_SEALED_BLOB_BYTES, RELAY_PROTOCOL } from '../../../shared/relay/relay-names';
import { compressFast, inflateAtMost } from '../fast-brotli';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES;

/** An update is one change; a snapshot replaces every blob it was compacted from. */
export type SealedKind = 'update' | 'snapshot';
const KIND_CODES: Readonly<Record<SealedKind, number>> = { update: 1, snapshot: 2 };
/** Added to a kind's code when its update is sealed compressed (Tandem before it refuses those as malformed). */
const COMPRESSED_CODE = 2;
/** Updates from this size up are sealed compressed, when that is smaller. */
const COMPRESS_FROM_BYTES = 1024;
/** The most an opened blob's update may hold: a compressed one says its size, checked before it is inflated. */
export const MAX_OPENED_UPDATE_BYTES = 4 * MAX_SEALED_BLOB_BYTES;

export interface OpenedBlob {
  readonly kind: SealedKind;
  /** The peer that sealed it. */
  readonly sender: string;
  /** The sender's sequence number for this doc: a blob seen twice is a replay. */
  readonly seq: number;
  /** A Yjs update (V1). */
  readonly update: Uint8Array;
}

/** Why a blob was refused; it is counted and never applied. */
export type BlobRefusal = 'blob-version' | 'blob-size' | 'blob-tampered' | 'blob-malformed';

export class BlobRefused extends Error {
  constructor(readonly reason: BlobRefusal) {
    super(`sealed blob refused: ${reason}`);
  }
}

const associatedData = (docId: string): Uint8Array => new TextEncoder().encode(`tandem/relay/blob/v${RELAY_PROTOCOL}\0${docId}`);

export function sealBlob(key: Uint8Array, docId: string, blob: OpenedBlob): Uint8Array {
  const compressed = blob.update.byteLength >= COMPRESS_FROM_BYTES ? compress(blob.update) : null;
  const plain = encoding.createEncoder();
  encoding.writeVarUint(plain, KIND_CODES[blob.kind] + (compressed ? COMPRESSED_CODE : 0));
  encoding.writeVarString(plain, blob.sender);
  encoding.writeVarUint(plain, blob.seq);
  if (compressed) encoding.writeVarUint(plain, blob.update.byteLength);
  encoding.writeVarUint8Array(plain, compressed ?? blob.update);
  return sealBlobPlaintext(key, docId, encoding.toUint8Array(plain));
}

/** A blob's plaintext sealed as it is given (sealBlob's last step; tests seal malformed ones with it). */
export function sealBlobPlaintext(key: Uint8Array, docId: string, plain: Uint8Array): Uint8Array {
  return seal(key, associatedData(docId), plain);
}

/** `update` Brotli-compressed, or null when that is not smaller. */
function compress(update: Uint8Array): Uint8Array | null {
  const compressed = compressFast(update);
  return compressed.byteLength < update.byteLength ? compressed : null;
}

/** A compressed update inflated to the size it says; throws if it says too much or inflates to anything else. */
function inflate(compressed: Uint8Array, size: number): Uint8Array {
  if (size > MAX_OPENED_UPDATE_BYTES) throw new Error('too large');
  const inflated = inflateAtMost(compressed, size);
  if (inflated.byteLength !== size) throw new Error('size differs');
  return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
}

function seal(key: Uint8Array, aad: Uint8Array, plain: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  if (HEADER_BYTES + body.length > MAX_SEALED_BLOB_BYTES) throw new BlobRefused('blob-size');
  const out = new Uint8Array(HEADER_BYTES + body.length);
  out[0] = RELAY_PROTOCOL;
  out.set(nonce, 1);
  out.set(body, HEADER_BYTES);
  return out;
}

/** The plaintext of a sealed value under `aad`; BlobRefused for anything not sealed with the key for it. */
function open(key: Uint8Array, aad: Uint8Array, sealed: unknown): Buffer {
  if (!(sealed instanceof Uint8Array) || sealed.length < HEADER_BYTES + TAG_BYTES) throw new BlobRefused('blob-malformed');
  if (sealed.length > MAX_SEALED_BLOB_BYTES) throw new BlobRefused('blob-size');
  if (sealed[0] !== RELAY_PROTOCOL) throw new BlobRefused('blob-version');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, HEADER_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BlobRefused('blob-tampered');
  }
}

/** Opens a blob of `docId`'s envelope; throws BlobRefused for anything not sealed by a holder of the key for this doc. */
export function openBlob(key: Uint8Array, docId: string, sealed: unknown): OpenedBlob {
  const plain = open(key, associatedData(docId), sealed);
  // Authenticated, so only a holder of the key wrote this; still read it defensively.
  try {
    const decoder = decoding.createDecoder(plain);
    const code = decoding.readVarUint(decoder);
    const compressed = code > COMPRESSED_CODE;
    const kind = (Object.keys(KIND_CODES) as SealedKind[]).find((k) => KIND_CODES[k] === (compressed ? code - COMPRESSED_CODE : code));
    if (!kind) throw new Error('unknown kind');
    const sender = decoding.readVarString(decoder);
    const seq = decoding.readVarUint(decoder);
    const size = compressed ? decoding.readVarUint(decoder) : 0;
    const body = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
    return { kind, sender, seq, update: compressed ? inflate(body, size) : body };
  } catch {
    throw new BlobRefused('blob-malformed');
  }
}

/**
 * A laptop's acknowledgement, as it leaves one in a doc's envelope: its peer has the doc on disk
 * up to `stateVector`. Sealed like a blob but under its own associated data, so an ack never
 * opens as an update nor an update as an ack. A replayed ack says less than a newer one, and
 * acknowledgements only ever add up, so replaying one changes nothing.
 */
export interface OpenedAck {
  readonly peerId: string;
  readonly memberId: string | null;
  readonly device: string | null;
  /** Encoded state vector (Yjs). */
  readonly stateVector: Uint8Array;
}

const ackData = (docId: string): Uint8Array => new TextEncoder().encode(`tandem/relay/ack/v${RELAY_PROTOCOL}\0${docId}`);
const MAX_ACK_FIELD = 64;

export function sealAck(key: Uint8Array, docId: string, ack: OpenedAck): Uint8Array {
  const plain = encoding.createEncoder();
  encoding.writeVarString(plain, ack.peerId);
  encoding.writeVarString(plain, ack.memberId ?? '');
  encoding.writeVarString(plain, ack.device ?? '');
  encoding.writeVarUint8Array(plain, ack.stateVector);
  return seal(key, ackData(docId), encoding.toUint8Array(plain));
}

/** Opens an ack of `docId`'s envelope; throws BlobRefused like `openBlob`. */
export function openAck(key: Uint8Array, docId: string, sealed: unknown): OpenedAck {
  const plain = open(key, ackData(docId), sealed);
  try {
    const decoder = decoding.createDecoder(plain);
    const peerId = decoding.readVarString(decoder);
    const memberId = decoding.readVarString(decoder);
    const device = decoding.readVarString(decoder);
    const stateVector = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder) || !peerId || [peerId, memberId, device].some((field) => field.length > MAX_ACK_FIELD)) throw new Error('bad ack');
    return { peerId, memberId: memberId || null, device: device || null, stateVector };
  } catch {
    throw new BlobRefused('blob-malformed');
  }
}
