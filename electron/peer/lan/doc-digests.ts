// The doc digests a LAN peer announces after its welcome, in pages: per doc held, its id, the
// state vector it has on disk (an acknowledgement, as `saved` is) and a short hash of its state
// vector and delete set. The other side opens a sync session only for docs whose hash differs
// from its own or that it lacks, so a workspace of any size is walked, never listed in one frame.
import { createHash } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { encodeFrame, isValidDocId, MessageType, ProtocolError } from '../../../shared/protocol/frame';
import type { DormantDocState, LanDocHost } from './lan-contract';

export const DIGEST_LIMITS = {
  /** Entries per page: a page of long ids and long vectors stays far below a frame's limit. */
  pageSize: 500,
  maxDigestBytes: 32,
  /** A state vector longer than any real doc's is malformed (one entry per editing session). */
  maxStateVectorBytes: 1_000_000,
} as const;

/** One doc as a peer announces it. */
export interface DocDigestEntry {
  readonly docId: string;
  /** The state vector the sender has on disk (Yjs encoding). */
  readonly savedStateVector: Uint8Array;
  /** `docDigest` of the sender's doc. */
  readonly digest: Uint8Array;
}

/** One page of a peer's doc digests. */
export interface DocDigestPage {
  /** Docs the sender announces in all its pages. */
  readonly total: number;
  /** The sender's last page: every doc it holds has been announced. */
  readonly last: boolean;
  readonly entries: readonly DocDigestEntry[];
}

/**
 * Eight bytes of SHA-256 over the doc's state vector and delete set. Equal digests mean equal
 * inserts and deletes (a delete adds no clock, so the state vector alone would miss one made
 * offline); a collision only costs a session that finds nothing to send, never a lost change.
 */
export function docDigest(doc: Y.Doc): Uint8Array {
  const stateVector = Y.encodeStateVector(doc);
  // An update against the doc's own state vector holds no structs: only the delete set.
  const deleteSet = Y.encodeStateAsUpdate(doc, stateVector);
  return new Uint8Array(createHash('sha256').update(stateVector).update(deleteSet).digest().subarray(0, 8));
}

/** The digest of a doc holding nothing: what a side announces for a doc it opened and has not received yet. */
export const EMPTY_DOC_DIGEST = docDigest(new Y.Doc());

/** Digests of dormant docs, by the replica's object for them (a new one each time a doc sleeps). */
const dormantDigests = new WeakMap<DormantDocState, Uint8Array>();

/**
 * `docDigest` of a dormant doc, read from its encoded update with no Y.Doc: the same state vector
 * and delete set bytes (an update diffed against its own state vector holds only the delete set).
 * Were they ever to differ, that would only cost a sync session, never a change.
 */
export function dormantDigest(dormant: DormantDocState): Uint8Array {
  let digest = dormantDigests.get(dormant);
  if (digest) return digest;
  const update = dormant.updates.length === 1 ? (dormant.updates[0] as Uint8Array) : Y.mergeUpdates([...dormant.updates]);
  // Written as a Y.Doc writes its own: clients in the same order.
  const stateVector = Y.encodeStateVector(Y.decodeStateVector(dormant.stateVector));
  const deleteSet = Y.diffUpdate(update, stateVector);
  digest = new Uint8Array(createHash('sha256').update(stateVector).update(deleteSet).digest().subarray(0, 8));
  dormantDigests.set(dormant, digest);
  return digest;
}

/** The digest of a doc this peer holds; a dormant one stays dormant. */
export async function heldDigest(host: LanDocHost, docId: string): Promise<Uint8Array> {
  const dormant = host.dormantDoc?.(docId);
  return dormant ? dormantDigest(dormant) : docDigest(await host.openDoc(docId));
}

export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/** The digests of `docIds`, a page at a time (one page, empty and last, when there are none). */
export async function* digestPages(host: LanDocHost, docIds: readonly string[]): AsyncGenerator<DocDigestPage> {
  let entries: DocDigestEntry[] = [];
  for (let i = 0; i < docIds.length; i++) {
    const docId = docIds[i] as string;
    const digest = await heldDigest(host, docId);
    entries.push({ docId, savedStateVector: await host.savedStateVector(docId), digest });
    const last = i === docIds.length - 1;
    if (entries.length < DIGEST_LIMITS.pageSize && !last) continue;
    yield { total: docIds.length, last, entries };
    entries = [];
  }
  if (docIds.length === 0) yield { total: 0, last: true, entries: [] };
}

/** Connection-level frame: `varUint total, varUint last, varUint count`, then per entry `varString docId, varUint8Array savedStateVector, varUint8Array digest`. */
export function encodeDigestPage(page: DocDigestPage): Uint8Array {
  return encodeFrame('', MessageType.lanDocDigests, (e) => {
    encoding.writeVarUint(e, page.total);
    encoding.writeVarUint(e, page.last ? 1 : 0);
    encoding.writeVarUint(e, page.entries.length);
    for (const entry of page.entries) {
      encoding.writeVarString(e, entry.docId);
      encoding.writeVarUint8Array(e, entry.savedStateVector);
      encoding.writeVarUint8Array(e, entry.digest);
    }
  });
}

export function readDigestPage(decoder: decoding.Decoder): DocDigestPage {
  try {
    const total = decoding.readVarUint(decoder);
    const last = decoding.readVarUint(decoder) === 1;
    const count = decoding.readVarUint(decoder);
    if (count > DIGEST_LIMITS.pageSize * 2) throw new ProtocolError('digest-page-too-large');
    const entries: DocDigestEntry[] = [];
    for (let i = 0; i < count; i++) {
      const docId = decoding.readVarString(decoder);
      const savedStateVector = decoding.readVarUint8Array(decoder);
      const digest = decoding.readVarUint8Array(decoder);
      if (!isValidDocId(docId)) throw new ProtocolError('doc-id-invalid');
      if (digest.byteLength > DIGEST_LIMITS.maxDigestBytes || savedStateVector.byteLength > DIGEST_LIMITS.maxStateVectorBytes) throw new ProtocolError('digest-malformed');
      entries.push({ docId, savedStateVector, digest });
    }
    return { total, last, entries };
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError('digest-malformed');
  }
}
