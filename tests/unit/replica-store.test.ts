// The replica store against real files in a temp folder: round trips, group commit, compaction,
// and every kind of damage a crash or a bad disk can leave (each must be set aside, never loaded).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ReplicaStore } from '../../electron/peer/store/replica-store';
import type { StoreLogger } from '../../electron/peer/store/replica-store';
import { logFileName } from '../../electron/peer/store/doc-file-names';
import { nodeFiles, type StoreFiles } from '../../electron/peer/store/store-files';

let dir: string;
let warned: { message: string; detail?: Record<string, unknown> }[];
const logger: StoreLogger = { info: () => undefined, warn: (message, detail) => void warned.push({ message, detail }) };
const opened: ReplicaStore[] = [];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-store-'));
  warned = [];
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((store) => store.close()));
  await fs.rm(dir, { recursive: true, force: true });
});

async function openStore(options: { compactEvery?: number } = {}): Promise<ReplicaStore> {
  const store = await ReplicaStore.open(dir, { logger, ...options });
  opened.push(store);
  return store;
}
async function reopen(store: ReplicaStore): Promise<ReplicaStore> {
  await store.close();
  return openStore();
}
/** Deterministic bytes, different for every (index, size). */
function update(index: number, size = 16 + ((index * 7919) % 3000)): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = (index + 1) * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x ^ (x << 13) ^ (x >>> 17) ^ (x << 5)) >>> 0;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
/** Hex per record: compares bytes exactly, and far faster than toEqual on typed arrays. */
const hex = (records: Uint8Array[]) => records.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('hex'));
const logOf = (docId: string) => path.join(dir, 'docs', logFileName(docId));
/** On-disk size of one record: 8-byte frame plus payload. */
const framed = (payload: Uint8Array) => 8 + payload.byteLength;

/** The prototype of the store's file handles, to count or fail their writes and fsyncs. */
async function fileHandlePrototype(): Promise<{ sync: () => Promise<void>; write: (...args: never[]) => Promise<unknown> }> {
  const handle = await nodeFiles.open(path.join(dir, 'probe'), 'w');
  await handle.close();
  return Object.getPrototypeOf(handle);
}

