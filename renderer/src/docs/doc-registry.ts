// Live Y.Docs of this window: each cached in IndexedDB (y-indexeddb) so the UI opens
// instantly and offline, and synced with the local peer over the link. It also knows when
// an edit has reached IndexedDB, so "saved in this browser" is only said when it is true.
import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type { LinkClient } from '../link/link-client';
import { CacheWriter } from './cache-writer';
import { openDocCache } from './open-doc-cache';

/** How long to wait for IndexedDB before giving up on the cache and refilling from the peer. */
const CACHE_OPEN_TIMEOUT_MS = 4_000;

export interface OpenedDoc {
  readonly docId: string;
  readonly doc: Y.Doc;
  /** False until the IndexedDB cache has loaded (or was given up on). */
  cacheReady: boolean;
  /** Local updates not yet committed to IndexedDB. */
  cachePending: number;
  /** The last write to IndexedDB failed and has not been retried successfully yet. */
  cacheFailed: boolean;
}

export interface DocRegistryEvents {
  onDidChangeCache(): void;
  onDidRecoverCache(docId: string): void;
  /** A doc was created, before its cache loads: listeners see every edit made to it. */
  onDidCreateDoc?(docId: string, doc: Y.Doc): void;
}

export class DocRegistry {
  private readonly docs = new Map<string, Promise<OpenedDoc>>();
  private readonly opened = new Map<string, OpenedDoc>();
  private readonly writers = new Set<CacheWriter>();

  constructor(private readonly link: LinkClient, private readonly events: DocRegistryEvents, private readonly cachePrefix = 'tandem:') {}

  open(docId: string): Promise<OpenedDoc> {
    let entry = this.docs.get(docId);
    if (!entry) {
      entry = this.load(docId);
      this.docs.set(docId, entry);
    }
    return entry;
  }

  /**
   * Closes an open doc whose every edit is in IndexedDB: it stops syncing and its memory goes.
   * Its cache stays; `open` loads it again. False (and nothing closed) while a write is pending.
   */
  close(docId: string): boolean {
    const opened = this.opened.get(docId);
    if (!opened || opened.cachePending > 0 || opened.cacheFailed) return false;
    this.link.removeDoc(docId);
    this.opened.delete(docId);
    this.docs.delete(docId);
    opened.doc.destroy();
    return true;
  }

  all(): OpenedDoc[] {
    return [...this.opened.values()];
  }

  /**
   * Deletes this browser's cache of every doc, open or not (this laptop left the workspace).
   * The docs must not be used afterwards: the window reloads.
   */
  async deleteAllCaches(): Promise<void> {
    for (const entry of await Promise.allSettled(this.docs.values())) if (entry.status === 'fulfilled') entry.value.doc.destroy();
    const names = new Set([...this.docs.keys()].map((id) => this.cachePrefix + id));
    const listed = await indexedDB.databases?.().catch(() => []);
    for (const db of listed ?? []) if (db.name?.startsWith(this.cachePrefix)) names.add(db.name);
    await Promise.all(
      [...names].map(
        (name) =>
          new Promise<void>((resolve) => {
            // Blocked until y-indexeddb has closed its connection (it does on destroy), so wait for the outcome, within reason.
            const request = indexedDB.deleteDatabase(name);
            const timer = setTimeout(resolve, CACHE_OPEN_TIMEOUT_MS);
            request.onsuccess = request.onerror = () => {
              clearTimeout(timer);
              resolve();
            };
          }),
      ),
    );
  }

  /** Some edit could not be written to this browser's cache (and is being retried). */
  cacheFailed(): boolean {
    for (const d of this.opened.values()) if (d.cacheFailed) return true;
    return false;
  }

  /** The window is closing: every edit still waiting for IndexedDB is written now. */
  flushCachesNow(): void {
    for (const writer of this.writers) writer.flushNow();
  }

  cachePending(): number {
    let n = 0;
    for (const d of this.opened.values()) n += d.cachePending;
    return n;
  }

  private async load(docId: string): Promise<OpenedDoc> {
    const doc = new Y.Doc({ guid: docId });
    const opened: OpenedDoc = { docId, doc, cacheReady: false, cachePending: 0, cacheFailed: false };
    this.events.onDidCreateDoc?.(docId, doc);
    let persistence = openDocCache(this.cachePrefix + docId, doc);
    const ready = await Promise.race([persistence.whenSynced.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), CACHE_OPEN_TIMEOUT_MS))]);
    if (!ready) {
      // A garbage row makes y-indexeddb never finish loading (DESIGN.md, known traps):
      // drop this cache and let the peer refill it.
      console.warn(`Tandem: the browser cache of ${docId} did not open; rebuilding it from the peer`);
      await persistence.clearData().catch(() => undefined);
      persistence = openDocCache(this.cachePrefix + docId, doc);
      this.events.onDidRecoverCache(docId);
    }
    opened.cacheReady = true;
    this.trackCacheWrites(opened, persistence);
    this.opened.set(docId, opened);
    this.link.addDoc(docId, doc);
    return opened;
  }

  private trackCacheWrites(opened: OpenedDoc, persistence: IndexeddbPersistence): void {
    const writer = new CacheWriter(opened.doc, persistence, {
      onDidChangePending: (pending) => {
        opened.cachePending = pending;
        if (pending === 0) opened.cacheFailed = false;
        this.events.onDidChangeCache();
      },
      onDidFail: (error) => {
        console.warn(`Tandem: could not write ${opened.docId} to this browser's cache`, error);
        opened.cacheFailed = true;
        this.events.onDidChangeCache();
      },
    });
    opened.doc.on('destroy', () => {
      writer.destroy();
      this.writers.delete(writer);
    });
    this.writers.add(writer);
  }
}
