// The local peer's durable copy of every doc: one append-only log of opaque Yjs updates per
// doc under `<dir>/docs/`. An append resolves only once its bytes are fsynced, which is what
// lets the UI say "saved on this laptop". Docs created in a burst (a cold sync) are first written
// together to a shared inbox (`doc-inbox.ts`) and moved to their own logs when the store is quiet.
// Format and repair live in the sibling modules.
import { join } from 'node:path';
import { createLogger } from '../logger';
import { DocLog } from './doc-log';
import { DocInbox, INBOX_FILE_NAME } from './doc-inbox';
import { assertDocId, docIdFromLogFileName, logFileName } from './doc-file-names';
import { encodeRecord } from './log-format';
import { DirectorySync, makeDirDurable } from './durable-fs';
import { nodeFiles, type StoreFiles } from './store-files';
import type { StoreLogger, StoreWarning } from './store-types';

export type { StoreLogger, StoreWarning } from './store-types';

export interface ReplicaStoreOptions {
  /** Where damaged logs and compactions are reported; defaults to the peer's stderr log. */
  logger?: StoreLogger;
  /**
   * Record count at which the caller should compact a doc (exposed as `compactEvery`). The
   * store cannot merge Yjs updates itself, so it only carries the policy. Default 500.
   */
  compactEvery?: number;
  /** The file layer; Node's fs unless a test injects failures (a full disk, say). */
  files?: StoreFiles;
  /** How long the store must be quiet before docs in the inbox move to their own logs (ms). */
  inboxQuietMs?: number;
}

/** Docs moved from the inbox to their own logs at a time: their creations share directory fsyncs. */
const MOVE_AT_ONCE = 16;

export class ReplicaStore {
  private readonly docs = new Map<string, DocLog>();
  /**
   * Docs with a log in the folder: listed when the store opens, then kept up to date as logs are
   * put in place or deleted. The store alone writes its folder, so a doc not listed has no log:
   * loading it reads nothing (a cold sync loads thousands of docs this peer never had), and
   * listing the docs reads no folder of thousands of names.
   */
  private readonly logged: Set<string>;
  private closed = false;

  private constructor(
    private readonly docsDir: string,
    private readonly logger: StoreLogger,
    /** Compact a doc once `stats(docId).records` reaches this. */
    readonly compactEvery: number,
    private readonly files: StoreFiles,
    listed: readonly string[],
    private readonly dirSync: DirectorySync,
  ) {
    this.logged = new Set(listed);
  }

  /** Docs created in a burst, written together until they move to logs of their own. */
  private inbox!: DocInbox;

  /** Opens the store in `dir`, creating it (mode 0o700) if absent. */
  static async open(dir: string, options: ReplicaStoreOptions = {}): Promise<ReplicaStore> {
    const compactEvery = options.compactEvery ?? 500;
    if (!Number.isInteger(compactEvery) || compactEvery < 1) throw new Error(`compactEvery must be a positive integer, got ${compactEvery}`);
    const docsDir = join(dir, 'docs');
    const files = options.files ?? nodeFiles;
    await makeDirDurable(files, docsDir);
    const names = await files.readdir(docsDir);
    const listed = names.flatMap((name) => docIdFromLogFileName(name) ?? []);
    const logger = options.logger ?? createLogger();
    const dirSync = new DirectorySync(files, docsDir);
    const store = new ReplicaStore(docsDir, logger, compactEvery, files, listed, dirSync);
    const { inbox, recovered } = await DocInbox.open(docsDir, names.includes(INBOX_FILE_NAME), files, dirSync, logger, {
      moveStaged: (interrupted) => store.moveStaged(interrupted),
      quietMs: options.inboxQuietMs,
    });
    store.inbox = inbox;
    await store.takeBack(recovered);
    return store;
  }

