// What the peer's replica does when its disk is full (ENOSPC injected at the store's file
// layer): nothing is acknowledged that is not on disk, the edits the disk refused are kept and
// written by themselves once there is room, and a write cut short leaves no damaged log behind.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stateVectorCovers } from '../../renderer/src/link/link-client';
import { createLogger } from '../../electron/peer/logger';
import { Replica } from '../../electron/peer/replica';
import { ReplicaStore, type StoreWarning } from '../../electron/peer/store/replica-store';
import { docJson } from '../support/doc-hash';
import { FillableDisk } from '../support/fillable-disk';

const quiet = createLogger(() => undefined);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-disk-full-'));
  dirs.push(dir);
  return dir;
}

interface Opened {
  replica: Replica;
  acked: Map<string, Uint8Array>;
  failures: string[];
  writtenAgain: string[];
  warnings: StoreWarning[];
}

async function open(dir: string, disk?: FillableDisk, retryBackoffMs: readonly number[] = [20]): Promise<Opened> {
  const store = await ReplicaStore.open(dir, { logger: quiet, files: disk?.files });
  const opened: Opened = { replica: undefined as unknown as Replica, acked: new Map(), failures: [], writtenAgain: [], warnings: [] };
  opened.replica = new Replica(
    store,
    quiet,
    {
      onDidSave: (docId, sv) => opened.acked.set(docId, sv),
      onDidRecover: (warning) => opened.warnings.push(warning),
      onDidFailWrite: (_docId, error) => opened.failures.push((error as NodeJS.ErrnoException).code ?? error.message),
      onDidWriteAgain: (docId) => opened.writtenAgain.push(docId),
    },
    { retryBackoffMs },
  );
  return opened;
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const ackCovers = (opened: Opened, doc: Y.Doc) => stateVectorCovers(opened.acked.get(doc.guid), Y.encodeStateVector(doc));

async function reopenedJson(dir: string, docId: string): Promise<{ json: string; warnings: StoreWarning[] }> {
  const again = await open(dir);
  const json = docJson(await again.replica.open(docId));
  await again.replica.close();
  return { json, warnings: again.warnings };
}

it('edits made while the disk is full are not acknowledged, and are all written and acknowledged by themselves once space frees', async () => {
  const dir = tempDir();
  const disk = new FillableDisk();
  const opened = await open(dir, disk);
  const doc = await opened.replica.open('board');
  doc.getMap('cards').set('first', 'saved before the disk filled');
  await opened.replica.flush();
  expect(ackCovers(opened, doc)).toBe(true);

  disk.space = 0;
  for (let i = 0; i < 50; i++) doc.getMap('cards').set(`card-${i}`, `written while full ${i}`);
  await until(() => opened.failures.length >= 3); // it keeps trying
  expect(opened.failures.every((code) => code === 'ENOSPC')).toBe(true);
  expect(ackCovers(opened, doc)).toBe(false);
  expect(stateVectorCovers(await opened.replica.savedStateVector('board'), Y.encodeStateVector(doc))).toBe(false);
  expect(opened.replica.hasUnwritten()).toBe(true);

  disk.space = Infinity;
  await until(() => ackCovers(opened, doc));
  expect(opened.writtenAgain).toEqual(['board']);
  expect(opened.replica.hasUnwritten()).toBe(false);
  const expected = docJson(doc);
  await opened.replica.close();
  const reopened = await reopenedJson(dir, 'board');
  expect(reopened.json).toBe(expected);
  expect(reopened.warnings).toEqual([]);
});

it('an update that lands after an earlier one failed does not acknowledge the failed one', async () => {
  const dir = tempDir();
  const disk = new FillableDisk();
  const opened = await open(dir, disk, [300]);
  const doc = await opened.replica.open('board');
  doc.getMap('cards').set('first', 1);
  await opened.replica.flush();
  const before = opened.acked.get('board')!;

  // A's write is under way when B is made, so B is its own write behind it; the disk refuses A only.
  disk.hold();
  doc.getMap('cards').set('a', 'refused by the disk');
  await new Promise((resolve) => setTimeout(resolve, 20));
  doc.getMap('cards').set('b', 'fits');
  disk.failNextWrites = 1;
  disk.release();
  await opened.replica.flush();
  expect(disk.failedWrites).toBe(1);
  // B is on disk, but acknowledging the state after B would claim A too.
  expect(opened.acked.get('board')).toEqual(before);
  expect(await opened.replica.savedStateVector('board')).toEqual(before);

  await until(() => ackCovers(opened, doc));
  const expected = docJson(doc);
  await opened.replica.close();
  expect((await reopenedJson(dir, 'board')).json).toBe(expected);
});

it('a write cut short by a full disk leaves no torn record behind: nothing is set aside as damaged', async () => {
  const dir = tempDir();
  const disk = new FillableDisk();
  const opened = await open(dir, disk);
  const doc = await opened.replica.open('board');
  doc.getMap('cards').set('first', 1);
  await opened.replica.flush();

  disk.space = 100; // the next record is far bigger: the write takes 100 bytes, then ENOSPC
  doc.getMap('cards').set('long', 'x'.repeat(10_000));
  await until(() => opened.failures.length >= 1);
  disk.space = Infinity;
  await until(() => ackCovers(opened, doc));
  const expected = docJson(doc);
  await opened.replica.close();

  const reopened = await reopenedJson(dir, 'board');
  expect(reopened.json).toBe(expected);
  expect(reopened.warnings).toEqual([]);
  expect(readdirSync(join(dir, 'docs')).filter((name) => name.includes('damaged'))).toEqual([]);
});

it('a peer stopped while the disk is still full stops, and what it acknowledged is on disk', async () => {
  const dir = tempDir();
  const disk = new FillableDisk();
  const opened = await open(dir, disk, [60_000]);
  const doc = await opened.replica.open('board');
  doc.getMap('cards').set('acknowledged', 1);
  await opened.replica.flush();
  const acknowledged = Y.encodeStateAsUpdate(doc);

  disk.space = 0;
  doc.getMap('cards').set('never-acknowledged', 2);
  await until(() => opened.failures.length >= 1);
  await opened.replica.close(); // makes one last attempt, which fails, and does not wait for the disk

  const expected = new Y.Doc();
  Y.applyUpdate(expected, acknowledged);
  expect((await reopenedJson(dir, 'board')).json).toBe(docJson(expected));
});
