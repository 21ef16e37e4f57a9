// Tandem's LAN handshake as a socket-free state machine. A 7-byte preamble (magic, protocol
// version, status) lets peers on different versions refuse each other by name; then Noise
// NNpsk0 with the workspace secret as psk and each side's hello as payload; then the initiator
// confirms its keys with an empty transport frame, so a replayed message 1 never opens anything.
import { PROTOCOL_VERSION } from '../../../shared/protocol/frame';
import { decodeHello, encodeHello, helloMismatch, type LanHello } from './hello';
import { NnPsk0Handshake } from './noise';
import { ChannelError, encodeRecord, FrameOpener, LENGTH_BYTES, FrameSealer, type ChannelLimits, type ChannelRefusalReason, type RecordReader } from './records';

export type LanRole = 'initiator' | 'responder';

/** Identifies the application in the Noise prologue; never changes. */
export const LAN_APP_ID = 'tandem-lan';
const MAGIC = [0x54, 0x4e, 0x44, 0x4d]; // "TNDM"
export const PREAMBLE_BYTES = 7;
const STATUS = { proceed: 0, refusedBadHandshake: 1, refusedIncompatible: 2 } as const;
const CONFIRMATION_MAX_BODY = 64;

/** The Noise prologue: the app id, a zero byte and the protocol version (u16 big-endian). */
export function lanPrologue(protocolVersion = PROTOCOL_VERSION): Uint8Array {
  const id = new TextEncoder().encode(LAN_APP_ID);
  return Uint8Array.from([...id, 0, (protocolVersion >> 8) & 0xff, protocolVersion & 0xff]);
}

/** The preamble each side sends first: "TNDM", the protocol version (u16 big-endian), a status byte. */
export function encodePreamble(status: number, protocolVersion = PROTOCOL_VERSION): Uint8Array {
  return Uint8Array.from([...MAGIC, (protocolVersion >> 8) & 0xff, protocolVersion & 0xff, status]);
}

/** What a completed handshake yields: the peer's (authenticated) hello and the transport ciphers. */
export interface LanSession {
  readonly remoteHello: LanHello;
  readonly sealer: FrameSealer;
  readonly opener: FrameOpener;
  /** Equal on both sides; usable for channel binding. */
  readonly handshakeHash: Uint8Array;
}

/** The outcome of feeding bytes to the handshake: bytes to send, and whether it finished. */
export type HandshakeStep =
  | { readonly kind: 'pending'; readonly send: Uint8Array[] }
  | { readonly kind: 'open'; readonly send: Uint8Array[]; readonly session: LanSession }
  | { readonly kind: 'refused'; readonly send: Uint8Array[]; readonly reason: ChannelRefusalReason; readonly byPeer: boolean };

export interface LanHandshakeOptions {
  readonly role: LanRole;
  /** The workspace secret, used as the Noise psk. */
  readonly secret: Uint8Array;
  readonly hello: LanHello;
  readonly limits: ChannelLimits;
  /** Tests only: a fixed Noise ephemeral key. */
  readonly ephemeralPrivateKey?: Uint8Array;
  /** Tests only: pretend to speak another protocol version. */
  readonly protocolVersion?: number;
}

type Phase = 'preamble' | 'message' | 'confirmation' | 'done';

class Refusal {
  constructor(
    readonly reason: ChannelRefusalReason,
    readonly byPeer = false,
    readonly reply: Uint8Array[] = [],
  ) {}
}

/** One side of the LAN handshake. Call `start()` once, then `step(reader)` whenever bytes arrive. */
export class LanHandshake {
  private readonly noise: NnPsk0Handshake;
  private readonly version: number;
  private phase: Phase = 'preamble';
  private opener: FrameOpener | null = null;
  private session: Omit<LanSession, 'opener'> | null = null;

  constructor(private readonly options: LanHandshakeOptions) {
    this.version = options.protocolVersion ?? PROTOCOL_VERSION;
    this.noise = new NnPsk0Handshake({
      initiator: options.role === 'initiator',
      psk: options.secret,
      prologue: lanPrologue(this.version),
      ...(options.ephemeralPrivateKey ? { ephemeralPrivateKey: options.ephemeralPrivateKey } : {}),
    });
  }

  /** What to send on connect: the initiator's preamble and message 1; nothing for a responder. */
  start(): Uint8Array[] {
    if (this.options.role === 'responder') return [];
    return [encodePreamble(STATUS.proceed, this.version), encodeRecord(this.noise.writeMessage(encodeHello(this.options.hello)))];
  }

  /** Consumes whatever handshake bytes the reader holds; leaves anything after the handshake in it. */
  step(reader: RecordReader): HandshakeStep {
    const send: Uint8Array[] = [];
    try {
      for (;;) {
        const progressed = this.options.role === 'initiator' ? this.stepInitiator(reader, send) : this.stepResponder(reader, send);
        if (this.phase === 'done' && this.session && this.opener) return { kind: 'open', send, session: { ...this.session, opener: this.opener } };
        if (!progressed) return { kind: 'pending', send };
      }
    } catch (error) {
      this.phase = 'done';
      if (error instanceof Refusal) return { kind: 'refused', send: [...send, ...error.reply], reason: error.reason, byPeer: error.byPeer };
      if (error instanceof ChannelError) return { kind: 'refused', send, reason: error.reason, byPeer: false };
      return { kind: 'refused', send, reason: 'bad-handshake', byPeer: false };
    }
  }

