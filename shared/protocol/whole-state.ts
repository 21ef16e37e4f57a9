// A doc's whole state as sent to a side that holds none of it (a laptop joining, a walk asking
// for a doc it lacks): encoded once and kept until the doc changes, or for a minute, so a room of
// laptops joining together costs the hub one encode of a big board (about 150 ms and its garbage
// for a 10k-card one), not one each. Only what the doc has integrated is sent (pending-updates.ts).
import type * as Y from 'yjs';
import { transactionChanged } from './apply-received';
import { encodeIntegratedState } from './pending-updates';

/** How long an encoded state is kept when the doc does not change: a room joins within it; a whole board is not held for long. */
export const KEEP_WHOLE_STATE_MS = 60_000;

const encoded = new WeakMap<Y.Doc, Uint8Array>();

/** An encoded state vector of no clients: the other side holds nothing of the doc. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/** The doc's integrated state, encoded (or the copy encoded since its last change). */
export function wholeStateOf(doc: Y.Doc, keepMs = KEEP_WHOLE_STATE_MS): Uint8Array {
  const kept = encoded.get(doc);
  if (kept) return kept;
  const whole = encodeIntegratedState(doc);
  encoded.set(doc, whole);
  const forget = () => {
    encoded.delete(doc);
    clearTimeout(timer);
    doc.off('afterTransaction', onTransaction);
    doc.off('destroy', forget);
  };
  const onTransaction = (transaction: Y.Transaction) => {
    if (transactionChanged(transaction)) forget();
  };
  const timer = setTimeout(forget, keepMs);
  timer.unref?.();
  doc.on('afterTransaction', onTransaction);
  doc.on('destroy', forget);
  return whole;
}
