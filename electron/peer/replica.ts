// The peer's live replica of every document: a Y.Doc per doc id in use, loaded from the durable
// store on first use, with every update appended (and fsynced) to the store. It tracks the
// state vector that is on disk, so "saved on this laptop" is only ever said of what is; an
// update the disk refused is kept (in the doc) and written again, with backoff, until it lands.
// A doc nobody uses (no hold, not opened for a while, everything on disk) is kept *dormant*: as
// the encoded update it is made of and its state vector, a fraction of a Y.Doc's memory; opening
// it makes its Y.Doc again. So a hub's memory grows with the boards in use, not the boards held.
import * as Y from 'yjs';
import { STORE_ORIGIN } from '../../shared/model/origin';
import { isValidDocId } from '../../shared/protocol/frame';
import { applyReceivedUpdate } from '../../shared/protocol/apply-received';
import { encodeIntegratedState, hasPendingUpdates } from '../../shared/protocol/pending-updates';
import { isEmptyStateVector } from '../../shared/protocol/whole-state';
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
  /** A doc with no hold, not opened or changed for this long and all on disk, goes dormant (tests shorten it). */
  readonly dormantAfterMs?: number;
  /** The windows' head start for an update stored ahead, whatever its size (tests fix it). */
  readonly storeAheadHeadStartMs?: number;
}

/** A doc kept as the updates it is made of, with no Y.Doc: everything in it is on disk. */
export interface DormantDoc {
  /** Applied in order, they make the doc (its log's records, or its state when it went dormant). */
  readonly updates: readonly Uint8Array[];
  /** The doc's state vector, all of it on disk. */
  readonly stateVector: Uint8Array;
  readonly sinceCompaction: number;
  readonly bytesSinceCompaction: number;
  readonly compactedBytes: number;
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
  /** Appends and compactions not yet settled: the doc stays awake until they are. */
  inFlight: number;
  /** When the doc was last opened or changed (`Date.now()`). */
  lastUsed: number;
  /** A teammate's update written to disk ahead of the doc applying it (`storeAhead`). */
  waiting: WaitingUpdate | null;
  /** The doc is applying bytes already on disk: its update listener writes nothing. */
  applyingStored: boolean;
}

