// What a stopped peer left on disk: every doc of its data folder, loaded from the store's logs
// as a restart would load them, for comparing replicas by content after a sync.
import * as Y from 'yjs';
import { ReplicaStore } from '../../electron/peer/store/replica-store';
import { createLogger } from '../../electron/peer/logger';

const quiet = createLogger(() => undefined);

/** Every doc in `dataDir`'s store, by id. The peer that wrote them must be stopped. */
export async function docsOnDisk(dataDir: string): Promise<Map<string, Y.Doc>> {
  const store = await ReplicaStore.open(dataDir, { logger: quiet });
  const docs = new Map<string, Y.Doc>();
  try {
    for (const docId of await store.listDocIds()) {
      const doc = new Y.Doc();
      for (const update of (await store.loadDoc(docId)).updates) Y.applyUpdate(doc, update);
      docs.set(docId, doc);
    }
  } finally {
    await store.close();
  }
  return docs;
}