  private stepInitiator(reader: RecordReader, send: Uint8Array[]): boolean {
    if (this.phase === 'preamble') {
      const preamble = reader.readFixed(PREAMBLE_BYTES);
      if (!preamble) return false;
      const { version, status } = this.readPreamble(preamble);
      if (version !== this.version) throw new Refusal('incompatible-protocol', status !== STATUS.proceed);
      if (status === STATUS.refusedBadHandshake) throw new Refusal('bad-handshake', true);
      if (status !== STATUS.proceed) throw new Refusal('bad-handshake');
      this.phase = 'message';
      return true;
    }
    if (this.phase !== 'message') return false;
    const remoteHello = this.readHelloRecord(reader);
    if (!remoteHello) return false;
    const mismatch = helloMismatch(this.options.hello, remoteHello);
    if (mismatch) throw new Refusal(mismatch);
    const { sealer, opener } = this.transport();
    send.push(sealer.seal(new Uint8Array(0)));
    this.session = { remoteHello, sealer, handshakeHash: this.noise.handshakeHash };
    this.opener = opener;
    this.phase = 'done';
    return true;
  }

  private stepResponder(reader: RecordReader, send: Uint8Array[]): boolean {
    if (this.phase === 'preamble') {
      const preamble = reader.readFixed(PREAMBLE_BYTES);
      if (!preamble) return false;
      const { version, status } = this.readPreamble(preamble);
      if (version !== this.version) throw new Refusal('incompatible-protocol', false, [encodePreamble(STATUS.refusedIncompatible, this.version)]);
      if (status !== STATUS.proceed) throw new Refusal('bad-handshake');
      this.phase = 'message';
      return true;
    }
    if (this.phase === 'message') {
      const refusedReply = [encodePreamble(STATUS.refusedBadHandshake, this.version)];
      let remoteHello: LanHello | null;
      try {
        remoteHello = this.readHelloRecord(reader);
      } catch (error) {
        if (error instanceof Refusal && error.reason === 'bad-handshake') throw new Refusal('bad-handshake', false, refusedReply);
        throw error;
      }
      if (!remoteHello) return false;
      // Reply with our hello even when the pair cannot talk, so the initiator names the same reason.
      send.push(encodePreamble(STATUS.proceed, this.version), encodeRecord(this.noise.writeMessage(encodeHello(this.options.hello))));
      const mismatch = helloMismatch(this.options.hello, remoteHello);
      if (mismatch) throw new Refusal(mismatch);
      const { sealer, opener } = this.transport();
      this.session = { remoteHello, sealer, handshakeHash: this.noise.handshakeHash };
      this.opener = opener;
      this.phase = 'confirmation';
      return true;
    }
    if (this.phase !== 'confirmation' || !this.opener) return false;
    const record = reader.readRecord(Math.min(CONFIRMATION_MAX_BODY, this.budget(reader)), 'handshake-oversized');
    if (!record) return false;
    let confirmation: Uint8Array;
    try {
      confirmation = this.opener.open(record);
    } catch {
      throw new Refusal('bad-handshake');
    }
    if (confirmation.length !== 0) throw new Refusal('bad-handshake');
    this.phase = 'done';
    return true;
  }

  private readPreamble(preamble: Uint8Array): { version: number; status: number } {
    if (!MAGIC.every((byte, i) => preamble[i] === byte)) throw new Refusal('bad-handshake');
    return { version: ((preamble[4] ?? 0) << 8) | (preamble[5] ?? 0), status: preamble[6] ?? 0 };
  }

  /** Reads the peer's handshake message and its hello; null until the whole record is here. */
  private readHelloRecord(reader: RecordReader): LanHello | null {
    const record = reader.readRecord(this.budget(reader), 'handshake-oversized');
    if (!record) return null;
    let payload: Uint8Array;
    try {
      payload = this.noise.readMessage(record.subarray(4));
    } catch {
      throw new Refusal('bad-handshake');
    }
    const hello = decodeHello(payload);
    if (!hello) throw new Refusal('bad-handshake');
    return hello;
  }

  /** The largest record body the peer may still send within the pre-handshake byte budget. */
  private budget(reader: RecordReader): number {
    return Math.max(0, this.options.limits.maxHandshakeBytes - reader.consumed - LENGTH_BYTES);
  }

  private transport(): { sealer: FrameSealer; opener: FrameOpener } {
    const { send, receive } = this.noise.split();
    return { sealer: new FrameSealer(send, this.options.limits.maxFrameBytes), opener: new FrameOpener(receive) };
  }
}
