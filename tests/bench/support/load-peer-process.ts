// The load-peer row's timed work, each run in a new Node process, as a peer opening a board at
// start does it: cold JIT, and a heap holding nothing but the board (the bench process holds the
// generated board and its whole edit history, up to a gigabyte at 30k, whose major GCs landed in
// whatever it timed). Reading the input and starting up are off the clock, and so is a warm-up
// on a small doc of a few hundred items — a peer opens the workspace doc before any board — made
// the same way on both sides: the baseline applies it, the replica opens it from a store of its own.
// Prints one JSON line.
//   apply <stateFile>          Y.applyUpdate of the state into a new Y.Doc (the row's baseline)
//   open <storeDir> <docId>    new Replica → open(doc): read, checksums, apply of every record
//   read <storeDir> <docId>    ReplicaStore.loadDoc alone (read + checksums)
// Run as a script only: the row imports nothing from it but its result's type.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { PeerLogger } from '../../../electron/peer/logger';
import { Replica } from '../../../electron/peer/replica';
import { ReplicaStore, type StoreLogger, type StoreWarning } from '../../../electron/peer/store/replica-store';

export interface LoadPeerResult {
  readonly ms: number;
  /** For `open`: the doc's item count and state vector (base64), to check it is the board. */
  readonly items?: number;
  readonly stateVector?: string;
  readonly warnings?: number;
}

const quiet: PeerLogger & StoreLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A small doc's update, with the kinds of content a board holds. */
function smallDoc(): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let i = 0; i < 300; i++) {
      const item = new Y.Map<unknown>();
      item.set('title', new Y.Text(`warm-up item ${i}`));
      item.set('votes', i);
      doc.getMap('items').set(`i${i}`, item);
    }
  });
  for (let i = 0; i < 100; i++) (doc.getMap('items').get(`i${i}`) as Y.Map<unknown>).set('votes', i + 1);
  return Y.encodeStateAsUpdate(doc);
}

/** Opens a small doc through its own store and replica, as a peer opens the workspace doc first. */
async function warmUpReplica(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-load-peer-warm-'));
  try {
    const store = await ReplicaStore.open(dir, { logger: quiet });
    await store.append('warm.doc', smallDoc());
    await store.close();
    const reopened = await ReplicaStore.open(dir, { logger: quiet });
    const replica = new Replica(reopened, quiet, { onDidSave: () => undefined, onDidRecover: () => undefined, onDidFailWrite: () => undefined });
    await replica.open('warm.doc');
    await replica.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(mode: string, path: string, docId: string): Promise<LoadPeerResult> {
  if (mode === 'apply') {
    Y.applyUpdate(new Y.Doc(), smallDoc());
    const state = new Uint8Array(readFileSync(path));
    const doc = new Y.Doc();
    const started = performance.now();
    Y.applyUpdate(doc, state);
    return { ms: performance.now() - started };
  }
  await warmUpReplica();
  const store = await ReplicaStore.open(path, { logger: quiet });
  if (mode === 'read') {
    try {
      const started = performance.now();
      await store.loadDoc(docId);
      return { ms: performance.now() - started };
    } finally {
      await store.close();
    }
  }
  const warnings: StoreWarning[] = [];
  const started = performance.now();
  const replica = new Replica(store, quiet, { onDidSave: () => undefined, onDidRecover: (w) => warnings.push(w), onDidFailWrite: () => undefined });
  const doc = await replica.open(docId);
  const ms = performance.now() - started;
  const result = { ms, items: doc.getMap('items').size, stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('base64'), warnings: warnings.length };
  await replica.close();
  return result;
}

const [mode, path, docId = ''] = process.argv.slice(2);
if (mode === 'apply' || ((mode === 'open' || mode === 'read') && docId)) {
  run(mode, path as string, docId).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
      process.exit(1);
    },
  );
}