/** An update stored before the doc applies it. */
interface WaitingUpdate {
  readonly update: Uint8Array;
  /** The state it carries, acknowledged once it is on disk. */
  readonly stateVector: Uint8Array;
  readonly origin: unknown;
  readonly timer: ReturnType<typeof setTimeout>;
  /** Called once the doc has applied it, or with the error if it refused it. */
  readonly onApplied: (error?: unknown) => void;
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
/**
 * A doc unused this long goes dormant. Going dormant encodes the doc once (as a compaction
 * does), so a doc opened now and then is not encoded each time: a minute of quiet first.
 */
const DORMANT_AFTER_MS = 60_000;
/**
 * How long a window is given, per MB of a teammate's update stored ahead, to apply it before this
 * peer applies it too (on a two-core laptop both at once take each other's cores, and the window
 * is what the person waits for): about what a window's apply of a 10k-card board took a MB on the
 * bench's machine. Anything that needs the doc sooner applies it at once (`settle`).
 */
const HEAD_START_MS_PER_MB = 60;
const MAX_HEAD_START_MS = 5_000;

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
  /** Docs kept encoded, with no Y.Doc (never also in `docs`). */
  private readonly dormant = new Map<string, DormantDoc>();
  /** Holds per doc id: a held doc stays awake (a sync session keeps using its Y.Doc). */
  private readonly holds = new Map<string, number>();
  private readonly dormantAfterMs: number;
  private sweepTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: ReplicaStore,
    private readonly logger: PeerLogger,
    private readonly events: ReplicaEvents,
    private readonly options: ReplicaOptions = {},
  ) {
    this.retryBackoffMs = options.retryBackoffMs ?? RETRY_BACKOFF_MS;
    this.dormantAfterMs = options.dormantAfterMs ?? DORMANT_AFTER_MS;
  }

  /** Updates dropped because their predecessors never arrived, since start. */
  get droppedPending(): PendingDrops {
    return this.pendingDrops;
  }

  /**
   * The doc, loaded from disk on first use (or woken from dormant). Unknown ids start empty. It
   * stays awake for a while after each open; whoever keeps using it longer takes a `hold`.
   */
  async open(docId: string): Promise<Y.Doc> {
    const entry = await this.openEntry(docId);
    entry.lastUsed = Date.now();
    this.settleEntry(docId, entry);
    return entry.doc;
  }

  /**
   * Takes a teammate's big update for a doc that is awake here and holds nothing yet, while this
   * peer's windows apply the same bytes (relayed ahead): it is written to disk as it came and
   * acknowledged with the state it carries, and this doc applies it after a head start for the
   * windows, or as soon as anything reads or changes the doc (`settle`, `open`), whichever is
   * first. `onApplied` follows that apply (with the error, if the bytes turn out not to apply:
   * what of them did is kept, as with any apply). False, doing nothing, for a doc that holds anything,
   * has writes in flight or failing, or bytes with no state to acknowledge: the caller applies
   * them as usual.
   *
   * What is acknowledged is what the bytes hold (each client's run from clock 0), and those bytes
   * are on disk: a teammate's whole state for a side that had none is self-contained, so the doc
   * holds all of it once applied.
   */
  storeAhead(docId: string, update: Uint8Array, origin: unknown, onApplied: (error?: unknown) => void): boolean {
    const entry = this.loadedDocs.get(docId);
    if (!entry || this.closing || entry.waiting || entry.unwritten || entry.retrying || entry.inFlight > 0 || entry.doc.isDestroyed) return false;
    if (entry.doc.store.clients.size > 0 || hasPendingUpdates(entry.doc)) return false;
    let stateVector: Uint8Array;
    try {
      stateVector = Y.encodeStateVectorFromUpdate(update);
    } catch {
      return false;
    }
    if (isEmptyStateVector(stateVector)) return false;
    const headStart = this.options.storeAheadHeadStartMs ?? Math.min(MAX_HEAD_START_MS, (update.byteLength / 1_000_000) * HEAD_START_MS_PER_MB);
    const timer = setTimeout(() => this.settle(docId), headStart);
    timer.unref?.();
    entry.waiting = { update, stateVector, origin, timer, onApplied };
    entry.lastUsed = Date.now();
    this.logger.info("a teammate's update is written ahead of this doc applying it, while a window applies it", { docId, bytes: update.byteLength, headStartMs: Math.round(headStart) });
    // Nothing is written before it (the doc was empty with no write in flight), and what the doc applies meanwhile is written after it.
    this.write(docId, entry, update, origin, { stateVector });
    return true;
  }

  /** Applies the doc's update stored ahead, if one waits: call before reading or changing the doc. */
  settle(docId: string): void {
    const entry = this.loadedDocs.get(docId);
    if (entry) this.settleEntry(docId, entry);
  }

  /**
   * Keeps the doc awake (its Y.Doc in use) until the returned function is called; take it
   * before `open` and keep it for as long as the Y.Doc is used (a sync session's life).
   */
  hold(docId: string): () => void {
    this.holds.set(docId, (this.holds.get(docId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const count = (this.holds.get(docId) ?? 1) - 1;
      if (count > 0) this.holds.set(docId, count);
      else this.holds.delete(docId);
      const entry = this.loadedDocs.get(docId);
      if (entry) entry.lastUsed = Date.now();
    };
  }

  async savedStateVector(docId: string): Promise<Uint8Array> {
    const dormant = this.dormant.get(docId);
    if (dormant) return dormant.stateVector;
    return (await this.openEntry(docId)).savedStateVector;
  }

  /** The doc is held (every doc on disk is, from start; new ones once opened), awake or dormant. No disk read. */
  isOpen(docId: string): boolean {
    return this.docs.has(docId) || this.dormant.has(docId);
  }

  /** The doc if it is dormant (held encoded, no Y.Doc): what it is made of and its state vector. */
  dormantDoc(docId: string): DormantDoc | undefined {
    return this.dormant.get(docId);
  }

  /**
   * Loads every doc on disk, dormant, so a damaged file is reported now and nothing waits on a
   * disk read later. A doc that cannot be kept encoded (a record that does not parse) is loaded awake.
   */
  async loadAll(): Promise<void> {
    for (const docId of await this.store.listDocIds()) {
      if (this.docs.has(docId) || this.dormant.has(docId) || !isValidDocId(docId)) continue;
      const { updates, warnings } = await this.store.loadDoc(docId);
      for (const warning of warnings) this.events.onDidRecover(warning);
      if (this.docs.has(docId) || this.dormant.has(docId)) continue;
      const encoded = encodedOf(updates);
      if (encoded) {
        const compactedBytes = updates[0]?.byteLength ?? 0;
        const loadedBytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
        this.dormant.set(docId, { updates: [encoded.update], stateVector: encoded.stateVector, sinceCompaction: updates.length, bytesSinceCompaction: loadedBytes - compactedBytes, compactedBytes });
        this.docsVersion++;
      } else await this.openEntry(docId);
    }
  }

  async listDocIds(): Promise<string[]> {
    return this.store.listDocIds();
  }

  /** The doc if it has finished loading and is awake, with no await (a status reads thousands at once). */
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
    const ids = [...new Set([...onDisk, ...this.docs.keys(), ...this.dormant.keys()])].sort();
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
    for (const entry of this.loadedDocs.values()) {
      this.stopRetrying(entry);
      this.dropWaiting(entry);
    }
    await this.flush();
    // A doc that failed to open holds nothing to destroy; its file goes with the rest.
    for (const entry of await Promise.allSettled(this.docs.values())) if (entry.status === 'fulfilled') entry.value.doc.destroy();
    this.docs.clear();
    this.loadedDocs.clear();
    this.dormant.clear();
    await this.store.removeAll();
    this.docsVersion++;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.stopSweeping();
    // On disk already (or its write failed, and the doc applied it to write it again): applied
    // now, so a write that fails below still has the doc's edits to retry.
    for (const [docId, entry] of this.loadedDocs) this.settleEntry(docId, entry);
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
    this.dormant.clear();
    await this.store.close();
  }

  /** Puts to sleep every awake doc that is unused for long enough, unheld and all on disk. */
  sweep(now = Date.now()): void {
    for (const [docId, entry] of this.loadedDocs) if (this.canSleep(docId, entry, now)) this.sleep(docId, entry);
    if (this.loadedDocs.size === 0) this.stopSweeping();
  }

  private canSleep(docId: string, entry: OpenDoc, now: number): boolean {
    if (this.closing || this.holds.has(docId) || now - entry.lastUsed < this.dormantAfterMs) return false;
    if (entry.waiting || entry.unwritten || entry.retrying || entry.retryTimer || entry.inFlight > 0 || entry.doc.isDestroyed) return false;
    // Updates waiting for predecessors live only in the Y.Doc: it stays awake until they integrate or are dropped.
    return !hasPendingUpdates(entry.doc);
  }

  private sleep(docId: string, entry: OpenDoc): void {
    const state = encodeIntegratedState(entry.doc);
    this.dormant.set(docId, {
      updates: [state],
      stateVector: Y.encodeStateVector(entry.doc),
      sinceCompaction: entry.sinceCompaction,
      bytesSinceCompaction: entry.bytesSinceCompaction,
      compactedBytes: entry.compactedBytes,
    });
    this.docs.delete(docId);
    this.loadedDocs.delete(docId);
    entry.doc.destroy();
  }

  private startSweeping(): void {
    if (this.sweepTimer || this.closing) return;
    this.sweepTimer = setInterval(() => this.sweep(), Math.max(10, this.dormantAfterMs / 2));
    this.sweepTimer.unref?.();
  }

  private stopSweeping(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
  }

  private openEntry(docId: string): Promise<OpenDoc> {
    if (!isValidDocId(docId)) return Promise.reject(new Error(`invalid doc id: ${docId}`));
    let entry = this.docs.get(docId);
    const dormant = entry ? undefined : this.dormant.get(docId);
    if (dormant) {
      // Woken, not loaded: the doc was held all along, so no open listener hears of it again.
      this.dormant.delete(docId);
      const awake = this.wake(docId, dormant);
      entry = Promise.resolve(awake);
      this.docs.set(docId, entry);
      this.loadedDocs.set(docId, awake);
      this.startSweeping();
      return entry;
    }
    if (!entry) {
      entry = this.load(docId);
      this.docs.set(docId, entry);
      this.docsVersion++;
      entry.then(
        (loaded) => {
          this.loadedDocs.set(docId, loaded);
          this.startSweeping();
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
    return this.attach(docId, doc, { sinceCompaction: updates.length, bytesSinceCompaction: loadedBytes - compactedBytes, compactedBytes });
  }

  /** The dormant doc made a Y.Doc again, as it was when it went to sleep. */
  private wake(docId: string, dormant: DormantDoc): OpenDoc {
    const { doc } = this.applyStored(docId, dormant.updates);
    return this.attach(docId, doc, dormant);
  }

  private attach(docId: string, doc: Y.Doc, log: Pick<OpenDoc, 'sinceCompaction' | 'bytesSinceCompaction' | 'compactedBytes'>): OpenDoc {
    const entry: OpenDoc = {
      doc,
      savedStateVector: Y.encodeStateVector(doc),
      sinceCompaction: log.sinceCompaction,
      bytesSinceCompaction: log.bytesSinceCompaction,
      compactedBytes: log.compactedBytes,
      unwritten: false,
      retrying: false,
      retryTimer: null,
      failures: 0,
      inFlight: 0,
      lastUsed: Date.now(),
      waiting: null,
      applyingStored: false,
    };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === STORE_ORIGIN || entry.applyingStored) return;
      entry.lastUsed = Date.now();
      // While a write waits for its retry, this update is left to it: the retry writes all
      // the doc holds beyond what was acknowledged, so one failing write per wait, not per keystroke.
      if (entry.unwritten) return;
      this.write(docId, entry, update, origin);
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
   * `stateVector`, for an update stored ahead (not in the doc yet), is the state it carries.
   */
  private write(docId: string, entry: OpenDoc, update: Uint8Array, origin: unknown, { isRetry = false, stateVector: given }: { isRetry?: boolean; stateVector?: Uint8Array } = {}): void {
    // An update stored ahead is written before this one (appends run in order), not yet in the doc.
    const stateVector = given ?? (entry.waiting ? unionOf(Y.encodeStateVector(entry.doc), entry.waiting.stateVector) : Y.encodeStateVector(entry.doc));
    let append: Promise<void>;
    try {
      append = this.store.append(docId, update);
    } catch (error) {
      // Never throw out of a Yjs update listener (yjs#799).
      append = Promise.reject(error as Error);
    }
    entry.inFlight++;
    const write = append.then(
      () => {
        entry.inFlight--;
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
        entry.inFlight--;
        if (isRetry) entry.retrying = false;
        entry.unwritten = true;
        entry.failures++;
        // Once per run of failures in the log; the windows hear of every attempt through the event.
        if (entry.failures === 1) this.logger.error('an update could not be written to disk; it is kept and retried', { docId, error: String(error) });
        this.events.onDidFailWrite(docId, error);
        // What waits to be applied is not on disk if this was it (or came before it): the doc
        // takes it now, and the retry writes all the doc holds beyond what was acknowledged.
        this.settleEntry(docId, entry);
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
    this.write(docId, entry, missing, null, { isRetry: true });
  }

  private stopRetrying(entry: OpenDoc): void {
    if (entry.retryTimer) clearTimeout(entry.retryTimer);
    entry.retryTimer = null;
  }

  private compact(docId: string, entry: OpenDoc): void {
    // The doc lacks what waits to be applied: its state now would replace that on disk.
    if (entry.waiting) return;
    entry.sinceCompaction = 0;
    entry.bytesSinceCompaction = 0;
    const state = encodeIntegratedState(entry.doc);
    entry.compactedBytes = state.byteLength;
    entry.inFlight++;
    this.track(
      this.store
        .compact(docId, state)
        .catch((error: Error) => this.logger.warn('compaction failed; the log is kept as it is', { docId, error: String(error) }))
        .finally(() => entry.inFlight--),
    );
  }

  /** Applies what waits (`storeAhead`), once; its write is left to the one `storeAhead` started unless the doc also unlocks updates parked before. */
  private settleEntry(docId: string, entry: OpenDoc): void {
    const waiting = entry.waiting;
    if (!waiting) return;
    clearTimeout(waiting.timer);
    entry.waiting = null;
    if (entry.doc.isDestroyed) return waiting.onApplied();
    // Updates parked meanwhile that this one unlocks are in the doc's report of it, and on no disk yet.
    entry.applyingStored = !hasPendingUpdates(entry.doc);
    let refusal: unknown;
    try {
      applyReceivedUpdate(entry.doc, waiting.update, waiting.origin);
    } catch (error) {
      refusal = error;
      this.logger.warn("a teammate's update written ahead could not be applied whole", { docId, error: String(error) });
    } finally {
      entry.applyingStored = false;
    }
    waiting.onApplied(...(refusal === undefined ? [] : [refusal]));
  }

  private dropWaiting(entry: OpenDoc): void {
    if (!entry.waiting) return;
    clearTimeout(entry.waiting.timer);
    const { onApplied } = entry.waiting;
    entry.waiting = null;
    onApplied();
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }
}

/** The state vector holding both. */
function unionOf(a: Uint8Array, b: Uint8Array): Uint8Array {
  const union = Y.decodeStateVector(a);
  for (const [client, clock] of Y.decodeStateVector(b)) union.set(client, Math.max(union.get(client) ?? 0, clock));
  return Y.encodeStateVector(union);
}

/**
 * The stored records as one encoded update (merged: duplicates go, and no view keeps the log
 * file's buffer) and its state vector, read with no Y.Doc; null if a record does not parse
 * (the doc is then loaded awake, which skips such a record and says so).
 */
function encodedOf(updates: readonly Uint8Array[]): { update: Uint8Array; stateVector: Uint8Array } | null {
  try {
    const update = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates as Uint8Array[]);
    return { update, stateVector: Y.encodeStateVectorFromUpdate(update) };
  } catch {
    return null;
  }
}
