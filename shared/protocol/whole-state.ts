// A doc's whole state as sent to a side that holds none of it (a laptop joining, a walk asking
// for a doc it lacks): encoded once and kept until the doc changes or is destroyed, so a room of
// laptops joining together costs the hub one encode of a big board (about 150 ms and its garbage
// for a 10k-card one), not one each. The copy goes with the first change, or with the doc (a
// peer's doc nobody holds goes dormant within minutes); a doc held open and unchanged keeps it
// beside itself, a fraction of the doc's own memory (12 MB next to ~200 MB for a 10k board).
// Only what the doc has integrated is sent (pending-updates.ts).
import type * as Y from 'yjs';
import { transactionChanged } from './apply-received';
import { encodeIntegratedState } from './pending-updates';

const encoded = new WeakMap<Y.Doc, Uint8Array>();

/** An encoded state vector of no clients: the other side holds nothing of the doc. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/** The doc's integrated state, encoded (or the copy encoded since its last change). */
export function wholeStateOf(doc: Y.Doc): Uint8Array {
  const kept = encoded.get(doc);
  if (kept) return kept;
  const whole = encodeIntegratedState(doc);
  encoded.set(doc, whole);
  const forget = () => {
    encoded.delete(doc);
    doc.off('afterTransaction', onTransaction);
    doc.off('destroy', forget);
  };
  const onTransaction = (transaction: Y.Transaction) => {
    if (transactionChanged(transaction)) forget();
  };
  doc.on('afterTransaction', onTransaction);
  doc.on('destroy', forget);
  return whole;
}