describe('ReplicaStore', () => {
  it('keeps many records, in order and byte-identical, across reopening', async () => {
    let store = await openStore();
    const expected = Array.from({ length: 300 }, (_, i) => update(i));
    for (const u of expected) await store.append('goal:q3', u);
    expect(store.stats('goal:q3').records).toBe(300);
    store = await reopen(store);
    const { updates, warnings } = await store.loadDoc('goal:q3');
    expect(warnings).toEqual([]);
    expect(hex(updates)).toEqual(hex(expected));
    expect(store.stats('goal:q3')).toEqual({ records: 300, bytes: 8 + expected.reduce((sum, u) => sum + framed(u), 0) });
    expect(await store.listDocIds()).toEqual(['goal:q3']);
  });

  it('group-commits 1,000 concurrent appends over three docs: one write and one fsync per doc, order kept', async () => {
    const store = await openStore();
    const docs = ['board-a', 'board-b', 'board-c'];
    for (const docId of docs) await store.append(docId, update(5000)); // create the files first
    const proto = await fileHandlePrototype();
    const syncs = vi.spyOn(proto, 'sync');
    const writes = vi.spyOn(proto, 'write');

    const resolved = new Map<string, number[]>(docs.map((docId) => [docId, []]));
    await Promise.all(Array.from({ length: 1000 }, (_, i) => {
      const docId = docs[i % 3]!;
      return store.append(docId, update(i)).then(() => resolved.get(docId)!.push(i));
    }));

    // Issued in one tick, so one batch per doc: one write and one fsync each, not a thousand.
    expect(syncs.mock.calls.length).toBe(docs.length);
    expect(writes.mock.calls.length).toBe(docs.length);
    const reopened = await reopen(store);
    for (const [d, docId] of docs.entries()) {
      const indices = Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 3 === d);
      expect(resolved.get(docId)).toEqual(indices);
      const { updates } = await reopened.loadDoc(docId);
      expect(hex(updates)).toEqual(hex([update(5000), ...indices.map((i) => update(i))]));
    }
  });

  it('a compaction replaces the log with one record that survives reopening', async () => {
    let store = await openStore();
    for (let i = 0; i < 20; i++) await store.append('kpi', update(i));
    const before = store.stats('kpi').bytes;
    await store.compact('kpi', update(999, 500));
    expect(store.stats('kpi')).toEqual({ records: 1, bytes: 8 + framed(update(999, 500)) });
    expect(before).toBeGreaterThan(store.stats('kpi').bytes);
    store = await reopen(store);
    expect(hex((await store.loadDoc('kpi')).updates)).toEqual(hex([update(999, 500)]));
    expect((await fs.readdir(path.join(dir, 'docs'))).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('appends racing a compaction are all kept: earlier ones folded into it, later ones after it', async () => {
    let store = await openStore();
    const racing: Promise<void>[] = [];
    for (let i = 0; i < 10; i++) racing.push(store.append('vote', update(i)));
    racing.push(store.compact('vote', update(1000)));
    for (let i = 10; i < 60; i++) racing.push(store.append('vote', update(i)));
    await Promise.all(racing);
    const after = Array.from({ length: 50 }, (_, i) => update(10 + i));
    expect(hex((await store.loadDoc('vote')).updates)).toEqual(hex([update(1000), ...after]));
    store = await reopen(store);
    expect(hex((await store.loadDoc('vote')).updates)).toEqual(hex([update(1000), ...after]));
  });

  describe('damage', () => {
    async function fiveRecords(): Promise<{ store: ReplicaStore; records: Uint8Array[] }> {
      const store = await openStore();
      const records = [0, 1, 2, 3, 4].map((i) => update(i));
      for (const u of records) await store.append('check-in', u);
      await store.close();
      return { store, records };
    }
    async function expectSetAside(warning: { setAsideFile: string; file: string }, damaged: Buffer): Promise<void> {
      expect(warning.file).toBe(logOf('check-in'));
      expect(path.dirname(warning.setAsideFile)).toBe(path.dirname(warning.file));
      expect(await fs.readFile(warning.setAsideFile)).toEqual(damaged);
    }

    it('a truncated tail record is dropped with a warning and the intact records are kept', async () => {
      const { records } = await fiveRecords();
      const full = await fs.readFile(logOf('check-in'));
      const damaged = full.subarray(0, full.length - 3);
      await fs.writeFile(logOf('check-in'), damaged);

      const store = await openStore();
      const { updates, warnings } = await store.loadDoc('check-in');
      expect(hex(updates)).toEqual(hex(records.slice(0, 4)));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ docId: 'check-in', kind: 'torn-tail', keptRecords: 4, droppedBytes: framed(records[4]!) - 3 });
      await expectSetAside(warnings[0]!, damaged);
      expect((await fs.stat(logOf('check-in'))).size).toBe(damaged.length - warnings[0]!.droppedBytes);
      expect(warned).toHaveLength(1);
      expect(warned[0]!.detail).toMatchObject({ docId: 'check-in', kind: 'torn-tail' });
    });

    it('a bit-flipped tail record is dropped with a warning, never loaded', async () => {
      const { records } = await fiveRecords();
      const damaged = await fs.readFile(logOf('check-in'));
      damaged[damaged.length - 5]! ^= 0x10;
      await fs.writeFile(logOf('check-in'), damaged);

      const store = await openStore();
      const { updates, warnings } = await store.loadDoc('check-in');
      expect(hex(updates)).toEqual(hex(records.slice(0, 4)));
      expect(warnings).toMatchObject([{ kind: 'bad-checksum', keptRecords: 4, droppedBytes: framed(records[4]!) }]);
      await expectSetAside(warnings[0]!, damaged);
      expect(warned).toHaveLength(1);
    });

    it('a bit-flipped middle record is dropped with everything after it, with a warning', async () => {
      const { records } = await fiveRecords();
      const damaged = await fs.readFile(logOf('check-in'));
      const thirdPayload = 8 + framed(records[0]!) + framed(records[1]!) + 8;
      damaged[thirdPayload + 3]! ^= 0x01;
      await fs.writeFile(logOf('check-in'), damaged);

      const store = await openStore();
      const { updates, warnings } = await store.loadDoc('check-in');
      expect(hex(updates)).toEqual(hex(records.slice(0, 2)));
      expect(warnings).toMatchObject([{ kind: 'bad-checksum', keptRecords: 2, droppedBytes: records.slice(2).reduce((sum, u) => sum + framed(u), 0) }]);
      await expectSetAside(warnings[0]!, damaged);
    });

    it('a foreign file is reported as bad-header, loads nothing, and is kept aside intact', async () => {
      await openStore();
      const foreign = Buffer.from('{"this is": "not a Tandem log at all"}\n');
      await fs.writeFile(logOf('check-in'), foreign);
      const store = await openStore();
      const { updates, warnings } = await store.loadDoc('check-in');
      expect(hex(updates)).toEqual(hex([]));
      expect(warnings).toMatchObject([{ kind: 'bad-header', keptRecords: 0, droppedBytes: foreign.length }]);
      await expectSetAside(warnings[0]!, foreign);
    });

    it('a zero-filled tail (the file grew but the data never landed) is dropped as torn', async () => {
      const { records } = await fiveRecords();
      await fs.appendFile(logOf('check-in'), Buffer.alloc(4096));
      const store = await openStore();
      const { updates, warnings } = await store.loadDoc('check-in');
      expect(hex(updates)).toEqual(hex(records));
      expect(warnings).toMatchObject([{ kind: 'torn-tail', droppedBytes: 4096, keptRecords: 5 }]);
    });

    it('a corrupt huge length field is treated as damage, not allocated', async () => {
      const { records } = await fiveRecords();
      const frame = Buffer.alloc(12, 0xab);
      frame.writeUInt32LE(0xfffffff0, 0);
      await fs.appendFile(logOf('check-in'), frame);
      const store = await openStore();
      const { updates, warnings } = await store.loadDoc('check-in');
      expect(hex(updates)).toEqual(hex(records));
      expect(warnings).toMatchObject([{ kind: 'bad-checksum', droppedBytes: 12 }]);
    });

    it('after recovery, new appends work and reload cleanly', async () => {
      const { records } = await fiveRecords();
      const full = await fs.readFile(logOf('check-in'));
      await fs.writeFile(logOf('check-in'), full.subarray(0, full.length - 1));
      let store = await openStore();
      expect((await store.loadDoc('check-in')).warnings).toHaveLength(1);
      await store.append('check-in', update(50));
      await store.append('check-in', update(51));
      store = await reopen(store);
      const { updates, warnings } = await store.loadDoc('check-in');
      expect(warnings).toEqual([]);
      expect(hex(updates)).toEqual(hex([...records.slice(0, 4), update(50), update(51)]));
    });

    it('an append to a damaged log repairs the tail first, so the new record is not lost behind garbage', async () => {
      const { records } = await fiveRecords();
      const full = await fs.readFile(logOf('check-in'));
      await fs.writeFile(logOf('check-in'), full.subarray(0, full.length - 10));
      let store = await openStore();
      await store.append('check-in', update(60)); // no loadDoc first
      expect((await store.loadDoc('check-in')).warnings).toMatchObject([{ kind: 'torn-tail', keptRecords: 4 }]);
      store = await reopen(store);
      expect(hex((await store.loadDoc('check-in')).updates)).toEqual(hex([...records.slice(0, 4), update(60)]));
    });

    it('a log from a newer format version is refused for reading, appending and compacting, and left untouched', async () => {
      await fiveRecords();
      const newer = await fs.readFile(logOf('check-in'));
      newer[7] = 2;
      await fs.writeFile(logOf('check-in'), newer);
      const store = await openStore();
      await expect(store.loadDoc('check-in')).rejects.toThrow(/format version 2/);
      await expect(store.append('check-in', update(9))).rejects.toThrow(/format version 2/);
      await expect(store.compact('check-in', update(9))).rejects.toThrow(/format version 2/);
      expect(await fs.readFile(logOf('check-in'))).toEqual(newer);
    });
  });

  it('a failed write or fsync rejects the append, and the store keeps working', async () => {
    let store = await openStore();
    await store.append('feedback', update(0));
    const proto = await fileHandlePrototype();
    vi.spyOn(proto, 'write').mockRejectedValueOnce(new Error('EIO: disk said no'));
    await expect(store.append('feedback', update(1))).rejects.toThrow(/disk said no/);
    vi.spyOn(proto, 'sync').mockRejectedValueOnce(new Error('EIO: fsync failed'));
    await expect(store.append('feedback', update(2))).rejects.toThrow(/fsync failed/);
    await store.append('feedback', update(3));
    store = await reopen(store);
    const { updates } = await store.loadDoc('feedback');
    // A record whose fsync failed may or may not have landed; the one whose write failed did not.
    expect([hex([update(0), update(3)]), hex([update(0), update(2), update(3)])]).toContainEqual(hex(updates));
  });

  it('doc ids map to files and back, even ids differing only in case', async () => {
    const store = await openStore();
    const ids = ['Goal', 'goal', 'a:b.c-d_e', '.', '..', 'x'.repeat(128)];
    for (const [i, docId] of ids.entries()) await store.append(docId, update(i));
    expect(await store.listDocIds()).toEqual([...ids].sort());
    for (const [i, docId] of ids.entries()) expect(hex((await store.loadDoc(docId)).updates)).toEqual(hex([update(i)]));
  });

  it('rejects doc ids outside the allowed alphabet and length', async () => {
    const store = await openStore();
    for (const bad of ['', 'a/b', '../etc', 'x'.repeat(129), 'with space', 'ü', 'a\\b']) {
      await expect(store.append(bad, update(0))).rejects.toThrow(/invalid doc id/);
      await expect(store.loadDoc(bad)).rejects.toThrow(/invalid doc id/);
      await expect(store.compact(bad, update(0))).rejects.toThrow(/invalid doc id/);
      expect(() => store.stats(bad)).toThrow(/invalid doc id/);
    }
    await expect(store.append('fine', new Uint8Array(0))).rejects.toThrow(/empty/);
    expect(await store.listDocIds()).toEqual([]);
  });

  it('close waits for pending appends, and appends after close reject', async () => {
    let store = await openStore();
    const pending = [0, 1, 2].map((i) => store.append('goal', update(i)));
    await store.close();
    await Promise.all(pending);
    await expect(store.append('goal', update(3))).rejects.toThrow(/closed/);
    await expect(store.loadDoc('goal')).rejects.toThrow(/closed/);
    store = await openStore();
    expect(hex((await store.loadDoc('goal')).updates)).toEqual(hex([update(0), update(1), update(2)]));
  });

  it('lists its docs and loads a doc it has no log of without reading the disk (the folder is listed once, at open)', async () => {
    const seed = await openStore();
    await seed.append('held', update(1));
    await seed.close();
    const reads: string[] = [];
    let listings = 0;
    const files: StoreFiles = {
      ...nodeFiles,
      readFile: (file) => (reads.push(path.basename(file)), nodeFiles.readFile(file)),
      readdir: (folder) => (listings++, nodeFiles.readdir(folder)),
    };
    const store = await ReplicaStore.open(dir, { logger, files });
    opened.push(store);
    expect(await store.loadDoc('new-board')).toEqual({ updates: [], warnings: [] });
    expect(reads).toEqual([]);
    await store.append('new-board', update(2));
    await store.compact('compacted', update(4));
    expect(await store.listDocIds()).toEqual(['compacted', 'held', 'new-board']);
    expect(hex((await store.loadDoc('new-board')).updates)).toEqual(hex([update(2)]));
    expect(hex((await store.loadDoc('held')).updates)).toEqual(hex([update(1)]));
    expect(reads).toEqual([logFileName('new-board'), logFileName('held')]);
    expect(listings).toBe(1);
    // Once every log is deleted, no doc has one.
    await store.removeAll();
    expect(await store.listDocIds()).toEqual([]);
    expect(await store.loadDoc('held')).toEqual({ updates: [], warnings: [] });
    expect(reads).toHaveLength(2);
    await store.append('held', update(3));
    expect(await store.listDocIds()).toEqual(['held']);
    const reopened = await reopen(store);
    expect(hex((await reopened.loadDoc('held')).updates)).toEqual(hex([update(3)]));
    expect(await reopened.listDocIds()).toEqual(['held']);
  });

  it('creates its folder with owner-only permissions', async () => {
    const nested = path.join(dir, 'fresh', 'data');
    const store = await ReplicaStore.open(nested, { logger });
    opened.push(store);
    expect(store.compactEvery).toBe(500);
    if (process.platform !== 'win32') expect((await fs.stat(nested)).mode & 0o777).toBe(0o700);
  });
});
