// The LAN byte stream cut into records, and the sealed transport frames they carry after the
// handshake. A record is a u32 big-endian length and that many bytes; a transport record's
// bytes are a u64 big-endian counter and the AEAD ciphertext, with the 12-byte header as
// associated data. Every way a record can be wrong has its own ChannelError reason.
import { ProtocolError } from '../../../shared/protocol/frame';
import { NoiseError, TAGLEN, type CipherState } from './noise';

/** Why a LAN connection was refused or closed. Logged and counted; never carries secret material. */
export type ChannelRefusalReason =
  /** The peer speaks another LAN protocol version. */
  | 'incompatible-protocol'
  /** The handshake succeeded but the peer holds another workspace id. */
  | 'wrong-workspace'
  /** The peer is this very peer (found through its own advert, say). */
  | 'self-connection'
  /** Not a Tandem peer, a wrong (or rotated) secret, or a corrupted handshake. */
  | 'bad-handshake'
  | 'handshake-timeout'
  /** More than the pre-handshake byte budget arrived before the handshake completed. */
  | 'handshake-oversized'
  /** The peer closed the connection before the handshake completed. */
  | 'handshake-closed'
  | 'frame-too-large'
  | 'frame-malformed'
  /** A frame's counter is one already used: a replay. */
  | 'frame-replayed'
  /** A frame's counter is ahead of the next one: reordered or skipped. */
  | 'frame-out-of-order'
  /** A frame failed authentication: tampered, or sealed with other keys. */
  | 'frame-auth-failed'
  /** The connection ended inside a frame. */
  | 'frame-truncated'
  /** The application layer refused a frame's content. */
  | 'frame-rejected'
  | 'nonce-exhausted';

/** A LAN connection must close; `reason` says why, `byPeer` when the peer told us (unauthenticated, a hint only). */
export class ChannelError extends ProtocolError {
  constructor(
    override readonly reason: ChannelRefusalReason,
    readonly byPeer = false,
  ) {
    super(reason);
  }
}

/** Limits of one LAN connection. */
export interface ChannelLimits {
  /** Largest application frame (plaintext) accepted or sent. */
  readonly maxFrameBytes: number;
  /** Time from connect to a completed handshake (responder: the initiator's key confirmation). */
  readonly handshakeTimeoutMs: number;
  /** Bytes a peer may send before its handshake completes. */
  readonly maxHandshakeBytes: number;
}

export const DEFAULT_CHANNEL_LIMITS: ChannelLimits = {
  maxFrameBytes: 16 * 1024 * 1024,
  handshakeTimeoutMs: 5_000,
  maxHandshakeBytes: 1_024,
};

export const LENGTH_BYTES = 4;
export const COUNTER_BYTES = 8;
const HEADER_BYTES = LENGTH_BYTES + COUNTER_BYTES;

/**
 * Buffers a byte stream and hands out fixed-size pieces and length-prefixed records. It
 * never copies a record's bytes more than once, so a 16 MiB frame in 64 KiB chunks is cheap.
 */
export class RecordReader {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private taken = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /** Bytes buffered and not yet handed out. */
  get buffered(): number {
    return this.size;
  }

  /** Bytes handed out so far. */
  get consumed(): number {
    return this.taken;
  }

  /** The next `n` bytes, or null until that many have arrived. */
  readFixed(n: number): Uint8Array | null {
    return this.size < n ? null : this.take(n);
  }

  /**
   * The next whole record (its 4 length bytes included), or null until it has arrived.
   * Throws `tooLarge` as soon as a header declares a body over `maxBody`, before the body comes.
   */
  readRecord(maxBody: number, tooLarge: ChannelRefusalReason): Uint8Array | null {
    if (this.size < LENGTH_BYTES) return null;
    const head = this.peek(LENGTH_BYTES);
    const length = new DataView(head.buffer, head.byteOffset, LENGTH_BYTES).getUint32(0);
    if (length > maxBody) throw new ChannelError(tooLarge);
    return this.size < LENGTH_BYTES + length ? null : this.take(LENGTH_BYTES + length);
  }

  private peek(n: number): Uint8Array {
    const first = this.chunks[0];
    if (first && first.length >= n) return first.subarray(0, n);
    this.chunks = [this.concat(this.size)];
    return (this.chunks[0] as Uint8Array).subarray(0, n);
  }

  private take(n: number): Uint8Array {
    const first = this.chunks[0] as Uint8Array;
    let out: Uint8Array;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = this.concat(this.size);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.size -= n;
    this.taken += n;
    return out;
  }

  private concat(total: number): Uint8Array {
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/** A record: the u32 big-endian length of `body`, then `body`. */
export function encodeRecord(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(LENGTH_BYTES + body.length);
  new DataView(out.buffer).setUint32(0, body.length);
  out.set(body, LENGTH_BYTES);
  return out;
}

/** The largest transport record body for a frame limit: counter, ciphertext, tag. */
export function maxTransportBody(maxFrameBytes: number): number {
  return COUNTER_BYTES + maxFrameBytes + TAGLEN;
}

/** Seals outgoing frames with the sending CipherState, writing its nonce as the explicit counter. */
export class FrameSealer {
  constructor(
    private readonly cipher: CipherState,
    private readonly maxFrameBytes: number,
  ) {}

  /** The nonce the next frame will carry. */
  get counter(): bigint {
    return this.cipher.nonce;
  }

  seal(frame: Uint8Array): Uint8Array {
    if (frame.length > this.maxFrameBytes) throw new ChannelError('frame-too-large');
    const out = new Uint8Array(HEADER_BYTES + frame.length + TAGLEN);
    const view = new DataView(out.buffer);
    view.setUint32(0, COUNTER_BYTES + frame.length + TAGLEN);
    view.setBigUint64(LENGTH_BYTES, this.cipher.nonce);
    try {
      out.set(this.cipher.encryptWithAd(out.subarray(0, HEADER_BYTES), frame), HEADER_BYTES);
    } catch (error) {
      throw error instanceof NoiseError && error.reason === 'nonce-exhausted' ? new ChannelError('nonce-exhausted') : error;
    }
    return out;
  }
}

/** Opens incoming transport records with the receiving CipherState; only the very next counter is accepted. */
export class FrameOpener {
  constructor(private readonly cipher: CipherState) {}

  /** The counter the next frame must carry. */
  get counter(): bigint {
    return this.cipher.nonce;
  }

  /** Opens one whole record as RecordReader returned it. Throws ChannelError; the connection must then close. */
  open(record: Uint8Array): Uint8Array {
    if (record.length < HEADER_BYTES + TAGLEN) throw new ChannelError('frame-malformed');
    const counter = new DataView(record.buffer, record.byteOffset, HEADER_BYTES).getBigUint64(LENGTH_BYTES);
    const expected = this.cipher.nonce;
    if (counter < expected) throw new ChannelError('frame-replayed');
    if (counter > expected) throw new ChannelError('frame-out-of-order');
    try {
      return this.cipher.decryptWithAd(record.subarray(0, HEADER_BYTES), record.subarray(HEADER_BYTES));
    } catch (error) {
      if (error instanceof NoiseError && error.reason === 'nonce-exhausted') throw new ChannelError('nonce-exhausted');
      throw new ChannelError('frame-auth-failed');
    }
  }
}
