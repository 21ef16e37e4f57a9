// The `idb-load` bench page (bundled with yjs and y-indexeddb into one script): it seeds
// IndexedDB the way y-indexeddb lays it out, and measures opening the board to its first
// painted screenful, from IndexedDB or, as the baseline, from an update already in memory.
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { openDocCache } from '../../../renderer/src/docs/open-doc-cache';
import { EDITABLE_FIELDS, ROW_FIELDS, SCREENFUL_ROWS, STATUSES } from '../support/board-fields';
import { SeededRandom } from '../support/prng';
import type { IdbDatabaseState, IdbLoadPageApi, PaintTiming } from './idb-load-api';

const UPDATES = 'updates';

const requested = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

const committed = (transaction: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
  });

/** Opens `name` with y-indexeddb's schema (created if new), as y-indexeddb itself would. */
function openDatabase(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name);
  request.onupgradeneeded = () => {
    request.result.createObjectStore(UPDATES, { autoIncrement: true });
    request.result.createObjectStore('custom');
  };
  return requested(request);
}

async function deleteDatabase(name: string): Promise<void> {
  await requested(indexedDB.deleteDatabase(name) as IDBRequest<unknown>);
}

async function describeDatabase(name: string): Promise<IdbDatabaseState> {
  const db = await openDatabase(name);
  try {
    const store = db.transaction(UPDATES, 'readonly').objectStore(UPDATES);
    const [keys, values] = await Promise.all([requested(store.getAllKeys()), requested(store.getAll())]);
    const bytes = (values as Uint8Array[]).reduce((sum, update) => sum + update.byteLength, 0);
    return { rows: keys.length, lastKey: Number(keys[keys.length - 1] ?? 0), bytes };
  } finally {
    db.close();
  }
}

async function fetchBoard(): Promise<Uint8Array> {
  const response = await fetch('/board.bin');
  if (!response.ok) throw new Error(`/board.bin: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The first screenful of cards by order key, title/status/owner, into `#board`. Returns the card count. */
function renderFirstScreen(doc: Y.Doc): number {
  const items = doc.getMap<Y.Map<unknown>>('items');
  const ordered: { order: string; id: string; card: Y.Map<unknown> }[] = [];
  items.forEach((card, id) => ordered.push({ order: String(card.get('order')), id, card }));
  ordered.sort((a, b) => (a.order !== b.order ? (a.order < b.order ? -1 : 1) : a.id < b.id ? -1 : 1));
  const rows = document.createDocumentFragment();
  for (const { card } of ordered.slice(0, SCREENFUL_ROWS)) {
    const row = document.createElement('div');
    row.className = 'card';
    for (const field of ROW_FIELDS) {
      const cell = document.createElement('span');
      cell.textContent = String(card.get(field) ?? '');
      row.append(cell);
    }
    rows.append(row);
  }
  const board = document.getElementById('board');
  if (!board) throw new Error('the bench page has no #board');
  board.replaceChildren(rows);
  return items.size;
}

/**
 * Resolves once the frame after the render has been painted: a task posted from the next
 * animation frame runs after that frame's paint, which a bare rAF callback (run before it)
 * would not wait for.
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
}

/**
 * Starts the clock for an open of `doc`. Both y-indexeddb and the baseline apply everything
 * in one transaction (the doc's first), whose start and end split the time into phases.
 * Yjs encodes that transaction as an update only if the doc has `update` listeners; the app's
 * open (`openDocCache`) has none while it loads, so `listenerAdded` is for opens that do: timing
 * its end then adds no encoding of ours.
 */
function startOpen(doc: Y.Doc): { listenerAdded(): void; finish(): Promise<PaintTiming> } {
  const started = performance.now();
  let applyStarted = started;
  let applyEnded = started;
  let updateEmitted: number | undefined;
  doc.once('beforeTransaction', () => (applyStarted = performance.now()));
  doc.once('afterTransactionCleanup', () => (applyEnded = performance.now()));
  return {
    listenerAdded: () => doc.once('update', () => (updateEmitted = performance.now())),
    async finish() {
      const cards = renderFirstScreen(doc);
      await afterNextPaint();
      const ended = performance.now();
      const applied = updateEmitted ?? applyEnded;
      const phases = { read: applyStarted - started, apply: applyEnded - applyStarted, updateEvent: applied - applyEnded, paint: ended - applied };
      return { ms: ended - started, cards, firstRow: document.querySelector('#board .card')?.textContent ?? '', phases };
    },
  };
}

const api: IdbLoadPageApi = {
  async seedCompacted({ dbName }) {
    const board = await fetchBoard();
    await deleteDatabase(dbName);
    const db = await openDatabase(dbName);
    try {
      const transaction = db.transaction(UPDATES, 'readwrite');
      transaction.objectStore(UPDATES).add(board);
      await committed(transaction);
    } finally {
      db.close();
    }
    return describeDatabase(dbName);
  },

  async addHistory({ dbName, cycles, editsPerCycle, seed }) {
    const rng = new SeededRandom(seed);
    for (let cycle = 0; cycle < cycles; cycle++) {
      const doc = new Y.Doc();
      doc.clientID = 1 + rng.int(2 ** 31 - 1); // each session is a new client, as in the app
      const persistence = new IndexeddbPersistence(dbName, doc);
      // Keep y-indexeddb's idle trim (≥ 500 rows, 1 s after the last edit) from running, as
      // when the window closes right after editing, so the row count does not depend on speed.
      persistence._storeTimeout = 10 * 60_000;
      await persistence.whenSynced;
      const items = doc.getMap<Y.Map<unknown>>('items');
      const ids = [...items.keys()].sort();
      for (let edit = 0; edit < editsPerCycle; edit++) {
        const card = items.get(rng.pick(ids)) as Y.Map<unknown>;
        const field = rng.pick(EDITABLE_FIELDS);
        const value = field === 'status' ? rng.pick(STATUSES) : field === 'owner' ? items.get(rng.pick(ids))?.get('owner') : rng.between(1, 5);
        card.set(field, value); // its own transaction, so its own IndexedDB row
      }
      // A read-only transaction on `updates` starts only after every write queued before it.
      if (persistence.db) await committed(persistence.db.transaction(UPDATES, 'readonly'));
      await persistence.destroy();
      doc.destroy();
    }
    return describeDatabase(dbName);
  },

  async openFromIndexedDb({ dbName, keepThroughKey }) {
    const doc = new Y.Doc();
    const open = startOpen(doc);
    // The app's open: no update listener while the cache loads (its write path comes after), so
    // Yjs does not encode the loaded state again; the 'update event' phase is then zero.
    const persistence = openDocCache(dbName, doc);
    await persistence.whenSynced;
    const timing = await open.finish();
    await persistence.destroy();
    doc.destroy();
    // y-indexeddb adds a row on every open; drop it so every measured open sees the same rows.
    const db = await openDatabase(dbName);
    try {
      const transaction = db.transaction(UPDATES, 'readwrite');
      transaction.objectStore(UPDATES).delete(IDBKeyRange.lowerBound(keepThroughKey, true));
      await committed(transaction);
    } finally {
      db.close();
    }
    return timing;
  },

  async openFromMemory() {
    const board = await fetchBoard();
    const doc = new Y.Doc();
    const open = startOpen(doc);
    Y.applyUpdate(doc, board);
    const timing = await open.finish();
    doc.destroy();
    return timing;
  },
};

window.tandemIdbBench = api;
