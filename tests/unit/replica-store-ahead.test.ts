// A teammate's whole board for a doc that holds nothing here, while a window applies the same
// bytes (relayed ahead): the replica writes it to disk and acknowledges it first, and applies it
// in its own doc after the window's head start, or as soon as anything opens the doc. Nothing is
// acknowledged that is not on disk, nothing on disk is lost if the peer is killed in between, and
// the doc neither sleeps nor compacts while it lacks what its log holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stateVectorCovers } from '../../renderer/src/link/link-client';
import { createLogger } from '../../electron/peer/logger';
import { Replica, type ReplicaOptions } from '../../electron/peer/replica';
import { ReplicaStore } from '../../electron/peer/store/replica-store';
import { LinkConnection } from '../../electron/peer/link-connection';
import type { LinkTransport } from '../../electron/peer/transport';
import { encodeFrame, MessageType } from '../../shared/protocol/frame';
import * as syncProtocol from 'y-protocols/sync';
import { docJson } from '../support/doc-hash';
import { FillableDisk } from '../support/fillable-disk';

const quiet = createLogger(() => undefined);
const TEAMMATE = Object.freeze({ source: 'peer', peerId: 'p_teammate' });
const dirs: string[] = [];
const replicas: Replica[] = [];
afterEach(async () => {
  for (const replica of replicas.splice(0)) await replica.close().catch(() => undefined);
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-store-ahead-'));
  dirs.push(dir);
  return dir;
}

interface Opened {
  replica: Replica;
  store: ReplicaStore;
  saves: { docId: string; stateVector: Uint8Array; origin: unknown }[];
  failures: string[];
}

async function open(dir: string, options: ReplicaOptions = {}, disk?: FillableDisk): Promise<Opened> {
  const store = await ReplicaStore.open(dir, { logger: quiet, files: disk?.files });
  const opened: Opened = { replica: undefined as unknown as Replica, store, saves: [], failures: [] };
  opened.replica = new Replica(
    store,
    quiet,
    {
      onDidSave: (docId, stateVector, origin) => opened.saves.push({ docId, stateVector, origin }),
      onDidRecover: () => undefined,
      onDidFailWrite: (_docId, error) => opened.failures.push((error as NodeJS.ErrnoException).code ?? error.message),
    },
    { retryBackoffMs: [20], ...options },
  );
  replicas.push(opened.replica);
  return opened;
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A teammate's board: its doc, and its whole state as their peer sends it to a side that has none. */
function teammateBoard(cards = 200): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let i = 0; i < cards; i++) doc.getMap('cards').set(`card-${i}`, `what user ${i} asked for`);
  });
  doc.getMap('notes').set('text', new Y.Text('written on the teammate’s laptop'));
  return { doc, update: Y.encodeStateAsUpdate(doc) };
}

const lastSave = (opened: Opened, docId: string) => opened.saves.filter((s) => s.docId === docId).at(-1);

it('writes the board to disk and acknowledges it before the doc applies it, then applies it once, after the head start, without writing it again', async () => {
  const dir = tempDir();
  const opened = await open(dir, { storeAheadHeadStartMs: 1_500 });
  const doc = await opened.replica.open('board');
  const board = teammateBoard();
  let applied = 0;
  expect(opened.replica.storeAhead('board', board.update, TEAMMATE, () => applied++)).toBe(true);
  await opened.replica.flush();
  // On disk and acknowledged to the teammate who sent it, with the state the bytes carry.
  const save = lastSave(opened, 'board');
  expect(save?.origin).toBe(TEAMMATE);
  expect(stateVectorCovers(save?.stateVector, Y.encodeStateVector(board.doc))).toBe(true);
  expect((await opened.store.loadDoc('board')).updates).toHaveLength(1);
  // …while the doc has not applied it yet: the window goes first.
  expect(doc.getMap('cards').size).toBe(0);
  expect(applied).toBe(0);
  await until(() => applied === 1);
  expect(docJson(doc)).toBe(docJson(board.doc));
  await opened.replica.flush();
  // Its own report of the bytes was not appended again.
  expect((await opened.store.loadDoc('board')).updates).toHaveLength(1);
  expect(applied).toBe(1);
});

