// A new doc's log is a new directory entry, and ext4/xfs may forget one on power loss until the
// folder itself is fsynced: the store acknowledges a doc's first record only after a directory
// fsync that began after the log was renamed into place, and docs created together share those
// fsyncs (group commit for directory entries) instead of paying one each.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { logFileName } from '../../electron/peer/store/doc-file-names';
import { BURST_CREATIONS, INBOX_FILE_NAME } from '../../electron/peer/store/doc-inbox';
import { ReplicaStore } from '../../electron/peer/store/replica-store';
import { nodeFiles, type StoreFiles } from '../../electron/peer/store/store-files';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-dirsync-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

type Event = { kind: 'rename'; to: string } | { kind: 'dir-sync-start'; id: number } | { kind: 'dir-sync-end'; id: number } | { kind: 'ack'; docId: string };

/** Node's fs, recording renames and directory fsyncs in order; `holdDirSyncs` parks directory fsyncs until released. */
class RecordingFiles {
  readonly events: Event[] = [];
  private held: (() => void)[] | null = null;
  /** The next directory fsync fails with EIO. */
  failNextDirSync = false;
  private nextSync = 1;

  readonly files: StoreFiles = {
    ...nodeFiles,
    rename: async (from, to) => {
      await nodeFiles.rename(from, to);
      this.events.push({ kind: 'rename', to: path.basename(to) });
    },
    open: async (file, flags, mode) => {
      const handle = await nodeFiles.open(file, flags, mode);
      if (flags !== 'r' || !(await fs.stat(file)).isDirectory()) return handle;
      return {
        write: handle.write.bind(handle),
        truncate: handle.truncate.bind(handle),
        close: handle.close.bind(handle),
        sync: async () => {
          const id = this.nextSync++;
          this.events.push({ kind: 'dir-sync-start', id });
          if (this.held) await new Promise<void>((resolve) => this.held?.push(resolve));
          if (this.failNextDirSync) {
            this.failNextDirSync = false;
            throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
          }
          await handle.sync();
          this.events.push({ kind: 'dir-sync-end', id });
        },
      };
    },
  };

  holdDirSyncs(): void {
    this.held = [];
  }

  releaseDirSyncs(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const resolve of held) resolve();
  }

  get dirSyncs(): number {
    return this.events.filter((e) => e.kind === 'dir-sync-start').length;
  }
}

const record = (i: number) => new Uint8Array([1, 2, 3, i & 0xff, (i >> 8) & 0xff]);
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a new doc’s directory entry', () => {
  it("a new doc's first save is acknowledged only after a directory fsync that began after its log was renamed into place", async () => {
    const disk = new RecordingFiles();
    const store = await ReplicaStore.open(dir, { files: disk.files, logger: { info: () => undefined, warn: () => undefined } });
    disk.events.length = 0; // opening made the folders durable
    disk.holdDirSyncs();
    let acked = false;
    const append = store.append('board-new', record(1)).then(() => (acked = true));
    for (let i = 0; i < 50 && !disk.events.some((e) => e.kind === 'dir-sync-start'); i++) await tick();
    expect(disk.events.map((e) => e.kind)).toEqual(['rename', 'dir-sync-start']);
    await tick();
    expect(acked).toBe(false);
    disk.releaseDirSyncs();
    await append;
    expect(acked).toBe(true);
    // Later records of the same doc need no directory fsync: its entry is durable already.
    const before = disk.dirSyncs;
    await store.append('board-new', record(2));
    expect(disk.dirSyncs).toBe(before);
    await store.close();
    const again = await ReplicaStore.open(dir);
    expect((await again.loadDoc('board-new')).updates).toEqual([record(1), record(2)]);
    await again.close();
  });

  it('50 docs created together (the first few in their own logs, the rest in the inbox) share two directory fsyncs, and each is acknowledged after one that covers the file it is in', async () => {
    const disk = new RecordingFiles();
    const store = await ReplicaStore.open(dir, { files: disk.files, logger: { info: () => undefined, warn: () => undefined } });
    const startEvents = disk.events.length;
    disk.holdDirSyncs();
    const docIds = Array.from({ length: 50 }, (_, i) => `board-${i}`);
    const appends = docIds.map((docId, i) => store.append(docId, record(i)).then(() => disk.events.push({ kind: 'ack', docId })));
    // The first logs' directory fsync is held while the inbox holding the others is put in place.
    const ownLogs = docIds.slice(0, BURST_CREATIONS).map(logFileName);
    for (let i = 0; i < 100 && disk.events.filter((e) => e.kind === 'rename').length < ownLogs.length + 1; i++) await tick();
    disk.releaseDirSyncs();
    await Promise.all(appends);
    const events = disk.events.slice(startEvents);
    // They are written at once: any may be renamed into place first.
    expect(events.flatMap((e) => (e.kind === 'rename' ? [e.to] : [])).sort()).toEqual([...ownLogs, INBOX_FILE_NAME].sort());
    expect(events.filter((e) => e.kind === 'dir-sync-start').length).toBeLessThanOrEqual(2);
    for (const [i, docId] of docIds.entries()) {
      const file = i < BURST_CREATIONS ? logFileName(docId) : INBOX_FILE_NAME;
      const renamedAt = events.findIndex((e) => e.kind === 'rename' && e.to === file);
      expect(renamedAt, `doc ${i}`).toBeGreaterThanOrEqual(0);
      const ackedAt = events.findIndex((e) => e.kind === 'ack' && e.docId === docId);
      const covering = events.findIndex((e, at) => e.kind === 'dir-sync-start' && at > renamedAt && events.findIndex((end) => end.kind === 'dir-sync-end' && end.id === e.id) < ackedAt);
      expect(covering, `doc ${i}`).toBeGreaterThan(renamedAt);
    }
    await store.close();
    const again = await ReplicaStore.open(dir);
    expect(await again.listDocIds()).toEqual([...docIds].sort());
    await again.close();
  });

  it('when the directory fsync fails the first save is not acknowledged, and the next one is only after the directory is fsynced', async () => {
    const disk = new RecordingFiles();
    const store = await ReplicaStore.open(dir, { files: disk.files, logger: { info: () => undefined, warn: () => undefined } });
    disk.events.length = 0;
    disk.failNextDirSync = true;
    await expect(store.append('board-new', record(1))).rejects.toThrow(/EIO/);
    await store.append('board-new', record(2));
    expect(disk.events.map((e) => e.kind)).toEqual(['rename', 'dir-sync-start', 'dir-sync-start', 'dir-sync-end']);
    await store.close();
  });
});
