// The primitives under Tandem's Noise handshake, on node:crypto alone: X25519 with raw
// 32-byte keys, SHA-256, Noise's HKDF, and the CipherState (ChaChaPoly or AESGCM with Noise's
// nonce layout). Revision 34 of the Noise spec, sections 4 and 5.1.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';

export type NoiseCipherName = 'ChaChaPoly' | 'AESGCM';

export const DHLEN = 32;
export const HASHLEN = 32;
export const TAGLEN = 16;
export const PSKLEN = 32;
/** Noise's limit on any one message, handshake or transport. */
export const MAX_NOISE_MESSAGE = 65_535;
/** 2^64 − 1 is reserved by the spec; a CipherState refuses to use it. */
const MAX_NONCE = 0xffff_ffff_ffff_ffffn;

export type NoiseFailure = 'decrypt-failed' | 'message-too-short' | 'message-too-large' | 'nonce-exhausted' | 'dh-failed' | 'bad-state' | 'bad-key';

/** The handshake or a CipherState refused: the session is dead and the connection must close. */
export class NoiseError extends Error {
  override readonly name = 'NoiseError';
  constructor(readonly reason: NoiseFailure) {
    super(`noise: ${reason}`);
  }
}

/** A CipherState: a key (or none) and a 64-bit nonce that counts every message it seals or opens. */
export class CipherState {
  private n = 0n;

  constructor(
    private readonly cipher: NoiseCipherName,
    private readonly k: Uint8Array | null = null,
  ) {
    if (k && k.length !== 32) throw new NoiseError('bad-key');
  }

  hasKey(): boolean {
    return this.k !== null;
  }

  /** The nonce the next message will use. */
  get nonce(): bigint {
    return this.n;
  }

  encryptWithAd(ad: Uint8Array, plaintext: Uint8Array): Uint8Array {
    if (!this.k) return plaintext.slice();
    if (this.n >= MAX_NONCE) throw new NoiseError('nonce-exhausted');
    const nonce = nonceBytes(this.cipher, this.n);
    const cipher =
      this.cipher === 'ChaChaPoly'
        ? createCipheriv('chacha20-poly1305', this.k, nonce, { authTagLength: TAGLEN })
        : createCipheriv('aes-256-gcm', this.k, nonce, { authTagLength: TAGLEN });
    cipher.setAAD(ad, { plaintextLength: plaintext.length });
    const out = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    this.n++;
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }

  /** Opens a message; on failure throws and leaves the nonce where it was. */
  decryptWithAd(ad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
    if (!this.k) return ciphertext.slice();
    if (this.n >= MAX_NONCE) throw new NoiseError('nonce-exhausted');
    if (ciphertext.length < TAGLEN) throw new NoiseError('message-too-short');
    const nonce = nonceBytes(this.cipher, this.n);
    const decipher =
      this.cipher === 'ChaChaPoly'
        ? createDecipheriv('chacha20-poly1305', this.k, nonce, { authTagLength: TAGLEN })
        : createDecipheriv('aes-256-gcm', this.k, nonce, { authTagLength: TAGLEN });
    const body = ciphertext.subarray(0, ciphertext.length - TAGLEN);
    decipher.setAuthTag(ciphertext.subarray(body.length));
    decipher.setAAD(ad, { plaintextLength: body.length });
    let out: Buffer;
    try {
      out = Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      throw new NoiseError('decrypt-failed');
    }
    this.n++;
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }
}

/** ChaChaPoly: 32 zero bits then the nonce little-endian; AESGCM: 32 zero bits then big-endian. */
function nonceBytes(cipher: NoiseCipherName, n: bigint): Uint8Array {
  const nonce = new Uint8Array(12);
  const view = new DataView(nonce.buffer);
  view.setBigUint64(4, n, cipher === 'ChaChaPoly');
  return nonce;
}

/** SHA-256 of the parts, concatenated. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

function hmac(key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return new Uint8Array(mac.digest());
}

/** Noise's HKDF(chaining_key, input_key_material, num_outputs): HMAC-SHA256 extract, then 2 or 3 chained expands. */
export function noiseHkdf(chainingKey: Uint8Array, ikm: Uint8Array, outputs: 2 | 3): Uint8Array[] {
  const tempKey = hmac(chainingKey, ikm);
  const out: Uint8Array[] = [];
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 1; i <= outputs; i++) {
    previous = hmac(tempKey, previous, Uint8Array.of(i));
    out.push(previous);
  }
  return out;
}

// DER wrappers that turn a raw 32-byte X25519 key into a node:crypto KeyObject.
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

export interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: Uint8Array;
}

/** An X25519 key pair: from a raw 32-byte private key (tests), or fresh. */
export function keyPair(rawPrivate?: Uint8Array): KeyPair {
  let privateKey: KeyObject;
  if (rawPrivate) {
    if (rawPrivate.length !== DHLEN) throw new NoiseError('bad-key');
    privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, rawPrivate]), format: 'der', type: 'pkcs8' });
  } else {
    privateKey = generateKeyPairSync('x25519').privateKey;
  }
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey: new Uint8Array(spki.subarray(spki.length - DHLEN)) };
}

/** X25519 with the peer's raw public key; throws `dh-failed` for a low-order key. */
export function dh(local: KeyPair, remotePublic: Uint8Array): Uint8Array {
  try {
    const publicKey = createPublicKey({ key: Buffer.concat([SPKI_X25519, remotePublic]), format: 'der', type: 'spki' });
    return new Uint8Array(diffieHellman({ privateKey: local.privateKey, publicKey }));
  } catch {
    // OpenSSL refuses an all-zero result, i.e. a low-order point from the peer.
    throw new NoiseError('dh-failed');
  }
}