it('is applied before anything opens the doc, however long the head start', async () => {
  const opened = await open(tempDir(), { storeAheadHeadStartMs: 60_000 });
  const doc = await opened.replica.open('board');
  const board = teammateBoard();
  let applied = 0;
  expect(opened.replica.storeAhead('board', board.update, TEAMMATE, () => applied++)).toBe(true);
  expect(await opened.replica.open('board')).toBe(doc);
  expect(applied).toBe(1);
  expect(docJson(doc)).toBe(docJson(board.doc));
  opened.replica.settle('board'); // nothing left to apply
  expect(applied).toBe(1);
});

it('is on disk if the peer is killed after acknowledging it and before applying it', async () => {
  const dir = tempDir();
  const opened = await open(dir, { storeAheadHeadStartMs: 60_000 });
  await opened.replica.open('board');
  const board = teammateBoard();
  opened.replica.storeAhead('board', board.update, TEAMMATE, () => undefined);
  await until(() => lastSave(opened, 'board') !== undefined);
  // No close (it would apply what waits): the next start reads what the disk holds.
  const next = await open(dir);
  expect(docJson(await next.replica.open('board'))).toBe(docJson(board.doc));
});

it('acknowledges an edit made in the doc while the board waits with the board’s state too, and merges both', async () => {
  const opened = await open(tempDir(), { storeAheadHeadStartMs: 60_000 });
  const doc = await opened.replica.open('board');
  const board = teammateBoard();
  opened.replica.storeAhead('board', board.update, TEAMMATE, () => undefined);
  // An edit that reached the doc another way meanwhile (the relay between offices applies to the doc it holds).
  doc.getMap('cards').set('from-another-office', 'a card of its own');
  await opened.replica.flush();
  const save = lastSave(opened, 'board');
  expect(stateVectorCovers(save?.stateVector, Y.encodeStateVector(board.doc))).toBe(true);
  expect(stateVectorCovers(save?.stateVector, Y.encodeStateVector(doc))).toBe(true);
  opened.replica.settle('board');
  expect(doc.getMap('cards').size).toBe(201);
  expect(doc.getMap('notes').get('text')?.toString()).toBe('written on the teammate’s laptop');
});

it('keeps the doc awake while the board waits, and lets it sleep once applied', async () => {
  const opened = await open(tempDir(), { storeAheadHeadStartMs: 60_000, dormantAfterMs: 10 });
  const doc = await opened.replica.open('board');
  const board = teammateBoard();
  opened.replica.storeAhead('board', board.update, TEAMMATE, () => undefined);
  await opened.replica.flush();
  await new Promise((resolve) => setTimeout(resolve, 30));
  opened.replica.sweep(Date.now() + 1_000);
  // Asleep now, it would be kept as the empty doc's state, not the board its log holds.
  expect(opened.replica.dormantDoc('board')).toBeUndefined();
  expect(opened.replica.loadedDoc('board')).toBe(doc);
  opened.replica.settle('board');
  opened.replica.sweep(Date.now() + 1_000);
  const dormant = opened.replica.dormantDoc('board');
  expect(dormant).toBeDefined();
  expect(stateVectorCovers(dormant?.stateVector, Y.encodeStateVector(board.doc))).toBe(true);
  expect(docJson(await opened.replica.open('board'))).toBe(docJson(board.doc));
});

it('does not compact the log while the board waits: the doc’s state then would replace the board on disk', async () => {
  const dir = tempDir();
  const opened = await open(dir, { storeAheadHeadStartMs: 60_000 });
  const doc = await opened.replica.open('board');
  const board = teammateBoard();
  opened.replica.storeAhead('board', board.update, TEAMMATE, () => undefined);
  // More records than the replica compacts after, each written on its own, while the board waits.
  for (let i = 0; i < 600; i++) doc.getMap('elsewhere').set(`edit-${i}`, i);
  await opened.replica.flush();
  // Killed before applying it: what the disk holds is the board and the edits.
  const next = await open(dir);
  const reopened = await next.replica.open('board');
  expect(reopened.getMap('cards').size).toBe(200);
  expect(reopened.getMap('elsewhere').size).toBe(600);
});

