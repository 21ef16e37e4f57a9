// Noise NNpsk0 (revision 34): the SymmetricState and the HandshakeState for `-> psk, e` /
// `<- e, ee` over X25519, ChaChaPoly (or AESGCM) and SHA-256, on the primitives in
// noise-crypto.ts. Known-answer tested against the cacophony vectors (tests/unit/fixtures/lan/).
import { CipherState, dh, DHLEN, HASHLEN, keyPair, MAX_NOISE_MESSAGE, NoiseError, noiseHkdf, PSKLEN, sha256, type KeyPair, type NoiseCipherName } from './noise-crypto';

export { CipherState, MAX_NOISE_MESSAGE, NoiseError, noiseHkdf, TAGLEN, type NoiseCipherName, type NoiseFailure } from './noise-crypto';

/** The protocol name this module runs with the given cipher, e.g. `Noise_NNpsk0_25519_ChaChaPoly_SHA256`. */
export function nnpsk0ProtocolName(cipher: NoiseCipherName = 'ChaChaPoly'): string {
  return `Noise_NNpsk0_25519_${cipher}_SHA256`;
}

/** The SymmetricState: chaining key `ck`, handshake hash `h`, and the CipherState they key. */
class SymmetricState {
  private ck: Uint8Array;
  private h: Uint8Array;
  private cs: CipherState;

  constructor(
    private readonly cipher: NoiseCipherName,
    protocolName: string,
  ) {
    const name = new TextEncoder().encode(protocolName);
    this.h = name.length <= HASHLEN ? Uint8Array.from({ length: HASHLEN }, (_, i) => name[i] ?? 0) : sha256(name);
    this.ck = this.h;
    this.cs = new CipherState(cipher);
  }

  get handshakeHash(): Uint8Array {
    return this.h.slice();
  }

  mixKey(ikm: Uint8Array): void {
    const [ck, tempK] = noiseHkdf(this.ck, ikm, 2) as [Uint8Array, Uint8Array];
    this.ck = ck;
    this.cs = new CipherState(this.cipher, tempK);
  }

  mixHash(data: Uint8Array): void {
    this.h = sha256(this.h, data);
  }

  mixKeyAndHash(ikm: Uint8Array): void {
    const [ck, tempH, tempK] = noiseHkdf(this.ck, ikm, 3) as [Uint8Array, Uint8Array, Uint8Array];
    this.ck = ck;
    this.mixHash(tempH);
    this.cs = new CipherState(this.cipher, tempK);
  }

  encryptAndHash(plaintext: Uint8Array): Uint8Array {
    const ciphertext = this.cs.encryptWithAd(this.h, plaintext);
    this.mixHash(ciphertext);
    return ciphertext;
  }

  decryptAndHash(ciphertext: Uint8Array): Uint8Array {
    const plaintext = this.cs.decryptWithAd(this.h, ciphertext);
    this.mixHash(ciphertext);
    return plaintext;
  }

  /** The two transport CipherStates: the first for initiator → responder, the second for the reverse. */
  split(): [CipherState, CipherState] {
    const [k1, k2] = noiseHkdf(this.ck, new Uint8Array(0), 2) as [Uint8Array, Uint8Array];
    return [new CipherState(this.cipher, k1), new CipherState(this.cipher, k2)];
  }
}

/** How to start one side of an NNpsk0 handshake. */
export interface NnPsk0Options {
  readonly initiator: boolean;
  /** The 32-byte pre-shared key (Tandem: the workspace secret). */
  readonly psk: Uint8Array;
  /** Bound into the transcript; both sides must use the same bytes or message 1 fails. */
  readonly prologue: Uint8Array;
  readonly cipher?: NoiseCipherName;
  /** A fixed ephemeral private key, for known-answer tests only. Fresh otherwise. */
  readonly ephemeralPrivateKey?: Uint8Array;
}

type Token = 'psk' | 'e' | 'ee';
const NNPSK0: readonly (readonly Token[])[] = [
  ['psk', 'e'],
  ['e', 'ee'],
];

