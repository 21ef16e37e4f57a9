// The peer's live replica of every document: a Y.Doc per doc id, loaded from the durable
// store on first use, with every update appended (and fsynced) to the store. It tracks the
// state vector that is on disk, so "saved on this laptop" is only ever said of what is; an
// update the disk refused is kept (in the doc) and written again, with backoff, until it lands.
import * as Y from 'yjs';
import { STORE_ORIGIN } from '../../shared/model/origin';
import { isValidDocId } from '../../shared/protocol/frame';
import { encodeIntegratedState } from '../../shared/protocol/pending-updates';
import { boundPendingUpdates, type PendingDrops, type PendingLimits } from './pending-bound';
import type { PeerLogger } from './logger';
import type { ReplicaStore, StoreWarning } from './store/replica-store';

export interface ReplicaEvents {
  /** The doc's state up to `stateVector` is on disk, after an update applied with `origin`. */
  onDidSave(docId: string, stateVector: Uint8Array, origin: unknown): void;
  onDidRecover(warning: StoreWarning): void;
  /** A write failed; the doc's unwritten edits are kept and retried until one succeeds. Called per attempt. */
  onDidFailWrite(docId: string, error: Error): void;
  /** After failures, everything of the doc is on disk again (an `onDidSave` follows). */
  onDidWriteAgain?(docId: string): void;
}

export interface ReplicaOptions {
  /** Delays before successive retries of a failed write; the last one repeats. */
  readonly retryBackoffMs?: readonly number[];
  /** How long and how much a doc may keep updates whose predecessors have not arrived (tests shorten it). */
  readonly pending?: PendingLimits;
}

interface OpenDoc {
  doc: Y.Doc;
  savedStateVector: Uint8Array;
  sinceCompaction: number;
  /** Bytes appended since the log was last one record (or loaded). */
  bytesSinceCompaction: number;
  /** Size of the doc's state when the log was last compacted (or of what was loaded). */
  compactedBytes: number;
  /** An update is not on disk and waits for the retry timer: nothing is acknowledged until it lands. */
  unwritten: boolean;
  /** A retry's write is in flight. */
  retrying: boolean;
  retryTimer: ReturnType<typeof setTimeout> | null;
  /** Failed writes in a row (the backoff step). */
  failures: number;
}

/**
 * Compact a doc's log once it holds this many records beyond its last compaction AND they add
 * up to as many bytes as the doc's state: compacting encodes the whole doc on the peer's only
 * thread (about a second for a 10k-card board), so a board edited live is compacted rarely,
 * while replaying small records at load stays cheap. Past the hard limit it compacts anyway.
 */
const COMPACT_AFTER_RECORDS = 500;
const COMPACT_ALWAYS_AFTER_RECORDS = 50_000;
/** A full disk may be freed any moment; retrying costs one failed write, so the wait stays short. */
const RETRY_BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000] as const;

export class Replica {
  private readonly docs = new Map<string, Promise<OpenDoc>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly openListeners = new Set<(docId: string) => void>();
  private pendingDrops: PendingDrops = { drops: 0, bytes: 0 };
  private readonly retryBackoffMs: readonly number[];
  /** Docs whose load finished, for what must be reached without awaiting (retry timers). */
  private readonly loadedDocs = new Map<string, OpenDoc>();
  private closing = false;
  /** Counts changes to `docs` (and the store emptied), so `heldDocIds` is listed again only after one. */
  private docsVersion = 0;
  private held: { version: number; ids: string[] } | null = null;

  constructor(
    private readonly store: ReplicaStore,
    private readonly logger: PeerLogger,
    private readonly events: ReplicaEvents,
    private readonly options: ReplicaOptions = {},
  ) {
    this.retryBackoffMs = options.retryBackoffMs ?? RETRY_BACKOFF_MS;
  }

  /** Updates dropped because their predecessors never arrived, since start. */
  get droppedPending(): PendingDrops {
    return this.pendingDrops;
  }

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

  /** The doc if it has finished loading, with no await (a status reads thousands at once). */
  loadedDoc(docId: string): Y.Doc | undefined {
    return this.loadedDocs.get(docId)?.doc;
  }