it('writes the board once and acknowledges it only once on disk when the doc is opened before its write lands', async () => {
  const opened = await open(tempDir(), { storeAheadHeadStartMs: 60_000 });
  const doc = await opened.replica.open('board');
  const board = teammateBoard();
  opened.replica.storeAhead('board', board.update, TEAMMATE, () => undefined);
  await opened.replica.open('board');
  expect(docJson(doc)).toBe(docJson(board.doc));
  expect(lastSave(opened, 'board')).toBeUndefined();
  await opened.replica.flush();
  expect(stateVectorCovers(lastSave(opened, 'board')?.stateVector, Y.encodeStateVector(board.doc))).toBe(true);
  expect((await opened.store.loadDoc('board')).updates).toHaveLength(1);
});

it('writes a teammate’s later edit that waited in the doc for the board once the board goes in', async () => {
  const dir = tempDir();
  const opened = await open(dir, { storeAheadHeadStartMs: 60_000 });
  const doc = await opened.replica.open('board');
  const board = teammateBoard();
  opened.replica.storeAhead('board', board.update, TEAMMATE, () => undefined);
  // The teammate's next edit builds on the board: in a doc without it, it waits for it.
  const before = Y.encodeStateVector(board.doc);
  (board.doc.getMap('notes').get('text') as Y.Text).insert(0, 'Edited: ');
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(board.doc, before), TEAMMATE);
  expect(doc.store.pendingStructs).not.toBeNull();
  opened.replica.settle('board');
  await opened.replica.flush();
  expect(stateVectorCovers(lastSave(opened, 'board')?.stateVector, Y.encodeStateVector(board.doc))).toBe(true);
  // Killed now: the disk holds the edit, not only the board.
  const next = await open(dir);
  expect(docJson(await next.replica.open('board'))).toBe(docJson(board.doc));
});

it('goes in before a window’s frame for the doc is read', async () => {
  const opened = await open(tempDir(), { storeAheadHeadStartMs: 60_000 });
  const docId = 'b_board0000000001';
  const listeners: ((frame: Uint8Array) => void)[] = [];
  const transport: LinkTransport = { send: () => undefined, close: () => undefined, onMessage: (l) => listeners.push(l), onClose: () => undefined };
  new LinkConnection(
    {
      logger: quiet,
      hello: () => ({ protocol: 1, appVersion: '0.0.0-test', peerId: 'p_test', workspace: { id: 'w_test', memberId: 'm_mei' }, notices: [] }),
      openDoc: (id) => opened.replica.open(id),
      settleDoc: (id) => opened.replica.settle(id),
      holdDoc: (id) => opened.replica.hold(id),
      holdsWorkspace: () => true,
      savedStateVector: (id) => opened.replica.savedStateVector(id),
      handleRequest: async () => undefined,
      onDidProtocolError: () => undefined,
    },
    transport,
    'w1',
  );
  const window = new Y.Doc();
  listeners.forEach((l) => l(encodeFrame(docId, MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, window))));
  await until(() => opened.replica.loadedDoc(docId) !== undefined);
  const doc = opened.replica.loadedDoc(docId) as Y.Doc;
  const board = teammateBoard();
  let applied = 0;
  expect(opened.replica.storeAhead(docId, board.update, TEAMMATE, () => applied++)).toBe(true);
  // The window, which has the board (relayed ahead), moves a card: the peer's doc takes the board first.
  Y.applyUpdate(window, board.update);
  const before = Y.encodeStateVector(window);
  window.getMap('cards').set('card-1', 'moved by the window');
  const edit = Y.encodeStateAsUpdate(window, before);
  listeners.forEach((l) => l(encodeFrame(docId, MessageType.sync, (e) => syncProtocol.writeUpdate(e, edit))));
  await until(() => doc.getMap('cards').get('card-1') === 'moved by the window');
  expect(applied).toBe(1);
  expect(doc.store.pendingStructs).toBeNull();
});

