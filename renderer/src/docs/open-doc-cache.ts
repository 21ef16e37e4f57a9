// Opening a doc's IndexedDB cache (y-indexeddb) without paying for it twice. y-indexeddb loads
// every row in one `getAll` and applies them in one transaction, but it puts its own per-update
// writer on the doc first, and any `update` listener makes Yjs encode the whole loaded state
// again at the end of that transaction (as long as the load itself for a 10k-card board). Its
// writer is taken off at once: nothing edits the doc before the cache has loaded, and the
// window's write path (CacheWriter) is attached afterwards, so the load runs with no listener.
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/** y-indexeddb's persistence for `doc`, loading from the database `name`, with no write path yet. */
export function openDocCache(name: string, doc: Y.Doc): IndexeddbPersistence {
  const persistence = new IndexeddbPersistence(name, doc);
  doc.off('update', persistence._storeUpdate);
  return persistence;
}
