// The store's inbox: docs created in a burst (a cold sync of thousands of boards) are written
// together to one shared log instead of a new file each, acknowledged once it is fsynced, and moved
// to logs of their own when the store is quiet. What a person would notice if it went wrong: a
// board missing or changed after a restart, a crash or a full disk.
import { afterEach, beforeEach, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { logFileName } from '../../electron/peer/store/doc-file-names';
import { BURST_CREATIONS, INBOX_FILE_NAME } from '../../electron/peer/store/doc-inbox';
import { ReplicaStore, type ReplicaStoreOptions } from '../../electron/peer/store/replica-store';
import { nodeFiles, type StoreFiles } from '../../electron/peer/store/store-files';
import { FillableDisk } from '../support/fillable-disk';

let dir: string;
const opened: ReplicaStore[] = [];
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-inbox-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  await fs.rm(dir, { recursive: true, force: true });
});

const logger = { info: () => undefined, warn: () => undefined };
/** Long enough that nothing moves while a test looks at the inbox. */
const NEVER_QUIET = 60_000;
const HEADER_BYTES = 8;

async function open(options: ReplicaStoreOptions = {}): Promise<ReplicaStore> {
  const store = await ReplicaStore.open(dir, { logger, inboxQuietMs: NEVER_QUIET, ...options });
  opened.push(store);
  return store;
}

async function close(store: ReplicaStore): Promise<void> {
  opened.splice(opened.indexOf(store), 1);
  await store.close();
}

const update = (doc: number, n: number) => new Uint8Array([7, doc & 0xff, doc >> 8, n, 0xee]);
const hex = (updates: Uint8Array[]) => updates.map((u) => Buffer.from(u).toString('hex'));
const docIds = (count: number) => Array.from({ length: count }, (_, i) => `board-${String(i).padStart(3, '0')}`);
const docsDir = () => path.join(dir, 'docs');
const ownLogs = async () => (await fs.readdir(docsDir())).filter((name) => name.endsWith('.tlog') && name !== INBOX_FILE_NAME);
const inboxSize = async () => (await fs.stat(path.join(docsDir(), INBOX_FILE_NAME)).catch(() => undefined))?.size;

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Files the store creates (opened with `w`): a new log or the inbox is one, written under a temp name. */
function countingCreates(): { files: StoreFiles; creates: string[] } {
  const creates: string[] = [];
  return { creates, files: { ...nodeFiles, open: (file, flags, mode) => (flags === 'w' && creates.push(path.basename(file)), nodeFiles.open(file, flags, mode)) } };
}

it('50 boards created together are written to the inbox as one file, acknowledged, listed and loaded before any moves to its own log', async () => {
  const { files, creates } = countingCreates();
  const store = await open({ files });
  const ids = docIds(50);
  await Promise.all(ids.map((id, i) => store.append(id, update(i, 0))));
  // The first boards were on their way to logs of their own when the others came: those share the inbox.
  const first = ids.slice(0, BURST_CREATIONS).map(logFileName);
  expect(creates).toEqual([...first.map((name) => `${name}.tmp`), `${INBOX_FILE_NAME}.tmp`]);
  expect(await ownLogs()).toEqual(first);
  expect(await store.listDocIds()).toEqual(ids);
  for (const [i, id] of ids.entries()) expect(hex((await store.loadDoc(id)).updates)).toEqual(hex([update(i, 0)]));
  // A board in the inbox keeps its later edits there, in order.
  await store.append(ids[7]!, update(7, 1));
  expect(hex((await store.loadDoc(ids[7]!)).updates)).toEqual(hex([update(7, 0), update(7, 1)]));
  expect(creates).toHaveLength(BURST_CREATIONS + 1);
});

it('a large board created in a burst goes to its own log at once (the inbox would write it twice)', async () => {
  const store = await open();
  const ids = docIds(BURST_CREATIONS + 2);
  const large = new Uint8Array(300 * 1024).fill(9);
  const last = ids.length - 1;
  await Promise.all(ids.map((id, i) => store.append(id, i === last ? large : update(i, 0))));
  // The first boards go to their own logs, the next small one to the inbox, the large one to its own log.
  expect((await ownLogs()).sort()).toEqual([...ids.slice(0, BURST_CREATIONS), ids[last]!].map(logFileName).sort());
  expect(await store.listDocIds()).toEqual(ids);
  expect((await store.loadDoc(ids[last]!)).updates[0]?.byteLength).toBe(large.byteLength);
});

