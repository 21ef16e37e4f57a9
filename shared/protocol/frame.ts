// The frame layout shared by the local link and the LAN: `varString(docId)` followed by one
// y-protocols message (`varUint` type, then its payload), encoded with lib0. Tandem's own
// messages use types from 100 up, which a plain y-protocols client ignores.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Message types: 0–3 are y-protocols' (y-websocket's layout), 100+ are Tandem's. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  queryAwareness: 3,
  /** The state vector a peer has fsynced for this doc: to its renderer ("saved on this laptop"), and to teammates' peers on the LAN. */
  saved: 100,
  /** Connection-level (docId ''): who the peer is and which workspace it holds. JSON. */
  hello: 101,
  /** Connection-level request, answered by `response` with the same id. JSON. */
  request: 102,
  response: 103,
  /** Connection-level notice from the peer (a damaged file set aside, say). JSON. */
  notice: 104,
  /**
   * Connection-level, either way: one chunk of a blob (bytes too big for a JSON frame, such as
   * a workspace backup) that a following request or response names. Binary:
   * `varUint blobId, varUint8Array chunk`. See `BLOB_LIMITS` in shared/api/link.ts.
   */
  blobChunk: 105,
  /** Connection-level, peer to renderer: LAN sync as it is now (`networkStatusSchema`), pushed on change, at most twice a second. JSON. */
  networkStatus: 106,
  /** LAN only, connection-level, sent first by both peers: member id, device label and every doc held. JSON. */
  lanWelcome: 110,
  /** LAN only, connection-level liveness: `varUint nonce`, answered by `lanPong` with the same nonce. */
  lanPing: 111,
  lanPong: 112,
  /**
   * LAN only, connection-level: a frame too big to send whole (a huge board's step 2) follows as
   * `blobChunk` frames of blob `id`, right behind this one and nothing in between; once `size`
   * bytes have arrived they are handled as that frame, in its place in the stream. Binary:
   * `varUint blobId, varUint size`. See `LargeFrameLimits` in electron/peer/lan/large-frames.ts.
   */
  lanLargeFrame: 113,
  /** LAN only, connection-level request: "dial me back at these addresses", answered by `lanDialBackResult`. JSON. */
  lanDialBack: 114,
  lanDialBackResult: 115,
  /**
   * LAN only, connection-level, sent by both peers right after the welcome, in pages: per doc
   * held, its id, its state vector on disk and a digest of its state. Binary; see
   * electron/peer/lan/doc-digests.ts.
   */
  lanDocDigests: 116,
  /**
   * LAN only, connection-level, to a peer whose welcome says it reads them: small frames sent in
   * one turn of the sender's event loop, together, handled one by one in their order (and sent
   * compressed, as a large frame). Binary; see electron/peer/lan/bundles.ts.
   */
  lanBundle: 117,
} as const;

/**
 * Version of this wire protocol; peers on different versions refuse each other by name. 2 added
 * connection-level presence and chunked large frames on the LAN, which a version-1 peer would
 * answer by dropping the connection again and again. 3 replaced the welcome's list of docs
 * (capped, so a workspace past the cap never synced) with paged doc digests, which a version-2
 * peer would ignore and so never receive the docs only the other side holds.
 */
export const PROTOCOL_VERSION = 3;

export const LINK_LIMITS = {
  /** Largest frame accepted: a whole 30k-card board fits with room to spare. */
  maxFrameBytes: 64 * 1024 * 1024,
  maxDocIdLength: 128,
  /** Docs one renderer link may open at once. A LAN connection has no such cap: it opens sessions on demand (electron/peer/lan/doc-sessions.ts). */
  maxDocsPerConnection: 2_000,
  maxJsonBytes: 256 * 1024,
} as const;

/** A malformed or oversized frame: the connection that sent it is closed. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

const DOC_ID_RE = /^[A-Za-z0-9_.:-]*$/;

export interface FrameHead {
  readonly docId: string;
  readonly type: number;
  readonly decoder: decoding.Decoder;
}

/**
 * Reads a frame's doc id and type, validating both; the decoder is left at the payload.
 * `maxBytes` is raised only for a frame reassembled from chunks, which has its own limit.
 */
export function readFrameHead(frame: Uint8Array, maxBytes: number = LINK_LIMITS.maxFrameBytes): FrameHead {
  if (frame.byteLength > maxBytes) throw new ProtocolError('frame-too-large');
  if (frame.byteLength < 2) throw new ProtocolError('frame-too-short');
  const decoder = decoding.createDecoder(frame);
  let docId: string;
  let type: number;
  try {
    docId = decoding.readVarString(decoder);
    type = decoding.readVarUint(decoder);
  } catch {
    throw new ProtocolError('frame-malformed');
  }
  if (docId.length > LINK_LIMITS.maxDocIdLength || !DOC_ID_RE.test(docId)) throw new ProtocolError('doc-id-invalid');
  return { docId, type, decoder };
}

export function isValidDocId(docId: string): boolean {
  return docId.length > 0 && docId.length <= LINK_LIMITS.maxDocIdLength && DOC_ID_RE.test(docId);
}

/** Encodes a frame: doc id, type, then whatever `writePayload` writes. */
export function encodeFrame(docId: string, type: number, writePayload: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, docId);
  encoding.writeVarUint(encoder, type);
  writePayload(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeJsonFrame(type: number, value: unknown, docId = ''): Uint8Array {
  return encodeFrame(docId, type, (e) => encoding.writeVarString(e, JSON.stringify(value)));
}

/** Reads a JSON payload with a size cap; the caller validates its shape. */
export function readJsonPayload(decoder: decoding.Decoder): unknown {
  let text: string;
  try {
    text = decoding.readVarString(decoder);
  } catch {
    throw new ProtocolError('json-malformed');
  }
  if (text.length > LINK_LIMITS.maxJsonBytes) throw new ProtocolError('json-too-large');
  try {
    return JSON.parse(text);
  } catch {
    throw new ProtocolError('json-malformed');
  }
}

export function readBytes(decoder: decoding.Decoder): Uint8Array {
  try {
    return decoding.readVarUint8Array(decoder);
  } catch {
    throw new ProtocolError('payload-malformed');
  }
}
