// The inbox: one shared append-only log that holds the first records of docs created in a burst
// (a cold sync brings thousands of boards this laptop never had), so that they are made durable by
// one write and one fsync together instead of a new file, a rename and an fsync each. Creating a
// file costs the kernel far more than appending to one; on a two-core laptop 5,000 of them were the
// largest part of a cold sync.
//
// A doc stays in the inbox ("staged") until the store is quiet, then moves to its own log; once no
// doc is staged the inbox is cut back to its header. A crash leaves the inbox as it was: the next
// open stages its docs again, except a doc whose own log is already in place (it was made holding
// everything the inbox had for it, and the crash came before the inbox was emptied).
//
// Format: the doc log's (`log-format.ts`), each record's payload being
// `u8 id length | doc id (latin1) | the doc's records, framed as in its own log`.
import { join } from 'node:path';
import { assertDocId } from './doc-file-names';
import { encodeHeader, encodeRecord, HEADER_BYTES, parseRecords } from './log-format';
import { takeBatch } from './group-commit';
import { readAndRepairLog } from './log-recovery';
import { renameIntoPlace, writeFully, type DirectorySync } from './durable-fs';
import type { StoreFileHandle, StoreFiles } from './store-files';
import type { StoreLogger } from './store-types';

export const INBOX_FILE_NAME = 'inbox.tlog';
/** Staged bytes above this go to their own logs at once: the inbox's records are also held in memory until moved. */
const MAX_STAGED_BYTES = 32 * 1024 * 1024;
/**
 * A doc whose first write is larger goes to its own log: the inbox saves the cost of creating a
 * file, which only counts against small writes, and a staged doc is written twice (here, then
 * moved), which would cost a large one more than it saves.
 */
const MAX_ENTRY_BYTES = 256 * 1024;
/**
 * New logs being created at once that make a burst (a cold sync of many boards): a person making a
 * workspace or a board creates one or two, which go to their own logs as they always did.
 */
export const BURST_CREATIONS = 3;
/** Docs move to their own logs once nothing was written to the inbox for this long. */
const QUIET_MS = 1_000;

interface PendingEntry {
  docId: string;
  records: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** A doc's records as the inbox held them when the store opened. */
export interface RecoveredEntry {
  docId: string;
  /** Framed records, as a doc log holds them. */
  records: Buffer;
}

export class DocInbox {
  private handle: StoreFileHandle | undefined;
  /** Size of the inbox file (0: none), where the next record goes. */
  private bytes = 0;
  private readonly queue: PendingEntry[] = [];
  private draining: Promise<void> | null = null;
  /** Docs whose records are in the inbox and not yet in their own log. */
  private readonly staged = new Map<string, number>();
  private stagedBytes = 0;
  /** New logs being put in place right now: when there are any, docs are being created in a burst. */
  private creating = 0;
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private moving: Promise<void> | null = null;
  /** Cutting the inbox back to its header: writes wait for it. */
  private emptying: Promise<void> | null = null;
  /** No more moves (the store is closing); writes already asked for still go through. */
  private stopped = false;
  private closed = false;

  private constructor(
    private readonly file: string,
    private readonly files: StoreFiles,
    private readonly dirSync: DirectorySync,
    private readonly logger: StoreLogger,
    /** Moves every staged doc to its own log (the store knows the docs); stops early when `interrupted()`. */
    private readonly moveStaged: (interrupted: () => boolean) => Promise<void>,
    private readonly quietMs: number,
  ) {}

  /**
   * Opens the inbox of `docsDir`, reading back (and repairing) what a previous run left in it.
   * The caller stages what is returned (`stage`), or drops what a doc's own log already holds.
   */
  static async open(
    docsDir: string,
    /** The store's listing of its folder has the inbox. */
    exists: boolean,
    files: StoreFiles,
    dirSync: DirectorySync,
    logger: StoreLogger,
    moving: { moveStaged: (interrupted: () => boolean) => Promise<void>; quietMs?: number },
  ): Promise<{ inbox: DocInbox; recovered: RecoveredEntry[] }> {
    const inbox = new DocInbox(join(docsDir, INBOX_FILE_NAME), files, dirSync, logger, moving.moveStaged, moving.quietMs ?? QUIET_MS);
    const recovered: RecoveredEntry[] = [];
    if (!exists) return { inbox, recovered };
    const log = await readAndRepairLog(files, 'inbox', inbox.file, logger);
    for (const payload of log.updates) {
      const entry = decodeEntry(payload);
      if (entry) recovered.push(entry);
      else logger.warn('inbox record names no valid doc; skipped');
    }
    if (log.exists) {
      inbox.bytes = log.bytes;
      inbox.handle = await files.open(inbox.file, 'r+');
    }
    return { inbox, recovered };
  }

  /** Whether a new doc's first records (`size` bytes) should go here rather than to a new log of its own. */
  accepts(size: number): boolean {
    if (this.closed) return false;
    const burst = this.creating >= BURST_CREATIONS || this.staged.size > 0;
    return burst && size <= MAX_ENTRY_BYTES && this.stagedBytes + size <= MAX_STAGED_BYTES;
  }

  /** Runs `create` (a new log put in place) counted as a creation: others created meanwhile come here. */
  async creatingLog<T>(create: () => Promise<T>): Promise<T> {
    this.creating++;
    try {
      return await create();
    } finally {
      this.creating--;
    }
  }