it('once the store is quiet every board moves to a log of its own and the inbox is cut back to its header; a reopen reads nothing from it', async () => {
  const store = await open({ inboxQuietMs: 50 });
  const ids = docIds(40);
  await Promise.all(ids.map((id, i) => store.append(id, update(i, 0))));
  await store.append(ids[3]!, update(3, 1));
  expect((await ownLogs()).length).toBeLessThan(40);
  await until(async () => (await ownLogs()).length === 40 && (await inboxSize()) === HEADER_BYTES);
  // Later edits go to the board's own log.
  await store.append(ids[3]!, update(3, 2));
  await close(store);
  const infos: string[] = [];
  const again = await open({ logger: { info: (message) => infos.push(message), warn: () => undefined } });
  expect(infos.filter((m) => m.includes('inbox'))).toEqual([]);
  expect(await again.listDocIds()).toEqual(ids);
  expect(hex((await again.loadDoc(ids[3]!)).updates)).toEqual(hex([update(3, 0), update(3, 1), update(3, 2)]));
  for (const [i, id] of ids.entries()) if (i !== 3) expect(hex((await again.loadDoc(id)).updates)).toEqual(hex([update(i, 0)]));
});

it('boards still in the inbox when the store closed (or the peer was killed) are listed, loaded and moved by the next open', async () => {
  const store = await open();
  const ids = docIds(30);
  await Promise.all(ids.map((id, i) => store.append(id, update(i, 0))));
  await close(store);
  expect(await ownLogs()).toHaveLength(BURST_CREATIONS);
  const again = await open({ inboxQuietMs: 50 });
  expect(await again.listDocIds()).toEqual(ids);
  for (const [i, id] of ids.entries()) expect(hex((await again.loadDoc(id)).updates)).toEqual(hex([update(i, 0)]));
  await until(async () => (await ownLogs()).length === 30 && (await inboxSize()) === HEADER_BYTES);
  for (const [i, id] of ids.entries()) expect(hex((await again.loadDoc(id)).updates)).toEqual(hex([update(i, 0)]));
});

it('a crash after the boards moved but before the inbox was emptied loads each record once', async () => {
  const store = await open({ inboxQuietMs: 50 });
  const ids = docIds(20);
  await Promise.all(ids.map((id, i) => store.append(id, update(i, 0))));
  const inboxBefore = await fs.readFile(path.join(docsDir(), INBOX_FILE_NAME));
  await until(async () => (await ownLogs()).length === 20 && (await inboxSize()) === HEADER_BYTES);
  await store.append(ids[5]!, update(5, 1));
  await close(store);
  // As if the peer died between the move and the emptying: the inbox still holds every board.
  await fs.writeFile(path.join(docsDir(), INBOX_FILE_NAME), inboxBefore);
  const again = await open();
  expect(await again.listDocIds()).toEqual(ids);
  expect(hex((await again.loadDoc(ids[5]!)).updates)).toEqual(hex([update(5, 0), update(5, 1)]));
  for (const [i, id] of ids.entries()) if (i !== 5) expect(hex((await again.loadDoc(id)).updates)).toEqual(hex([update(i, 0)]));
  expect(await inboxSize()).toBe(HEADER_BYTES);
});

it('a torn inbox tail loses only the record that was being written, and the damaged copy is kept beside it', async () => {
  const store = await open();
  const ids = docIds(12);
  await Promise.all(ids.slice(0, 10).map((id, i) => store.append(id, update(i, 0))));
  // Two more boards in a later write: the inbox's last record is theirs.
  await store.append(ids[10]!, update(10, 0));
  await store.append(ids[11]!, update(11, 0));
  await close(store);
  const inbox = path.join(docsDir(), INBOX_FILE_NAME);
  await fs.truncate(inbox, (await fs.stat(inbox)).size - 3);
  const warnings: string[] = [];
  const again = await open({ logger: { info: () => undefined, warn: (message) => warnings.push(message) } });
  expect(warnings).toHaveLength(1);
  expect((await fs.readdir(docsDir())).filter((name) => name.startsWith(`${INBOX_FILE_NAME}.damaged-`))).toHaveLength(1);
  expect(await again.listDocIds()).toEqual(ids.slice(0, 11));
  for (const [i, id] of ids.slice(0, 11).entries()) expect(hex((await again.loadDoc(id)).updates)).toEqual(hex([update(i, 0)]));
  expect((await again.loadDoc(ids[11]!)).updates).toEqual([]);
});

