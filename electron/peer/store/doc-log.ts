// One doc's log while the store is open: a queue that runs loads, compactions and appends in
// the order they were asked for, group-committing consecutive appends (one write, one fsync).
// A new doc's log is created holding its first records, and its directory entry made durable
// by a directory fsync shared with other new docs, before any of them is acknowledged.
// After a failed write the log is cut back to its last whole record (a full disk leaves no torn
// tail) and the handle dropped, so the next operation re-reads the log before appending.
// A doc created while others are (a cold sync) writes to the shared inbox instead, until the
// store is quiet and `moveToOwnLog` puts its records in a log of its own.
import { encodeHeader, parseRecords } from './log-format';
import type { DocInbox } from './doc-inbox';
import { takeBatch } from './group-commit';
import { readAndRepairLog } from './log-recovery';
import type { ReadLog } from './log-recovery';
import { renameIntoPlace, writeFileSynced, writeFully, type DirectorySync } from './durable-fs';
import type { StoreFileHandle, StoreFiles } from './store-files';
import type { StoreLogger, StoreWarning } from './store-types';


interface PendingAppend {
  kind: 'append';
  record: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}
interface ExclusiveTask {
  kind: 'task';
  run: () => Promise<void>;
}

export class DocLog {
  private handle: StoreFileHandle | undefined;
  /** Size of the log on disk, which is where the next record is written. */
  private bytes = 0;
  private records = 0;
  /** Damage found while opening for an append, handed to the next loadDoc so no warning is lost. */
  private unreportedWarnings: StoreWarning[] = [];
  private readonly queue: (PendingAppend | ExclusiveTask)[] = [];
  private draining = false;
  /**
   * There is no file (the store alone writes its folder, and its listing or the last read found
   * none): loads read nothing and the next append creates it, without reading first.
   */
  private absent: boolean;
  /** The file was renamed into place but no directory fsync has covered it yet: nothing in it is acknowledged until one has. */
  private entryUnsynced = false;
  private readonly onDidPlace: () => void;
  /** Records of this doc held in the inbox, in order, while it has no log of its own (null: none). */
  private staged: Buffer[] | null = null;
  /** The records left the inbox for this doc's own log, whose directory entry is not yet durable: the inbox keeps its copy until it is. */
  private releaseWhenEntrySynced = false;
  private closed = false;

  constructor(
    private readonly docId: string,
    private readonly file: string,
    private readonly logger: StoreLogger,
    private readonly files: StoreFiles,
    /** The docs folder's fsync, shared by every log in it. */
    private readonly dirSync: DirectorySync,
    /** Where a doc created in a burst keeps its records until it has a log of its own. */
    private readonly inbox: DocInbox,
    listing: {
      /** The store's listing has no file for this doc. */
      readonly absent: boolean;
      /** The log was put in place (created or replaced): the store lists the doc. */
      readonly onDidPlace: () => void;
    },
  ) {
    this.absent = listing.absent;
    this.onDidPlace = listing.onDidPlace;
  }

  stats(): { records: number; bytes: number } {
    return { records: this.records, bytes: this.bytes };
  }

  /** Whether this doc's records are in the inbox rather than a log of its own. */
  get isStaged(): boolean {
    return this.staged !== null;
  }

  /** Takes the records the inbox held for this doc when the store opened (the doc has no log). */
  adoptStaged(records: Buffer): void {
    if (!this.absent) throw new Error('a doc with a log of its own cannot be staged');
    (this.staged ??= []).push(records);
    this.records += parseRecords(records, 0).records.length;
    this.onDidPlace();
  }