it('acknowledges neither the board nor an edit after it while the disk refuses the board, and writes both once there is room', async () => {
  const dir = tempDir();
  const disk = new FillableDisk();
  const opened = await open(dir, { storeAheadHeadStartMs: 60_000 }, disk);
  const doc = await opened.replica.open('board');
  const board = teammateBoard();
  disk.space = 0;
  opened.replica.storeAhead('board', board.update, TEAMMATE, () => undefined);
  doc.getMap('elsewhere').set('mine', 'typed while the board was being written');
  await until(() => opened.failures.length >= 2);
  expect(lastSave(opened, 'board')).toBeUndefined();
  disk.space = Infinity;
  await until(() => stateVectorCovers(lastSave(opened, 'board')?.stateVector, Y.encodeStateVector(doc)));
  expect(stateVectorCovers(lastSave(opened, 'board')?.stateVector, Y.encodeStateVector(board.doc))).toBe(true);
  await opened.replica.close();
  const next = await open(dir);
  const reopened = await next.replica.open('board');
  expect(reopened.getMap('cards').size).toBe(200);
  expect(reopened.getMap('elsewhere').get('mine')).toBe('typed while the board was being written');
});

it('is not taken for a doc that holds anything, nor for bytes that carry no state of their own', async () => {
  const opened = await open(tempDir());
  const held = await opened.replica.open('held');
  held.getMap('cards').set('mine', 'already here');
  const board = teammateBoard();
  expect(opened.replica.storeAhead('held', board.update, TEAMMATE, () => undefined)).toBe(false);
  await opened.replica.open('empty');
  // A teammate's later edit alone: it starts past clock 0, so it holds no state to acknowledge (applied, it would wait for its predecessors).
  const before = Y.encodeStateVector(board.doc);
  board.doc.getMap('cards').set('next', 'a later edit');
  const later = Y.encodeStateAsUpdate(board.doc, before);
  expect(opened.replica.storeAhead('empty', later, TEAMMATE, () => undefined)).toBe(false);
  expect(opened.replica.storeAhead('empty', new Uint8Array([7, 7, 7]), TEAMMATE, () => undefined)).toBe(false);
  // Not opened here: nothing relayed it to a window.
  expect(opened.replica.storeAhead('never-opened', board.update, TEAMMATE, () => undefined)).toBe(false);
  expect(opened.saves.filter((s) => s.docId !== 'held')).toEqual([]);
});

it('applies the board at once when the disk refuses it, and writes it with the retry once there is room', async () => {
  const dir = tempDir();
  const disk = new FillableDisk();
  const opened = await open(dir, { storeAheadHeadStartMs: 60_000 }, disk);
  const doc = await opened.replica.open('board');
  const board = teammateBoard();
  let applied = 0;
  disk.space = 0;
  expect(opened.replica.storeAhead('board', board.update, TEAMMATE, () => applied++)).toBe(true);
  await until(() => opened.failures.length >= 1);
  expect(opened.failures[0]).toBe('ENOSPC');
  // Not acknowledged; the doc holds it, so the retry has it to write.
  expect(lastSave(opened, 'board')).toBeUndefined();
  expect(applied).toBe(1);
  expect(docJson(doc)).toBe(docJson(board.doc));
  disk.space = Infinity;
  await until(() => lastSave(opened, 'board') !== undefined);
  expect(stateVectorCovers(lastSave(opened, 'board')?.stateVector, Y.encodeStateVector(board.doc))).toBe(true);
  await opened.replica.close();
  const next = await open(dir);
  expect(docJson(await next.replica.open('board'))).toBe(docJson(board.doc));
});
