// When the peer compacts a doc's log: encoding a big board stalls the peer for a second, so once
// compacted a big board edited live is compacted again only when its new records weigh as much
// as its state, while a small doc is compacted every 500 records as before; either way nothing is lost on reopening.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../electron/peer/logger';
import { Replica } from '../../electron/peer/replica';
import { ReplicaStore } from '../../electron/peer/store/replica-store';

const quiet = createLogger(() => undefined);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function open(dir: string): Promise<{ store: ReplicaStore; replica: Replica }> {
  const store = await ReplicaStore.open(dir, { logger: quiet });
  return { store, replica: new Replica(store, quiet, { onDidSave: () => undefined, onDidRecover: () => undefined, onDidFailWrite: () => undefined }) };
}

it('a big doc edited in many small steps is not re-encoded every 500 records; a small one is; reopening loses nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-compact-'));
  dirs.push(dir);
  let { store, replica } = await open(dir);
  const big = await replica.open('big');
  big.getText('notes').insert(0, 'x'.repeat(400_000));
  const small = await replica.open('small');
  await replica.flush();
  for (let i = 0; i < 1_100; i++) {
    big.getMap('cards').set(`c${i % 20}`, i);
    small.getMap('cards').set(`c${i % 20}`, i);
    await replica.flush();
  }
  // The big doc was compacted once (its first 500 records); the 600 small records since weigh far
  // less than its 400 kB state, so it was not re-encoded again.
  expect(store.stats('big').records).toBeGreaterThan(600);
  // The small doc is compacted every 500 records or so.
  expect(store.stats('small').records).toBeLessThan(500);
  const expected = { big: Y.encodeStateAsUpdate(big), small: Y.encodeStateAsUpdate(small) };
  await replica.close();

  ({ store, replica } = await open(dir));
  for (const id of ['big', 'small'] as const) {
    const reopened = await replica.open(id);
    const want = new Y.Doc();
    Y.applyUpdate(want, expected[id]);
    expect(reopened.toJSON()).toEqual(want.toJSON());
  }
  await replica.close();
});