  append(record: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'append', record, resolve, reject });
      this.startDraining();
    });
  }

  load(): Promise<{ updates: Uint8Array[]; warnings: StoreWarning[] }> {
    return this.exclusive(async () => {
      let updates: Uint8Array[] = [];
      if (!this.absent) {
        // Re-read from disk even when open: the caller wants what is durable, not what we think.
        await this.dropHandle();
        const log = await this.readLog();
        if (log.exists) this.handle = await this.files.open(this.file, 'r+');
        updates = log.updates;
      }
      // Acknowledged records in the inbox: written and fsynced there, held here as written.
      if (this.staged) updates = [...updates, ...parseRecords(Buffer.concat(this.staged), 0).records];
      const warnings = this.unreportedWarnings;
      this.unreportedWarnings = [];
      return { updates, warnings };
    });
  }

  /** `state` must already contain every update appended before this call: those are written first, then replaced. */
  compact(stateRecord: Buffer): Promise<void> {
    return this.exclusive(async () => {
      // Not yet read this session: read it first, so a log from a newer format is refused
      // rather than replaced, and any damage is set aside before the file goes.
      if (!this.handle && !this.absent) await this.readLog();
      const tmp = `${this.file}.tmp`;
      const contents = Buffer.concat([encodeHeader(), stateRecord]);
      try {
        await writeFileSynced(this.files, tmp, contents, 'w');
      } catch (error) {
        await this.files.rm(tmp, { force: true }).catch(() => undefined);
        throw error;
      }
      // Close before the rename: Windows will not replace a file that is still open.
      await this.dropHandle();
      try {
        await this.files.rename(tmp, this.file);
      } catch (error) {
        await this.files.rm(tmp, { force: true }).catch(() => undefined);
        throw error;
      }
      this.absent = false;
      this.onDidPlace();
      // The state holds the staged records too: from now on this log is the doc's.
      if (this.staged) this.releaseWhenEntrySynced = true;
      this.staged = null;
      this.entryUnsynced = true;
      await this.dirSync.sync();
      this.entrySynced();
      this.handle = await this.files.open(this.file, 'r+');
      this.bytes = contents.length;
      this.records = 1;
      this.logger.info('doc log compacted', { docId: this.docId, bytes: this.bytes });
    });
  }

  /**
   * Puts the records staged in the inbox in a log of this doc's own (after everything queued so
   * far); later appends go there. Nothing to do when the doc is not staged or the log closed.
   */
  moveToOwnLog(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.staged || this.closed) return;
      await this.inbox.creatingLog(() => this.create(Buffer.concat(this.staged ?? [])));
      this.staged = null;
      // Until the log's directory entry is durable the inbox's copy is the one a power loss leaves.
      this.releaseWhenEntrySynced = true;
      await this.dirSync.sync();
      this.entrySynced();
    });
  }

  /** A directory fsync covered this log's entry: its records no longer need the inbox's copy. */
  private entrySynced(): void {
    this.entryUnsynced = false;
    if (!this.releaseWhenEntrySynced) return;
    this.releaseWhenEntrySynced = false;
    this.inbox.release(this.docId);
  }

  /** Runs after everything queued so far; the owner stops queueing before calling it. */
  close(): Promise<void> {
    return this.exclusive(async () => {
      this.closed = true;
      await this.dropHandle();
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = () => work().then(resolve, reject);
      this.queue.push({ kind: 'task', run });
      this.startDraining();
    });
  }

  private startDraining(): void {
    if (this.draining) return;
    this.draining = true;
    // A microtask later, so appends issued in the same tick land in the first batch together.
    queueMicrotask(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      for (let head = this.queue[0]; head !== undefined; head = this.queue[0]) {
        if (head.kind === 'task') {
          this.queue.shift();
          await head.run(); // settles its own promise, never throws
          continue;
        }
        await this.commit(takeBatch(this.queue, (append) => append.record.length, (item): item is PendingAppend => item.kind === 'append'));
      }
    } finally {
      this.draining = false;
    }
  }

  private async commit(batch: PendingAppend[]): Promise<void> {
    let handle: StoreFileHandle | undefined;
    try {
      const bytes = batch.length === 1 ? batch[0]!.record : Buffer.concat(batch.map((append) => append.record));
      if (this.staged || (this.absent && this.inbox.accepts(bytes.length))) {
        await this.inbox.append(this.docId, bytes);
        (this.staged ??= []).push(bytes);
        this.onDidPlace();
        this.records += batch.length;
        for (const append of batch) append.resolve();
        return;
      }
      handle = this.handle ?? (this.absent ? undefined : await this.reopen());
      if (!handle) await this.inbox.creatingLog(() => this.create(bytes));
      else {
        await writeFully(handle, bytes, this.bytes);
        await handle.sync();
        this.bytes += bytes.length;
      }
      // A record in a file whose name a power loss could still take is not saved yet.
      if (this.entryUnsynced) {
        await this.dirSync.sync();
        this.entrySynced();
      }
      this.records += batch.length;
    } catch (cause) {
      // The file may now end in part of this batch (a full disk takes what fits). Cutting it
      // back needs no free space and spares the next load a "damaged log" to set aside, which
      // would need space; if even that fails, the next operation re-reads and repairs the tail.
      if (handle) await cutBack(handle, this.bytes).catch(() => undefined);
      await this.dropHandle().catch(() => undefined);
      const error = cause instanceof Error ? cause : new Error(String(cause));
      this.logger.warn('append to doc log failed; the updates were not acknowledged', { docId: this.docId, records: batch.length, error: error.message });
      for (const append of batch) append.reject(error);
      return;
    }
    for (const append of batch) append.resolve();
  }

  /**
   * Puts the new log in place holding the header and `records` (temp file, fsync, rename): one
   * file fsync for a new doc, and no header-only file a crash could leave. The caller then
   * waits for the directory fsync. The handle is opened by the next append, if one comes.
   */
  private async create(records: Buffer): Promise<void> {
    const contents = Buffer.concat([encodeHeader(), records]);
    await renameIntoPlace(this.files, this.file, contents);
    this.absent = false;
    this.onDidPlace();
    this.entryUnsynced = true;
    this.bytes = contents.length;
  }

  /** Reads the log again (repairing it if damaged) and opens it for appending; undefined when there is no file. */
  private async reopen(): Promise<StoreFileHandle | undefined> {
    const log = await this.readLog();
    if (log.exists) this.handle = await this.files.open(this.file, 'r+');
    return this.handle;
  }

  private async readLog(): Promise<ReadLog> {
    const log = await readAndRepairLog(this.files, this.docId, this.file, this.logger);
    this.absent = !log.exists;
    this.bytes = log.bytes;
    this.records = log.updates.length;
    if (log.warning) this.unreportedWarnings.push(log.warning);
    return log;
  }

  private async dropHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}

async function cutBack(handle: StoreFileHandle, length: number): Promise<void> {
  await handle.truncate(length);
  await handle.sync();
}
