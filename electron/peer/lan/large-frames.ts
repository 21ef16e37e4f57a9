// Frames over the LAN frame limit (a huge board's full step 2, a huge update): sent as a
// `lanLargeFrame` announcement followed right away by the frame's bytes as `blobChunk` frames,
// and put back together on the other side into one buffer of the announced size before the
// connection handles it, in its place in the stream. One in flight per direction.
//
// To a peer that says it reads them (its welcome), big frames go compressed: each chunk on its
// own with Brotli at quality 0 (about 3.5 ms a MiB here, a board's step 2 to a third of its size),
// so the receiver decompresses one chunk while the next is compressed and sent. The announcement
// says how the chunks are coded; a chunk that does not decompress, or to more than the frame
// has left, is a ProtocolError.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { blobChunkFrames, readBlobChunk } from '../../../shared/protocol/blobs';
import { encodeFrame, MessageType, ProtocolError } from '../../../shared/protocol/frame';
import { compressFast, inflateAtMost } from '../fast-brotli';

/** How a large frame's chunks are coded: as they are, or each compressed on its own with Brotli. */
export const LargeFrameCoding = { raw: 0, brotli: 1 } as const;
export type LargeFrameCoding = (typeof LargeFrameCoding)[keyof typeof LargeFrameCoding];
/** The name a welcome lists when its sender reads Brotli-coded large frames. */
export const BROTLI_CHUNKS = 'br';

/** When a frame goes in chunks, how big they are, and the largest frame either side accepts so. */
export interface LargeFrameLimits {
  /** Frames larger than this go in chunks: well under the channel's 16 MiB frame limit. */
  readonly largeFrameThresholdBytes: number;
  readonly largeFrameChunkBytes: number;
  /** Largest reassembled frame accepted (and sent): far above a 30k-card board's full state. */
  readonly maxLargeFrameBytes: number;
  /** To a peer that reads compressed chunks, frames larger than this go compressed (and so in chunks). */
  readonly compressAboveBytes: number;
}

export const DEFAULT_LARGE_FRAME_LIMITS: LargeFrameLimits = {
  largeFrameThresholdBytes: 4 * 1024 * 1024,
  largeFrameChunkBytes: 1024 * 1024,
  maxLargeFrameBytes: 512 * 1024 * 1024,
  compressAboveBytes: 1024 * 1024,
};

/** The frames that carry `frame` as large frame `id`: the announcement, then its chunks, made (and compressed) as they are taken. */
export function* largeFrameFrames(id: number, frame: Uint8Array, limits: LargeFrameLimits, coding: LargeFrameCoding = LargeFrameCoding.raw): Generator<Uint8Array, void, undefined> {
  if (frame.byteLength > limits.maxLargeFrameBytes) throw new ProtocolError('large-frame-too-large');
  yield encodeFrame('', MessageType.lanLargeFrame, (e) => {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, frame.byteLength);
    // Raw frames are announced as before this field existed.
    if (coding !== LargeFrameCoding.raw) encoding.writeVarUint(e, coding);
  });
  if (coding === LargeFrameCoding.raw) {
    yield* blobChunkFrames(id, frame, limits.largeFrameChunkBytes);
    return;
  }
  for (let offset = 0; offset < frame.byteLength; offset += limits.largeFrameChunkBytes) {
    const chunk = frame.subarray(offset, offset + limits.largeFrameChunkBytes);
    const compressed = compressFast(chunk);
    yield encodeFrame('', MessageType.blobChunk, (e) => {
      encoding.writeVarUint(e, id);
      encoding.writeVarUint8Array(e, compressed);
    });
  }
}

/** Whether `frame` is connection-level (doc id '') of `type`, read without a decoder: both bytes are single-byte varUints. */
function isConnectionFrameOf(frame: Uint8Array, type: number): boolean {
  return frame.byteLength >= 2 && frame[0] === 0 && frame[1] === type;
}

/** A reassembly buffer starts this big and doubles as chunks arrive. */
const INITIAL_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * The large frame arriving on one connection. Anything out of line — a chunk with no
 * announcement or of another blob, more bytes than announced, another frame before the last
 * chunk, an announcement past the limit — is a ProtocolError, and the connection closes.
 */
export class IncomingLargeFrame {
  private current: { id: number; size: number; coding: LargeFrameCoding; bytes: Uint8Array; filled: number } | null = null;

  constructor(private readonly limits: LargeFrameLimits) {}

  get inProgress(): boolean {
    return this.current !== null;
  }

  /** Takes one frame off the wire: returns the frame to handle (this one, or a completed large one), or null while a large one is still arriving. */
  receive(frame: Uint8Array): Uint8Array | null {
    if (isConnectionFrameOf(frame, MessageType.lanLargeFrame)) {
      this.announce(frame);
      return null;
    }
    if (isConnectionFrameOf(frame, MessageType.blobChunk)) return this.chunk(frame);
    if (this.current) throw new ProtocolError('large-frame-interrupted');
    return frame;
  }

  /** The connection ended: a half-arrived frame is dropped. */
  clear(): void {
    this.current = null;
  }

  private announce(frame: Uint8Array): void {
    if (this.current) throw new ProtocolError('large-frame-interrupted');
    const decoder = decoding.createDecoder(frame.subarray(2));
    let id: number;
    let size: number;
    let coding: number;
    try {
      id = decoding.readVarUint(decoder);
      size = decoding.readVarUint(decoder);
      coding = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : LargeFrameCoding.raw;
    } catch {
      throw new ProtocolError('large-frame-malformed');
    }
    if (size > this.limits.maxLargeFrameBytes) throw new ProtocolError('large-frame-too-large');
    if (size === 0) throw new ProtocolError('large-frame-malformed');
    if (coding !== LargeFrameCoding.raw && coding !== LargeFrameCoding.brotli) throw new ProtocolError('large-frame-coding');
    // Filled in place, growing with what arrives (not with what is announced, which costs a
    // sender nothing), and never beyond the announced size.
    this.current = { id, size, coding, bytes: new Uint8Array(Math.min(size, INITIAL_BUFFER_BYTES)), filled: 0 };
  }

  private chunk(frame: Uint8Array): Uint8Array | null {
    const { blobId, chunk: sent } = readBlobChunk(decoding.createDecoder(frame.subarray(2)));
    const current = this.current;
    if (!current || current.id !== blobId) throw new ProtocolError('large-frame-unknown-blob');
    const chunk = current.coding === LargeFrameCoding.raw ? sent : decompressed(sent, current.size - current.filled);
    const needed = current.filled + chunk.byteLength;
    if (chunk.byteLength === 0 || needed > current.size) throw new ProtocolError('large-frame-overrun');
    if (needed > current.bytes.byteLength) {
      const grown = new Uint8Array(Math.min(current.size, Math.max(needed, current.bytes.byteLength * 2)));
      grown.set(current.bytes.subarray(0, current.filled));
      current.bytes = grown;
    }
    current.bytes.set(chunk, current.filled);
    current.filled = needed;
    if (current.filled < current.size) return null;
    this.current = null;
    return current.bytes;
  }
}

/** A Brotli-coded chunk's bytes, never more than `room` (what its frame has left): a chunk that would grow past it, or does not decode, is refused before it is held. */
function decompressed(chunk: Uint8Array, room: number): Uint8Array {
  try {
    return inflateAtMost(chunk, room);
  } catch (error) {
    throw new ProtocolError((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'large-frame-overrun' : 'large-frame-undecodable');
  }
}
