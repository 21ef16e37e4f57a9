// The state vector of every doc this peer holds, as the LAN status reads them (pending changes
// per teammate, reach per board): kept between reads, a doc's built again only after it changed
// (its update or destroy event), so a read over thousands of boards costs what changed since.
import * as Y from 'yjs';
import type { LanDocHost } from './lan-contract';

/** The doc's state vector read straight from its store: the clocks `Y.decodeStateVector(Y.encodeStateVector(doc))` gives. */
export function stateVectorOf(doc: Y.Doc): Map<number, number> {
  const vector = new Map<number, number>();
  for (const client of doc.store.clients.keys()) vector.set(client, Y.getState(doc.store, client));
  return vector;
}

interface Watch {
  readonly doc: Y.Doc;
  readonly stop: () => void;
}

export class DocVectors {
  private readonly vectors = new Map<string, ReadonlyMap<number, number>>();
  private readonly watches = new Map<string, Watch>();
  /** Docs changed (or destroyed: the replica forgot them and may open them afresh) since their vector was built. */
  private readonly changed = new Set<string>();
  /**
   * Vectors read from dormant docs, with the encoded vector they came from (a doc that woke has
   * none, one that slept again another): that small array only, never the dormant doc's bytes.
   */
  private readonly fromDormant = new Map<string, Uint8Array>();

  constructor(
    private readonly host: LanDocHost,
    /** Told of each vector a read built again (a changed or new doc) or dropped (undefined: a doc no longer held). */
    private readonly onDidChange: (docId: string, vector: ReadonlyMap<number, number> | undefined) => void = () => undefined,
  ) {}

  /**
   * Every held doc's state vector now, by doc id. The map is this reader's own, brought up to
   * date in place by the next read: use it before awaiting anything, and never change it or a
   * vector in it.
   */
  async read(): Promise<ReadonlyMap<string, ReadonlyMap<number, number>>> {
    const docIds = await this.host.listDocIds();
    for (const [docId, stateVector] of this.fromDormant) if (this.host.dormantDoc?.(docId)?.stateVector !== stateVector) this.changed.add(docId);
    if (this.changed.size === 0 && docIds.length === this.vectors.size && docIds.every((docId) => this.vectors.has(docId))) return this.vectors;
    for (const docId of docIds) {
      if (this.vectors.has(docId) && !this.changed.has(docId)) continue;
      const loaded = this.host.loadedDoc?.(docId);
      const dormant = loaded ? undefined : this.host.dormantDoc?.(docId);
      if (dormant) {
        // Read without waking the doc; it changes only once awake, which the next read notices.
        this.watches.get(docId)?.stop();
        this.watches.delete(docId);
        this.fromDormant.set(docId, dormant.stateVector);
        this.changed.delete(docId);
        const vector = Y.decodeStateVector(dormant.stateVector);
        this.vectors.set(docId, vector);
        this.onDidChange(docId, vector);
        continue;
      }
      this.fromDormant.delete(docId);
      const doc = loaded ?? (await this.host.openDoc(docId));
      this.watch(docId, doc);
      this.changed.delete(docId);
      const vector = stateVectorOf(doc);
      this.vectors.set(docId, vector);
      this.onDidChange(docId, vector);
    }
    if (this.vectors.size > docIds.length) {
      const held = new Set(docIds);
      for (const docId of this.vectors.keys()) if (!held.has(docId)) this.forget(docId);
    }
    return this.vectors;
  }

  private watch(docId: string, doc: Y.Doc): void {
    const watch = this.watches.get(docId);
    if (watch?.doc === doc) return;
    watch?.stop();
    // Listeners never throw (yjs#799): this one only adds to a set.
    const onChange = () => void this.changed.add(docId);
    doc.on('update', onChange);
    doc.on('destroy', onChange);
    this.watches.set(docId, { doc, stop: () => (doc.off('update', onChange), doc.off('destroy', onChange)) });
  }

  private forget(docId: string): void {
    this.watches.get(docId)?.stop();
    this.watches.delete(docId);
    this.vectors.delete(docId);
    this.changed.delete(docId);
    this.fromDormant.delete(docId);
    this.onDidChange(docId, undefined);
  }
}
