// The peer's one way of compressing Yjs bytes for the wire (LAN large frames and bundles, relay
// blobs): Brotli at quality 0, about 3.5 ms a MiB on this kind of machine, a board's update to a
// third of its size. deflate level 1 came out alike in size and twice as slow to compress; Yjs's update
// format V2 saved only 16 % and cost more to encode and apply.
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';

export function compressFast(bytes: Uint8Array): Uint8Array {
  return brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 0, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } });
}

/** `compressed` inflated, never past `maxBytes`: throws (code `ERR_BUFFER_TOO_LARGE`) before holding more, or if it does not decode. */
export function inflateAtMost(compressed: Uint8Array, maxBytes: number): Uint8Array {
  return brotliDecompressSync(compressed, { maxOutputLength: Math.max(1, maxBytes) });
}
