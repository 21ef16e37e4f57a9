// Applying bytes that came from elsewhere (a teammate, a renderer, the relay) without Yjs
// encoding them again. With an `update` listener on a doc, Yjs re-encodes every transaction's
// changes for it, which for a whole board received cold costs about half as much as applying
// it; when the received update integrates whole, it already is that change, so the doc's
// `update` listeners (persist, relay) are handed the received bytes as they are.
import * as Y from 'yjs';
import { encodeIntegratedState, hasPendingUpdates } from './pending-updates';

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void;

/** lib0's Observable keeps its listeners in this field; Yjs encodes an update only when `update` has some. */
function observersOf(doc: Y.Doc): Map<string, Set<UpdateListener>> {
  return (doc as unknown as { _observers: Map<string, Set<UpdateListener>> })._observers;
}

/**
 * Calls `fn` with each client whose clock the transaction moved, and its clock after. With
 * forEach rather than the Map's entries: no pair per client per transaction, hundreds a second
 * in a busy room (a heap profile of one found those outliving the young generation).
 */
export function forEachAdvancedClock(transaction: Y.Transaction, fn: (client: number, clock: number) => void): void {
  transaction.afterState.forEach((clock, client) => {
    if (clock > (transaction.beforeState.get(client) ?? 0)) fn(client, clock);
  });
}

/** What Yjs checks before emitting `update`: the transaction added structs or deleted something. */
export function transactionChanged(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}

/**
 * `Y.applyUpdate(doc, update, origin)`, except that the doc's `update` listeners receive `update`
 * itself rather than Yjs's re-encoding of it, when it integrated whole (nothing left waiting for
 * predecessors, no other transaction ran meanwhile). Otherwise each transaction's listeners get
 * what the doc integrated since that transaction began (a superset of its change, which Yjs
 * dedupes); either way they are called once per transaction that changed something, with its
 * origin, as Yjs would. An update that changed nothing (a duplicate) reaches no listener.
 * For an update made against this doc's state (a sync step 2, a live update) or applied to an
 * empty doc: the listeners get all of it, so a snapshot repeating much of what the doc holds
 * would be stored and sent on whole (the relay mirror applies those with `Y.applyUpdate`).
 */
export function applyReceivedUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const observers = observersOf(doc);
  const listeners = observers.get('update');
  // Inside an outer transaction Yjs emits at its end, where the listeners must be in place.
  if (!listeners || listeners.size === 0 || doc._transaction !== null || hasPendingUpdates(doc)) {
    Y.applyUpdate(doc, update, origin);
    return;
  }
  const transactions: Y.Transaction[] = [];
  const onAfterTransaction = (transaction: Y.Transaction) => transactions.push(transaction);
  let applied = false;
  observers.delete('update');
  doc.on('afterTransaction', onAfterTransaction);
  try {
    Y.applyUpdate(doc, update, origin);
    applied = true;
  } finally {
    doc.off('afterTransaction', onAfterTransaction);
    // A listener added during the apply joins the others, as it would have with Yjs.
    for (const added of observers.get('update') ?? []) listeners.add(added);
    observers.set('update', listeners);
    const whole = applied && transactions.length === 1 && !hasPendingUpdates(doc);
    for (const transaction of transactions) {
      if (!transactionChanged(transaction)) continue;
      const bytes = whole ? update : encodeIntegratedState(doc, Y.encodeStateVector(transaction.beforeState));
      for (const listener of [...listeners]) listener(bytes, transaction.origin, doc, transaction);
    }
  }
}