  /** Every doc this replica holds: on disk, or opened (maybe still empty) since start. Sorted. */
  async heldDocIds(): Promise<string[]> {
    // Read on every LAN status and connection: kept until a doc is opened or forgotten, not listed and sorted per read.
    if (this.held?.version === this.docsVersion) return [...this.held.ids];
    const version = this.docsVersion;
    const onDisk = await this.store.listDocIds();
    // `docs` is read after the await: a doc opened meanwhile is in it (and so is any file it made).
    const ids = [...new Set([...onDisk, ...this.docs.keys()])].sort();
    if (version === this.docsVersion) this.held = { version, ids };
    return [...ids];
  }

  /** Calls `listener` with each doc id once it has been loaded for the first time. Returns a remover. */
  onDidOpen(listener: (docId: string) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  /** Resolves once every write asked for so far has settled; one that failed waits for its retry (`hasUnwritten`). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Some doc has edits that are not on disk yet (its writes failed and are being retried). */
  hasUnwritten(): boolean {
    return [...this.loadedDocs.values()].some((entry) => entry.unwritten || entry.retrying);
  }

  /** Forgets every doc, in memory and on disk (this laptop left the workspace). */
  async removeAll(): Promise<void> {
    for (const entry of this.loadedDocs.values()) this.stopRetrying(entry);
    await this.flush();
    // A doc that failed to open holds nothing to destroy; its file goes with the rest.
    for (const entry of await Promise.allSettled(this.docs.values())) if (entry.status === 'fulfilled') entry.value.doc.destroy();
    this.docs.clear();
    this.loadedDocs.clear();
    await this.store.removeAll();
    this.docsVersion++;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.flush();
    // A last attempt for edits still waiting on a retry; if the disk still refuses them, the
    // windows hold them (in IndexedDB) and send them again to the next peer that runs.
    for (const [docId, entry] of this.loadedDocs) {
      if (!entry.unwritten) continue;
      this.stopRetrying(entry);
      this.retry(docId, entry);
    }
    await this.flush();
    for (const [docId, entry] of this.loadedDocs) if (entry.unwritten) this.logger.error('edits could not be written before the peer stopped; the windows still hold them', { docId });
    for (const entry of this.docs.values()) (await entry).doc.destroy();
    this.docs.clear();
    this.loadedDocs.clear();
    await this.store.close();
  }

  private openEntry(docId: string): Promise<OpenDoc> {
    if (!isValidDocId(docId)) return Promise.reject(new Error(`invalid doc id: ${docId}`));
    let entry = this.docs.get(docId);
    if (!entry) {
      entry = this.load(docId);
      this.docs.set(docId, entry);
      this.docsVersion++;
      entry.then(
        (loaded) => {
          this.loadedDocs.set(docId, loaded);
          for (const listener of this.openListeners) {
            try {
              listener(docId);
            } catch (error) {
              this.logger.error('a doc-open listener threw', { docId, error: String(error) });
            }
          }
        },
        () => {
          this.docs.delete(docId);
          this.docsVersion++;
        },
      );
    }
    return entry;
  }

  private async load(docId: string): Promise<OpenDoc> {
    const { updates, warnings } = await this.store.loadDoc(docId);
    const { doc, compactedBytes, loadedBytes } = this.applyStored(docId, updates);
    for (const warning of warnings) this.events.onDidRecover(warning);
    const entry: OpenDoc = {
      doc,
      savedStateVector: Y.encodeStateVector(doc),
      sinceCompaction: updates.length,
      bytesSinceCompaction: loadedBytes - compactedBytes,
      compactedBytes,
      unwritten: false,
      retrying: false,
      retryTimer: null,
      failures: 0,
    };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === STORE_ORIGIN) return;
      // While a write waits for its retry, this update is left to it: the retry writes all
      // the doc holds beyond what was acknowledged, so one failing write per wait, not per keystroke.
      if (entry.unwritten) return;
      this.write(docId, entry, update, origin, false);
    });
    boundPendingUpdates(
      doc,
      (bytes, reason) => {
        this.pendingDrops = { drops: this.pendingDrops.drops + 1, bytes: this.pendingDrops.bytes + bytes };
        this.logger.warn('dropped updates whose predecessors never arrived', { docId, bytes, reason });
      },
      this.options.pending,
    );
    return entry;
  }

  /**
   * The doc made from its log's records. Kept out of `load` so that no closure there can hold
   * the records: V8 gives all closures of a function one shared context, so the doc's update
   * listener would keep every loaded byte (the whole encoded board) alive for the doc's life.
   */
  private applyStored(docId: string, updates: readonly Uint8Array[]): { doc: Y.Doc; compactedBytes: number; loadedBytes: number } {
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
    // The first record is the last compaction's state (or the doc's first update).
    return { doc, compactedBytes: updates[0]?.byteLength ?? 0, loadedBytes: updates.reduce((sum, update) => sum + update.byteLength, 0) };
  }

  /**
   * Appends `update` (applied with `origin`) and acknowledges the state it was made in, unless
   * an earlier update is not on disk: appends run in order, so a later one can land after an
   * earlier one failed, and acknowledging its state vector would claim the failed one too.
   */
  private write(docId: string, entry: OpenDoc, update: Uint8Array, origin: unknown, isRetry: boolean): void {
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
        if (isRetry) entry.retrying = false;
        entry.sinceCompaction++;
        entry.bytesSinceCompaction += update.byteLength;
        if (entry.unwritten || entry.retrying) return;
        if (entry.failures > 0) {
          entry.failures = 0;
          this.logger.info('the doc is written to disk again', { docId });
          this.events.onDidWriteAgain?.(docId);
        }
        entry.savedStateVector = stateVector;
        this.events.onDidSave(docId, stateVector, origin);
        const worth = entry.sinceCompaction >= COMPACT_AFTER_RECORDS && entry.bytesSinceCompaction >= entry.compactedBytes;
        if (worth || entry.sinceCompaction >= COMPACT_ALWAYS_AFTER_RECORDS) this.compact(docId, entry);
      },
      (error: Error) => {
        if (isRetry) entry.retrying = false;
        entry.unwritten = true;
        entry.failures++;
        // Once per run of failures in the log; the windows hear of every attempt through the event.
        if (entry.failures === 1) this.logger.error('an update could not be written to disk; it is kept and retried', { docId, error: String(error) });
        this.events.onDidFailWrite(docId, error);
        this.scheduleRetry(docId, entry);
      },
    );
    this.track(write);
  }

  private scheduleRetry(docId: string, entry: OpenDoc): void {
    if (entry.retryTimer || this.closing || entry.doc.isDestroyed) return;
    const delay = this.retryBackoffMs[Math.min(entry.failures - 1, this.retryBackoffMs.length - 1)] ?? 5_000;
    entry.retryTimer = setTimeout(() => {
      entry.retryTimer = null;
      this.retry(docId, entry);
    }, delay);
    // A pending retry alone does not keep a process alive: close() makes its own last attempt.
    entry.retryTimer.unref?.();
  }

  /** Writes all the doc holds beyond what was acknowledged: a superset of what failed, which Yjs dedupes on load. */
  private retry(docId: string, entry: OpenDoc): void {
    if (!entry.unwritten || entry.doc.isDestroyed) return;
    entry.unwritten = false;
    entry.retrying = true;
    const missing = encodeIntegratedState(entry.doc, entry.savedStateVector);
    // Edits of any origin are in it: no origin, so every teammate is offered the doc again.
    this.write(docId, entry, missing, null, true);
  }

  private stopRetrying(entry: OpenDoc): void {
    if (entry.retryTimer) clearTimeout(entry.retryTimer);
    entry.retryTimer = null;
  }

  private compact(docId: string, entry: OpenDoc): void {
    entry.sinceCompaction = 0;
    entry.bytesSinceCompaction = 0;
    const state = encodeIntegratedState(entry.doc);
    entry.compactedBytes = state.byteLength;
    this.track(this.store.compact(docId, state).catch((error: Error) => this.logger.warn('compaction failed; the log is kept as it is', { docId, error: String(error) })));
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }
}
