// What an open doc keeps in the peer's memory: the doc, not the log records it was loaded from
// (for a 30k-card board those are 37 MB more held for as long as the doc is open).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../electron/peer/logger';
import { Replica } from '../../electron/peer/replica';
import { ReplicaStore } from '../../electron/peer/store/replica-store';

const quiet = createLogger(() => undefined);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

it('an open doc does not keep the log records it was loaded from', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-replica-memory-'));
  dirs.push(dir);
  const source = new Y.Doc();
  const writer = await ReplicaStore.open(dir, { logger: quiet });
  for (let i = 0; i < 3; i++) {
    source.getMap('cards').set(`c${i}`, 'x'.repeat(10_000));
    await writer.append('board', Y.encodeStateAsUpdate(source));
  }
  await writer.close();

  const store = await ReplicaStore.open(dir, { logger: quiet });
  const loaded: WeakRef<Uint8Array>[] = [];
  const loadDoc = store.loadDoc.bind(store);
  store.loadDoc = async (docId) => {
    const result = await loadDoc(docId);
    loaded.push(...result.updates.map((update) => new WeakRef(update)));
    return result;
  };
  const replica = new Replica(store, quiet, { onDidSave: () => undefined, onDidRecover: () => undefined, onDidFailWrite: () => undefined });
  const doc = await replica.open('board');
  expect(doc.getMap('cards').size).toBe(3);
  expect(loaded).toHaveLength(3);
  // WeakRefs hold their targets until the current job ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  collectGarbage();
  expect(loaded.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  // The doc still works as before: edits are written and reopen.
  doc.getMap('cards').set('c3', 'y');
  await replica.close();
  const again = new Replica(await ReplicaStore.open(dir, { logger: quiet }), quiet, { onDidSave: () => undefined, onDidRecover: () => undefined, onDidFailWrite: () => undefined });
  expect((await again.open('board')).getMap('cards').get('c3')).toBe('y');
  await again.close();
});
