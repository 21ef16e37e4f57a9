// The state vector of every doc this peer holds, as the LAN status reads them (pending changes
// per teammate, reach per board): kept between reads and built again only for a doc whose clocks
// moved, so a read over thousands of boards checks each one instead of encoding and decoding it.
import * as Y from 'yjs';
import type { LanDocHost } from './lan-contract';

interface KeptVector {
  readonly doc: Y.Doc;
  readonly vector: ReadonlyMap<number, number>;
}

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
  private readonly kept = new Map<string, KeptVector>();

  constructor(private readonly host: LanDocHost) {}

  /** Every held doc's state vector now, by doc id. The vectors are shared with later reads: never change one. */
  async read(): Promise<Map<string, ReadonlyMap<number, number>>> {
    const vectors = new Map<string, ReadonlyMap<number, number>>();
    const docIds = await this.host.listDocIds();
    for (const docId of docIds) {
      const doc = this.host.loadedDoc?.(docId) ?? (await this.host.openDoc(docId));
      let kept = this.kept.get(docId);
      // Another Y.Doc under the same id: the replica forgot the doc (the workspace was left) and opened it afresh.
      if (kept?.doc !== doc || !stillCurrent(doc, kept.vector)) this.kept.set(docId, (kept = { doc, vector: stateVectorOf(doc) }));
      vectors.set(docId, kept.vector);
    }
    if (this.kept.size > vectors.size) for (const docId of this.kept.keys()) if (!vectors.has(docId)) this.kept.delete(docId);
    return vectors;
  }
}