it('a full disk while writing the inbox acknowledges nothing, leaves no torn record, and the same edits are saved once there is room', async () => {
  const disk = new FillableDisk();
  const store = await open({ files: disk.files });
  const ids = docIds(10);
  await Promise.all(ids.slice(0, 5).map((id, i) => store.append(id, update(i, 0))));
  const sizeBefore = await inboxSize();
  disk.space = 7; // the next write takes 7 bytes, then the disk is full
  const results = await Promise.allSettled(ids.slice(5).map((id, i) => store.append(id, update(i + 5, 0))));
  expect(results.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
  expect(await inboxSize()).toBe(sizeBefore);
  expect(await store.listDocIds()).toEqual(ids.slice(0, 5));
  disk.space = Infinity;
  await Promise.all(ids.slice(5).map((id, i) => store.append(id, update(i + 5, 0))));
  await close(store);
  const warnings: string[] = [];
  const again = await open({ logger: { info: () => undefined, warn: (message) => warnings.push(message) } });
  expect(warnings).toEqual([]);
  expect(await again.listDocIds()).toEqual(ids);
  for (const [i, id] of ids.entries()) expect(hex((await again.loadDoc(id)).updates)).toEqual(hex([update(i, 0)]));
});

it('a board compacted while in the inbox gets its own log holding the state, and leaves the inbox', async () => {
  const store = await open({ inboxQuietMs: 50 });
  const ids = docIds(BURST_CREATIONS + 2);
  const staged = ids.length - 1;
  await Promise.all(ids.map((id, i) => store.append(id, update(i, 0))));
  expect(await ownLogs()).not.toContain(logFileName(ids[staged]!));
  await store.append(ids[staged]!, update(staged, 1));
  await store.compact(ids[staged]!, update(staged, 9));
  expect(await ownLogs()).toContain(logFileName(ids[staged]!));
  expect(hex((await store.loadDoc(ids[staged]!)).updates)).toEqual(hex([update(staged, 9)]));
  await store.append(ids[staged]!, update(staged, 10));
  await until(async () => (await ownLogs()).length === ids.length && (await inboxSize()) === HEADER_BYTES);
  await close(store);
  const again = await open();
  expect(hex((await again.loadDoc(ids[staged]!)).updates)).toEqual(hex([update(staged, 9), update(staged, 10)]));
});

it('leaving the workspace with boards in the inbox deletes them too: nothing comes back on reopen', async () => {
  const store = await open();
  await Promise.all(docIds(8).map((id, i) => store.append(id, update(i, 0))));
  await store.removeAll();
  expect(await store.listDocIds()).toEqual([]);
  expect(await inboxSize()).toBeUndefined();
  // The store stays open and makes a new inbox for the next burst.
  await Promise.all(docIds(3).map((id, i) => store.append(id, update(i, 1))));
  await close(store);
  const again = await open();
  expect(await again.listDocIds()).toEqual(docIds(3));
  expect(hex((await again.loadDoc('board-001')).updates)).toEqual(hex([update(1, 1)]));
});

it('when the directory fsync after a move fails, the inbox keeps its copy until a later fsync covers the new log', async () => {
  let failDirSyncs = 0;
  const files: StoreFiles = {
    ...nodeFiles,
    open: async (file, flags, mode) => {
      const handle = await nodeFiles.open(file, flags, mode);
      if (flags !== 'r' || !(await fs.stat(file)).isDirectory()) return handle;
      return {
        ...handle,
        write: handle.write.bind(handle),
        truncate: handle.truncate.bind(handle),
        close: handle.close.bind(handle),
        sync: async () => {
          if (failDirSyncs > 0) {
            failDirSyncs--;
            throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
          }
          await handle.sync();
        },
      };
    },
  };
  const warnings: string[] = [];
  const store = await open({ files, inboxQuietMs: 30, logger: { info: () => undefined, warn: (message) => warnings.push(message) } });
  const ids = docIds(BURST_CREATIONS + 2);
  const [a, b] = [BURST_CREATIONS, BURST_CREATIONS + 1];
  await Promise.all(ids.map((id, i) => store.append(id, update(i, 0))));
  expect(await inboxSize()).toBeGreaterThan(HEADER_BYTES);
  failDirSyncs = 1;
  await until(async () => (await ownLogs()).length === ids.length);
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(warnings.some((w) => w.includes('moving docs from the inbox'))).toBe(true);
  expect(await inboxSize()).toBeGreaterThan(HEADER_BYTES);
  // The next save of each board fsyncs the folder again, and only then does the inbox let its copy go.
  await store.append(ids[a]!, update(a, 1));
  await store.append(ids[b]!, update(b, 1));
  await until(async () => (await inboxSize()) === HEADER_BYTES);
  await close(store);
  const again = await open();
  expect(hex((await again.loadDoc(ids[a]!)).updates)).toEqual(hex([update(a, 0), update(a, 1)]));
  expect(hex((await again.loadDoc(ids[b]!)).updates)).toEqual(hex([update(b, 0), update(b, 1)]));
});