  /**
   * What the inbox held when the store opened: a doc without a log of its own is staged again.
   * A doc with one already holds these records: the inbox is written only for a doc that has no
   * log, and its log is then made (by the move, or by a compaction) holding all of them, so the
   * inbox's copy outlived it only because a crash came before the inbox was emptied.
   */
  private async takeBack(recovered: readonly { docId: string; records: Buffer }[]): Promise<void> {
    let redundant = 0;
    for (const { docId, records } of recovered) {
      const log = this.docLog(docId);
      if (this.logged.has(docId) && !log.isStaged) redundant++;
      else {
        log.adoptStaged(records);
        this.inbox.stage(docId, records.length);
      }
    }
    if (recovered.length > 0) this.logger.info('inbox read back after a restart', { records: recovered.length, alreadyInTheirLogs: redundant });
    await this.inbox.emptyIfUnused();
  }

  /** Moves staged docs to logs of their own, a few at a time, until done or `interrupted()`. */
  private async moveStaged(interrupted: () => boolean): Promise<void> {
    const staged = [...this.docs.values()].filter((log) => log.isStaged);
    for (let at = 0; at < staged.length && !interrupted(); at += MOVE_AT_ONCE) {
      await Promise.all(staged.slice(at, at + MOVE_AT_ONCE).map((log) => log.moveToOwnLog()));
    }
  }

  /** Every doc with a log on disk, sorted. */
  async listDocIds(): Promise<string[]> {
    this.assertOpen();
    return [...this.logged].sort();
  }

  /**
   * Reads the doc's log: every intact record in order (empty if the doc has no log). A damaged
   * tail or header is set aside (copy kept), the file truncated to its intact prefix, a warning
   * logged and returned; damaged bytes are never returned. Warnings from damage found by an
   * earlier append to this doc are returned here too.
   */
  async loadDoc(docId: string): Promise<{ updates: Uint8Array[]; warnings: StoreWarning[] }> {
    return this.docLog(docId).load();
  }

  /**
   * Appends one record and resolves only after it is written AND fsynced (and, for a doc's first
   * record, the new log's directory entry too). Concurrent appends are group-committed (one write
   * + one fsync per doc per batch; one directory fsync for the docs created meanwhile), in order
   * per doc. Rejects, never silently drops, if the write fails. Empty updates are refused.
   */
  async append(docId: string, update: Uint8Array): Promise<void> {
    const log = this.docLog(docId);
    return log.append(encodeRecord(update));
  }

  /**
   * Replaces the doc's log by the single record `state`, which must include every update
   * appended before this call (those are made durable first, then replaced). New file, fsync,
   * rename over the old, fsync the directory. Appends issued meanwhile are written after it.
   */
  async compact(docId: string, state: Uint8Array): Promise<void> {
    const log = this.docLog(docId);
    return log.compact(encodeRecord(state));
  }

  /**
   * Records and bytes (file size, header included) of the doc's log as this store knows it:
   * zero until the doc has been loaded or appended to in this session.
   */
  stats(docId: string): { records: number; bytes: number } {
    assertDocId(docId);
    return this.docs.get(docId)?.stats() ?? { records: 0, bytes: 0 };
  }

  /**
   * Deletes every doc's log (this laptop left the workspace): each log finishes what it has
   * queued and closes, then the files go and the folder is fsynced. The store stays open.
   */
  async removeAll(): Promise<void> {
    this.assertOpen();
    await this.inbox.stopMoving();
    await Promise.all([...this.docs.values()].map((log) => log.close()));
    await this.inbox.reset();
    this.docs.clear();
    this.logged.clear();
    // The inbox first: a crash part-way must not leave it to bring back docs whose logs went.
    await this.files.rm(join(this.docsDir, INBOX_FILE_NAME), { force: true });
    await this.dirSync.sync();
    for (const name of await this.files.readdir(this.docsDir)) await this.files.rm(join(this.docsDir, name), { force: true, recursive: true });
    await this.dirSync.sync();
  }

  /** Waits for everything already queued, then closes file handles. Later calls reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.inbox.stopMoving();
    await Promise.all([...this.docs.values()].map((log) => log.close()));
    await this.inbox.close();
  }

  private docLog(docId: string): DocLog {
    this.assertOpen();
    let log = this.docs.get(docId);
    if (!log) {
      log = new DocLog(docId, join(this.docsDir, logFileName(docId)), this.logger, this.files, this.dirSync, this.inbox, {
        absent: !this.logged.has(docId),
        onDidPlace: () => void this.logged.add(docId),
      });
      this.docs.set(docId, log);
    }
    return log;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('replica store is closed');
  }
}
