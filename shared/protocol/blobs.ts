// Binary payloads too large for one JSON request (a workspace backup): sent as numbered
// `blobChunk` frames ahead of the request or response that names them, and reassembled on
// the other side within limits. Both ends of the local link use this one implementation; the
// LAN sends frames over its frame limit as the same chunks (electron/peer/lan/large-frames.ts).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { BLOB_LIMITS, type BlobRef } from '../api/link';
import { encodeFrame, MessageType, ProtocolError, readBytes } from './frame';

/** The frames that carry `bytes` as blob `id`, in order, made one at a time as they are taken. */
export function* blobChunkFrames(id: number, bytes: Uint8Array, chunkBytes: number = BLOB_LIMITS.chunkBytes): Generator<Uint8Array, void, undefined> {
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
    const chunk = bytes.subarray(offset, offset + chunkBytes);
    yield encodeFrame('', MessageType.blobChunk, (e) => {
      encoding.writeVarUint(e, id);
      encoding.writeVarUint8Array(e, chunk);
    });
  }
}

/** Reads a `blobChunk` payload; the chunk is a view into the frame. */
export function readBlobChunk(decoder: decoding.Decoder): { blobId: number; chunk: Uint8Array } {
  let blobId: number;
  try {
    blobId = decoding.readVarUint(decoder);
  } catch {
    throw new ProtocolError('blob-malformed');
  }
  return { blobId, chunk: readBytes(decoder) };
}

/** Blobs arriving on one connection; a sender past the limits gets a ProtocolError (and is dropped). */
export class IncomingBlobs {
  private readonly blobs = new Map<number, { chunks: Uint8Array[]; size: number }>();

  /** Handles the payload of a `blobChunk` frame. */
  receive(decoder: decoding.Decoder): void {
    const { blobId, chunk } = readBlobChunk(decoder);
    let blob = this.blobs.get(blobId);
    if (!blob) {
      if (this.blobs.size >= BLOB_LIMITS.maxOpen) throw new ProtocolError('too-many-blobs');
      blob = { chunks: [], size: 0 };
      this.blobs.set(blobId, blob);
    }
    blob.size += chunk.byteLength;
    if (blob.size > BLOB_LIMITS.maxBytes) throw new ProtocolError('blob-too-large');
    // A view into the frame would pin the whole frame buffer; chunks are small, so copy.
    blob.chunks.push(chunk.slice());
  }

  /** The bytes of the blob `ref` names, once, or undefined when they did not all arrive. */
  take(ref: BlobRef): Uint8Array | undefined {
    const blob = this.blobs.get(ref.id);
    this.blobs.delete(ref.id);
    if (!blob && ref.size === 0) return new Uint8Array(0);
    if (!blob || blob.size !== ref.size) return undefined;
    const bytes = new Uint8Array(blob.size);
    let offset = 0;
    for (const chunk of blob.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }

  drop(id: number): void {
    this.blobs.delete(id);
  }

  clear(): void {
    this.blobs.clear();
  }
}
