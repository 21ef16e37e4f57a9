// The state vector of every doc this peer holds, as the LAN status reads them (pending changes
// per teammate, reach per board): kept between reads and built again only for a doc whose clocks
// moved, so a read over thousands of boards checks each one instead of encoding and decoding it.
import * as Y from 'yjs';
import type { LanDocHost } from './lan-contract';

/** The doc's state vector read straight from its store: the clocks `Y.decodeStateVector(Y.encodeStateVector(doc))` gives. */
export function stateVectorOf(doc: Y.Doc): Map<number, number> {
  const vector = new Map<number, number>();
  for (const client of doc.store.clients.keys()) vector.set(client, Y.getState(doc.store, client));
  return vector;
}

/** `vector` is still the doc's state vector. Clocks only grow, and a client once seen stays: same clients and clocks means same state. */
function stillCurrent(doc: Y.Doc, vector: ReadonlyMap<number, number>): boolean {
  if (doc.store.clients.size !== vector.size) return false;
  for (const [client, clock] of vector) if (Y.getState(doc.store, client) !== clock) return false;
  return true;
}

export class DocVectors {
  /** Every held doc's vector, as of the last read; `docs` says which Y.Doc each was read from. */
  private readonly vectors = new Map<string, ReadonlyMap<number, number>>();
  private readonly docs = new Map<string, Y.Doc>();

  constructor(private readonly host: LanDocHost) {}

  /**
   * Every held doc's state vector now, by doc id. The map is this reader's own, brought up to
   * date in place by the next read (so a read over thousands of docs allocates nothing for those
   * that did not change): use it before awaiting anything, and never change it or a vector in it.
   */
  async read(): Promise<ReadonlyMap<string, ReadonlyMap<number, number>>> {
    const docIds = await this.host.listDocIds();
    for (const docId of docIds) {
      const doc = this.host.loadedDoc?.(docId) ?? (await this.host.openDoc(docId));
      const vector = this.vectors.get(docId);
      // Another Y.Doc under the same id: the replica forgot the doc (the workspace was left) and opened it afresh.
      if (vector && this.docs.get(docId) === doc && stillCurrent(doc, vector)) continue;
      this.vectors.set(docId, stateVectorOf(doc));
      this.docs.set(docId, doc);
    }
    if (this.vectors.size > docIds.length) {
      const held = new Set(docIds);
      for (const docId of this.vectors.keys()) {
        if (held.has(docId)) continue;
        this.vectors.delete(docId);
        this.docs.delete(docId);
      }
    }
    return this.vectors;
  }
}
