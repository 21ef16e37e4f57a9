// Updates whose predecessors never arrived wait in a doc's `pendingStructs`/`pendingDs`, and
// Yjs adds them to every `encodeStateAsUpdate`: one bad sender would then be served to every
// reader and written into every compaction for ever. What a peer serves or stores is only what
// it has integrated; what waits is bounded and dropped by the peer (see the replica).
import * as Y from 'yjs';

/** True while the doc holds updates (or deletions) it could not integrate yet. */
export function hasPendingUpdates(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Bytes the doc keeps waiting for predecessors. */
export function pendingUpdateBytes(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);
}

/** `Y.encodeStateAsUpdate` of what the doc has integrated, without what is still pending. */
export function encodeIntegratedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const { pendingStructs, pendingDs } = doc.store;
  if (pendingStructs === null && pendingDs === null) return Y.encodeStateAsUpdate(doc, stateVector);
  // Set aside for the length of one synchronous encode: nothing else can run in between.
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    doc.store.pendingStructs = pendingStructs;
    doc.store.pendingDs = pendingDs;
  }
}

/** Forgets what the doc keeps waiting; returns how many bytes that was. */
export function dropPendingUpdates(doc: Y.Doc): number {
  const bytes = pendingUpdateBytes(doc);
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return bytes;
}