  /** Resolves once `records` of `docId` are written and fsynced with whatever else came meanwhile. */
  append(docId: string, records: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new Error('replica store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ docId, records, resolve, reject });
      this.draining ??= new Promise<void>((done) => queueMicrotask(done)).then(() => this.drain());
    });
  }

  /** Marks `docId` as staged (records now in the inbox, after a write or when the store opened). */
  stage(docId: string, size: number): void {
    this.staged.set(docId, (this.staged.get(docId) ?? 0) + size);
    this.stagedBytes += size;
    this.scheduleMove();
  }

  /** `docId` has its own log holding everything it had here. When no doc is left, the inbox is emptied. */
  release(docId: string): void {
    const size = this.staged.get(docId);
    if (size === undefined) return;
    this.staged.delete(docId);
    this.stagedBytes -= size;
    if (this.staged.size === 0) void this.emptyIfUnused();
  }

  /** Stops moving docs to their own logs, waiting for a move under way: the store is closing. */
  async stopMoving(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.moving;
  }

  /** Waits for queued writes and any move under way, then closes the file. Staged docs stay for the next open. */
  async close(): Promise<void> {
    await this.stopMoving();
    this.closed = true;
    await this.draining;
    await this.emptying?.catch(() => undefined);
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  /** Forgets every staged doc (the store deleted every log, this file with them) and opens for new ones. */
  async reset(): Promise<void> {
    await this.close();
    this.staged.clear();
    this.stagedBytes = 0;
    this.bytes = 0;
    this.closed = false;
    this.stopped = false;
  }

  private async drain(): Promise<void> {
    try {
      // A failed emptying left the inbox as it was, or cut: `bytes` says which.
      await this.emptying?.catch(() => undefined);
      while (this.queue.length > 0) await this.commit(takeBatch(this.queue, (entry) => entry.records.length));
    } finally {
      this.draining = null;
    }
  }

  private async commit(batch: PendingEntry[]): Promise<void> {
    this.lastWriteAt = Date.now();
    const bytes = Buffer.concat(batch.map((entry) => encodeRecord(encodeEntry(entry.docId, entry.records))));
    try {
      if (!this.handle) {
        // No inbox yet: put it in place holding this batch (no header-only file a crash could leave).
        const contents = Buffer.concat([encodeHeader(), bytes]);
        await renameIntoPlace(this.files, this.file, contents);
        await this.dirSync.sync();
        this.handle = await this.files.open(this.file, 'r+');
        this.bytes = contents.length;
      } else {
        await writeFully(this.handle, bytes, this.bytes);
        await this.handle.sync();
        this.bytes += bytes.length;
      }
    } catch (cause) {
      // As a doc log does: cut back to the last whole record so a full disk leaves no torn tail.
      await this.handle?.truncate(this.bytes).catch(() => undefined);
      const error = cause instanceof Error ? cause : new Error(String(cause));
      this.logger.warn('append to the inbox failed; the updates were not acknowledged', { docs: batch.length, error: error.message });
      for (const entry of batch) entry.reject(error);
      return;
    }
    for (const entry of batch) {
      this.stage(entry.docId, entry.records.length);
      entry.resolve();
    }
  }

  private scheduleMove(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.moveWhenQuiet();
    }, this.quietMs);
    this.timer.unref();
  }

  private async moveWhenQuiet(): Promise<void> {
    if (this.stopped || this.moving || this.staged.size === 0) return;
    if (Date.now() - this.lastWriteAt < this.quietMs || this.draining) return this.scheduleMove();
    const started = Date.now();
    this.moving = this.moveStaged(() => this.stopped || this.lastWriteAt >= started)
      .then(() => this.emptyIfUnused())
      .catch((error: unknown) => this.logger.warn('moving docs from the inbox to their own logs failed; will retry', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        this.moving = null;
      });
    await this.moving;
    if (this.staged.size > 0) this.scheduleMove();
  }

  /**
   * Cuts the inbox back to its header when every doc in it has moved and nothing is being written.
   * Never rejects: if it fails, the inbox keeps records that the next open finds in the docs' own
   * logs already, and a later emptying tries again.
   */
  emptyIfUnused(): Promise<void> {
    const handle = this.handle;
    if (this.staged.size > 0 || this.draining || this.emptying || !handle || this.bytes <= HEADER_BYTES) return Promise.resolve();
    // Set before the first await: a write asked for from now on waits for this one.
    const emptying = (async () => {
      await handle.truncate(HEADER_BYTES);
      this.bytes = HEADER_BYTES;
      await handle.sync();
      this.logger.info('inbox emptied: every doc in it has its own log');
    })();
    this.emptying = emptying;
    return emptying
      .catch((error: unknown) => this.logger.warn('could not empty the inbox; its docs are in their own logs', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        this.emptying = null;
      });
  }
}

function encodeEntry(docId: string, records: Buffer): Buffer {
  const id = Buffer.from(docId, 'latin1');
  return Buffer.concat([Buffer.of(id.length), id, records]);
}

function decodeEntry(payload: Uint8Array): RecoveredEntry | undefined {
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const idLength = bytes[0] ?? 0;
  if (bytes.length < 1 + idLength) return undefined;
  const docId = bytes.subarray(1, 1 + idLength).toString('latin1');
  try {
    assertDocId(docId);
  } catch {
    return undefined;
  }
  const records = bytes.subarray(1 + idLength);
  // The outer record's checksum covers these bytes; a frame that still does not parse is not loaded.
  if (parseRecords(records, 0).damage || records.length === 0) return undefined;
  return { docId, records };
}
