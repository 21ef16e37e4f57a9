// The peer's live replica of every document: a Y.Doc per doc id, loaded from the durable
// store on first use, with every update appended (and fsynced) to the store. It tracks the
// state vector that is on disk, so "saved on this laptop" is only ever said of what is.
import * as Y from 'yjs';
import { STORE_ORIGIN } from '../../shared/model/origin';
import { isValidDocId } from '../../shared/protocol/frame';
import type { PeerLogger } from './logger';
import type { ReplicaStore, StoreWarning } from './store/replica-store';

export interface ReplicaEvents {
  /** The doc's state up to `stateVector` is on disk, after an update applied with `origin`. */
  onDidSave(docId: string, stateVector: Uint8Array, origin: unknown): void;
  onDidRecover(warning: StoreWarning): void;
  onDidFailWrite(docId: string, error: Error): void;
}

interface OpenDoc {
  doc: Y.Doc;
  savedStateVector: Uint8Array;
  sinceCompaction: number;
  /** Bytes appended since the log was last one record (or loaded). */
  bytesSinceCompaction: number;
  /** Size of the doc's state when the log was last compacted (or of what was loaded). */
  compactedBytes: number;
}

/**
 * Compact a doc's log once it holds this many records beyond its last compaction AND they add
 * up to as many bytes as the doc's state: compacting encodes the whole doc on the peer's only
 * thread (about a second for a 10k-card board), so a board edited live is compacted rarely,
 * while replaying small records at load stays cheap. Past the hard limit it compacts anyway.
 */
const COMPACT_AFTER_RECORDS = 500;
const COMPACT_ALWAYS_AFTER_RECORDS = 50_000;

export class Replica {
  private readonly docs = new Map<string, Promise<OpenDoc>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly openListeners = new Set<(docId: string) => void>();

  constructor(
    private readonly store: ReplicaStore,
    private readonly logger: PeerLogger,
    private readonly events: ReplicaEvents,
  ) {}

  /** The doc, loaded from disk on first use. Unknown ids start empty. */
  async open(docId: string): Promise<Y.Doc> {
    return (await this.openEntry(docId)).doc;
  }

  async savedStateVector(docId: string): Promise<Uint8Array> {
    return (await this.openEntry(docId)).savedStateVector;
  }

  /** The doc is loaded (every doc on disk is, from start; new ones once opened). No disk read. */
  isOpen(docId: string): boolean {
    return this.docs.has(docId);
  }

  async listDocIds(): Promise<string[]> {
    return this.store.listDocIds();
  }

  /** Every doc this replica holds: on disk, or opened (maybe still empty) since start. Sorted. */
  async heldDocIds(): Promise<string[]> {
    return [...new Set([...(await this.store.listDocIds()), ...this.docs.keys()])].sort();
  }

  /** Calls `listener` with each doc id once it has been loaded for the first time. Returns a remover. */
  onDidOpen(listener: (docId: string) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  /** Resolves once every update so far is on disk. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Forgets every doc, in memory and on disk (this laptop left the workspace). */
  async removeAll(): Promise<void> {
    await this.flush();
    // A doc that failed to open holds nothing to destroy; its file goes with the rest.
    for (const entry of await Promise.allSettled(this.docs.values())) if (entry.status === 'fulfilled') entry.value.doc.destroy();
    this.docs.clear();
    await this.store.removeAll();
  }

  async close(): Promise<void> {
    await this.flush();
    for (const entry of this.docs.values()) (await entry).doc.destroy();
    this.docs.clear();
    await this.store.close();
  }

  private openEntry(docId: string): Promise<OpenDoc> {
    if (!isValidDocId(docId)) return Promise.reject(new Error(`invalid doc id: ${docId}`));
    let entry = this.docs.get(docId);
    if (!entry) {
      entry = this.load(docId);
      this.docs.set(docId, entry);
      entry.then(
        () => {
          for (const listener of this.openListeners) {
            try {
              listener(docId);
            } catch (error) {
              this.logger.error('a doc-open listener threw', { docId, error: String(error) });
            }
          }
        },
        () => this.docs.delete(docId),
      );
    }
    return entry;
  }

  private async load(docId: string): Promise<OpenDoc> {
    const { updates, warnings } = await this.store.loadDoc(docId);
    const doc = new Y.Doc({ guid: docId, gc: true });
    Y.transact(doc, () => {
      for (const update of updates) {
        try {
          Y.applyUpdate(doc, update, STORE_ORIGIN);
        } catch (error) {
          this.logger.warn('a stored update could not be applied and was skipped', { docId, error: String(error) });
        }
      }
    }, STORE_ORIGIN);
    for (const warning of warnings) this.events.onDidRecover(warning);
    // The first record is the last compaction's state (or the doc's first update).
    const compactedBytes = updates[0]?.byteLength ?? 0;
    const loadedBytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
    const entry: OpenDoc = { doc, savedStateVector: Y.encodeStateVector(doc), sinceCompaction: updates.length, bytesSinceCompaction: loadedBytes - compactedBytes, compactedBytes };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === STORE_ORIGIN) return;
      this.persist(docId, entry, update, origin);
    });
    return entry;
  }

  private persist(docId: string, entry: OpenDoc, update: Uint8Array, origin: unknown): void {
    const stateVector = Y.encodeStateVector(entry.doc);
    let append: Promise<void>;
    try {
      append = this.store.append(docId, update);
    } catch (error) {
      // Never throw out of a Yjs update listener (yjs#799).
      append = Promise.reject(error as Error);
    }
    const write = append.then(
      () => {
        entry.savedStateVector = stateVector;
        entry.sinceCompaction++;
        entry.bytesSinceCompaction += update.byteLength;
        this.events.onDidSave(docId, stateVector, origin);
        const worth = entry.sinceCompaction >= COMPACT_AFTER_RECORDS && entry.bytesSinceCompaction >= entry.compactedBytes;
        if (worth || entry.sinceCompaction >= COMPACT_ALWAYS_AFTER_RECORDS) this.compact(docId, entry);
      },
      (error: Error) => {
        this.logger.error('an update could not be written to disk', { docId, error: String(error) });
        this.events.onDidFailWrite(docId, error);
      },
    );
    this.track(write);
  }

  private compact(docId: string, entry: OpenDoc): void {
    entry.sinceCompaction = 0;
    entry.bytesSinceCompaction = 0;
    const state = Y.encodeStateAsUpdate(entry.doc);
    entry.compactedBytes = state.byteLength;
    this.track(this.store.compact(docId, state).catch((error: Error) => this.logger.warn('compaction failed; the log is kept as it is', { docId, error: String(error) })));
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }
}
