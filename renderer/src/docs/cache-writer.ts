// Writes a doc's edits to this window's IndexedDB cache in batches. y-indexeddb writes one
// transaction per update and, every 500 rows, re-reads and re-applies the whole cache on the
// main thread to compact it (seconds on a 10k-card board). Here at most one write transaction
// is in flight: edits made meanwhile are merged (`Y.mergeUpdates`) into the next one, so an
// idle window writes at once and a burst of typing costs a few transactions. Compaction
// encodes the doc already in memory, when the window is idle. Each commit and failure is
// reported, so "saved in this browser" is only said of what IndexedDB has committed.
// Updates from this laptop's peer are on its disk already, so they wait a moment to share one
// write: a room's burst of edits then costs a few transactions a second, not one per message.
import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { isTxOrigin } from '../../../shared/model/origin';

/** Rows after which the cache is compacted into one (y-indexeddb's own threshold). */
const COMPACT_AFTER_ROWS = 500;

/** How long updates that came from the peer wait for others to share their write. */
const PEER_UPDATE_DELAY_MS = 500;

/** The update came through the link from this laptop's peer, which has it on disk. */
function fromPeer(origin: unknown): boolean {
  return isTxOrigin(origin) && origin.source === 'link';
}

export interface CacheWriterEvents {
  /** Edits are waiting for IndexedDB (`pending` > 0), or all are committed (0). */
  onDidChangePending(pending: number): void;
  /** A write failed (quota full, say): those edits are retried with the next one. */
  onDidFail(error: unknown): void;
}

export class CacheWriter {
  private queued: Uint8Array[] = [];
  private inFlight = 0;
  private rows: number;
  private compactQueued = false;
  private destroyed = false;
  /** Something queued exists only in this window (an edit made here): it is written at once. */
  private onlyHere = false;
  private delayed: ReturnType<typeof setTimeout> | null = null;
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    // Updates y-indexeddb itself applied from the cache are already there.
    if (origin === this.persistence) return;
    this.queued.push(update);
    if (!fromPeer(origin)) this.onlyHere = true;
    this.changed();
    this.flushWhenDue();
  };

  constructor(
    private readonly doc: Y.Doc,
    private readonly persistence: IndexeddbPersistence,
    private readonly events: CacheWriterEvents,
  ) {
    // y-indexeddb's own per-update write (and its trim) is replaced by this writer.
    doc.off('update', persistence._storeUpdate);
    doc.on('update', this.onUpdate);
    this.rows = persistence._dbsize;
    // Edits made before IndexedDB opened wait for it.
    void persistence.whenSynced.then(() => this.flush());
  }

  /**
   * The window is going away: whatever waits behind the write in flight is written now, in a
   * transaction of its own, so closing or reloading while offline loses nothing.
   */
  flushNow(): void {
    const db = this.persistence.db;
    if (this.destroyed || this.queued.length === 0 || !db) return;
    try {
      const tx = db.transaction(['updates'], 'readwrite');
      tx.objectStore('updates').add(Y.mergeUpdates(this.queued));
      this.queued = [];
    } catch (error) {
      this.events.onDidFail(error);
    }
  }

  /** Edits not yet committed to IndexedDB. */
  get pending(): number {
    return this.queued.length + this.inFlight;
  }

  destroy(): void {
    this.destroyed = true;
    if (this.delayed !== null) clearTimeout(this.delayed);
    this.doc.off('update', this.onUpdate);
  }

  /** Writes now what only this window holds; what came from the peer, after a moment. */
  private flushWhenDue(): void {
    if (this.onlyHere) {
      this.flush();
    } else if (this.delayed === null) {
      this.delayed = setTimeout(() => {
        this.delayed = null;
        this.flush();
      }, PEER_UPDATE_DELAY_MS);
    }
  }

  private flush(): void {
    const db = this.persistence.db;
    if (this.destroyed || this.inFlight > 0 || this.queued.length === 0 || !db) return;
    const batch = this.queued;
    this.queued = [];
    this.onlyHere = false;
    this.inFlight = batch.length;
    let write: Uint8Array;
    let tx: IDBTransaction;
    try {
      write = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
      tx = db.transaction(['updates'], 'readwrite');
      tx.objectStore('updates').add(write);
    } catch (error) {
      this.settle(batch, error);
      return;
    }
    tx.oncomplete = () => {
      this.rows++;
      this.settle(null, null);
      if (this.rows >= COMPACT_AFTER_ROWS) this.scheduleCompaction();
    };
    tx.onabort = () => this.settle(batch, tx.error);
  }

  /** A write ended: on failure its edits go back to the front of the queue for the next try. */
  private settle(failed: Uint8Array[] | null, error: unknown): void {
    this.inFlight = 0;
    if (failed) {
      // Whatever failed is retried as if made here: no reason to wait for company.
      this.onlyHere = true;
      this.queued = [...failed, ...this.queued];
      this.events.onDidFail(error);
      this.changed();
      // Retried with the next edit, or after a pause: a full disk does not fix itself at once.
      setTimeout(() => this.flush(), 2_000);
      return;
    }
    this.changed();
    this.flushWhenDue();
  }

  private changed(): void {
    this.events.onDidChangePending(this.pending);
  }

  /** Replaces every row by one of the whole doc, encoded from memory while the window is idle. */
  private scheduleCompaction(): void {
    if (this.compactQueued) return;
    this.compactQueued = true;
    const run = () => {
      this.compactQueued = false;
      const db = this.persistence.db;
      if (this.destroyed || !db) return;
      // Everything in the cache is in the doc already (it was loaded from it or written from it).
      const state = Y.encodeStateAsUpdate(this.doc);
      const rowsBefore = this.rows;
      const tx = db.transaction(['updates'], 'readwrite');
      const store = tx.objectStore('updates');
      const lastKey = store.openCursor(null, 'prev');
      lastKey.onsuccess = () => {
        const key = lastKey.result?.key;
        store.add(state);
        if (typeof key === 'number') store.delete(IDBKeyRange.upperBound(key));
      };
      tx.oncomplete = () => {
        // Rows written meanwhile are kept after the one that replaced the rest.
        this.rows = Math.max(1, this.rows - rowsBefore + 1);
      };
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 10_000 });
    else setTimeout(run, 1_000);
  }
}