/**
 * One side of a `Noise_NNpsk0_25519_*_SHA256` handshake. The initiator writes message 1 and
 * reads message 2; the responder the other way round. Any failure is final: every later call
 * throws `bad-state`, and the connection carrying it must close.
 */
export class NnPsk0Handshake {
  private readonly ss: SymmetricState;
  private readonly psk: Uint8Array;
  private readonly fixedEphemeral: Uint8Array | undefined;
  private e: KeyPair | null = null;
  private re: Uint8Array | null = null;
  private index = 0;
  private failed = false;

  constructor(private readonly options: NnPsk0Options) {
    if (options.psk.length !== PSKLEN) throw new NoiseError('bad-key');
    this.psk = options.psk.slice();
    this.fixedEphemeral = options.ephemeralPrivateKey?.slice();
    this.ss = new SymmetricState(options.cipher ?? 'ChaChaPoly', nnpsk0ProtocolName(options.cipher));
    this.ss.mixHash(options.prologue);
  }

  get isComplete(): boolean {
    return this.index === NNPSK0.length;
  }

  /** The transcript hash `h`: equal on both sides after a successful handshake. */
  get handshakeHash(): Uint8Array {
    return this.ss.handshakeHash;
  }

  writeMessage(payload: Uint8Array): Uint8Array {
    return this.guard(this.options.initiator ? 0 : 1, () => {
      const parts: Uint8Array[] = [];
      for (const token of NNPSK0[this.index] ?? []) {
        if (token === 'psk') this.ss.mixKeyAndHash(this.psk);
        else if (token === 'e') {
          this.e = keyPair(this.fixedEphemeral);
          parts.push(this.e.publicKey);
          this.ss.mixHash(this.e.publicKey);
          this.ss.mixKey(this.e.publicKey);
        } else this.ss.mixKey(dh(this.requireKeys().e, this.requireKeys().re));
      }
      parts.push(this.ss.encryptAndHash(payload));
      const message = Buffer.concat(parts);
      if (message.length > MAX_NOISE_MESSAGE) throw new NoiseError('message-too-large');
      return new Uint8Array(message.buffer, message.byteOffset, message.length);
    });
  }

  readMessage(message: Uint8Array): Uint8Array {
    return this.guard(this.options.initiator ? 1 : 0, () => {
      if (message.length > MAX_NOISE_MESSAGE) throw new NoiseError('message-too-large');
      let offset = 0;
      for (const token of NNPSK0[this.index] ?? []) {
        if (token === 'psk') this.ss.mixKeyAndHash(this.psk);
        else if (token === 'e') {
          if (message.length < offset + DHLEN) throw new NoiseError('message-too-short');
          this.re = message.slice(offset, offset + DHLEN);
          offset += DHLEN;
          this.ss.mixHash(this.re);
          this.ss.mixKey(this.re);
        } else this.ss.mixKey(dh(this.requireKeys().e, this.requireKeys().re));
      }
      return this.ss.decryptAndHash(message.subarray(offset));
    });
  }

  /** After the last message: the CipherStates to send and to receive with. */
  split(): { send: CipherState; receive: CipherState } {
    if (!this.isComplete || this.failed) throw new NoiseError('bad-state');
    const [initiatorToResponder, responderToInitiator] = this.ss.split();
    return this.options.initiator
      ? { send: initiatorToResponder, receive: responderToInitiator }
      : { send: responderToInitiator, receive: initiatorToResponder };
  }

  private guard<T>(expectedIndex: number, step: () => T): T {
    if (this.failed || this.index !== expectedIndex) throw new NoiseError('bad-state');
    try {
      const result = step();
      this.index++;
      return result;
    } catch (error) {
      this.failed = true;
      throw error instanceof NoiseError ? error : new NoiseError('bad-state');
    }
  }

  private requireKeys(): { e: KeyPair; re: Uint8Array } {
    if (!this.e || !this.re) throw new NoiseError('bad-state');
    return { e: this.e, re: this.re };
  }
}
