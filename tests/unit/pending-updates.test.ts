// Updates whose predecessors never arrive: the peer neither serves them to other readers nor
// writes them into a compaction, and drops them after a bounded time or size, counting the drop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../electron/peer/logger';
import { Replica, type ReplicaOptions } from '../../electron/peer/replica';
import { ReplicaStore } from '../../electron/peer/store/replica-store';
import { readFrameHead } from '../../shared/protocol/frame';
import { hasPendingUpdates } from '../../shared/protocol/pending-updates';
import { createDocSyncSession } from '../../shared/protocol/sync-session';

const quiet = createLogger(() => undefined);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function replicaWith(options: ReplicaOptions): Promise<{ replica: Replica; store: ReplicaStore; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pending-'));
  dirs.push(dir);
  const store = await ReplicaStore.open(dir, { logger: quiet });
  return { dir, store, replica: new Replica(store, quiet, { onDidSave: () => undefined, onDidRecover: () => undefined, onDidFailWrite: () => undefined }, options) };
}

/** An update that depends on one the peer never gets: the second of two edits by one client. */
function orphanUpdate(): { first: Uint8Array; second: Uint8Array } {
  const author = new Y.Doc();
  author.getText('t').insert(0, 'first ');
  const first = Y.encodeStateAsUpdate(author);
  const sv = Y.encodeStateVector(author);
  author.getText('t').insert(6, 'second');
  return { first, second: Y.encodeStateAsUpdate(author, sv) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('updates whose predecessors never arrive', () => {
  it('are not served to another reader, and are dropped and counted after the time bound', async () => {
    const { replica } = await replicaWith({ pending: { maxAgeMs: 80, maxBytes: 1 << 20 } });
    const doc = await replica.open('b_orphans');
    doc.getMap('m').set('kept', 1);
    Y.applyUpdate(doc, orphanUpdate().second, 'stranger');
    expect(hasPendingUpdates(doc)).toBe(true);

    // A reader syncing now gets the integrated content only.
    const reader = new Y.Doc();
    const sent: Uint8Array[] = [];
    const session = createDocSyncSession({ docId: 'b_orphans', doc, origin: { source: 'local' }, send: (f) => sent.push(f) });
    const readerSession = createDocSyncSession({ docId: 'b_orphans', doc: reader, origin: { source: 'local' }, send: (f) => session.receive(readFrameHead(f).decoder) });
    for (const frame of sent.splice(0)) readerSession.receive(readFrameHead(frame).decoder as decoding.Decoder);
    expect(reader.getMap('m').get('kept')).toBe(1);
    expect(hasPendingUpdates(reader)).toBe(false);

    await sleep(200);
    expect(hasPendingUpdates(doc)).toBe(false);
    expect(replica.droppedPending).toMatchObject({ drops: 1 });
    expect(replica.droppedPending.bytes).toBeGreaterThan(0);
    await replica.close();
  });

  it('are kept while within the bound, so a predecessor that arrives in time still completes them', async () => {
    const { replica } = await replicaWith({ pending: { maxAgeMs: 5_000, maxBytes: 1 << 20 } });
    const doc = await replica.open('b_late');
    const { first, second } = orphanUpdate();
    Y.applyUpdate(doc, second, 'stranger');
    Y.applyUpdate(doc, first, 'teammate');
    expect(doc.getText('t').toString()).toBe('first second');
    expect(replica.droppedPending.drops).toBe(0);
    await replica.close();
  });

  it('are dropped at once past the size bound', async () => {
    const { replica } = await replicaWith({ pending: { maxAgeMs: 60_000, maxBytes: 8 } });
    const doc = await replica.open('b_big');
    Y.applyUpdate(doc, orphanUpdate().second, 'stranger');
    expect(hasPendingUpdates(doc)).toBe(false);
    expect(replica.droppedPending.drops).toBe(1);
    await replica.close();
  });

  it('are never written into a compaction of the log', async () => {
    const { replica, dir } = await replicaWith({ pending: { maxAgeMs: 60_000, maxBytes: 1 << 20 } });
    const doc = await replica.open('b_compact');
    Y.applyUpdate(doc, orphanUpdate().second, 'stranger');
    // Enough records, and bytes, for the replica to compact the log while the orphan waits.
    for (let i = 0; i < 600; i++) doc.getMap('m').set(`k${i % 5}`, `${i}`.padEnd(300, 'x'));
    await replica.flush();
    expect(hasPendingUpdates(doc)).toBe(true);
    await replica.close();

    const store = await ReplicaStore.open(dir, { logger: quiet });
    const { updates } = await store.loadDoc('b_compact');
    expect(updates.length).toBeLessThan(600); // it was compacted
    const reloaded = new Y.Doc();
    for (const update of updates) Y.applyUpdate(reloaded, update);
    expect(reloaded.getMap('m').get('k4')).toBe('599'.padEnd(300, 'x'));
    expect(hasPendingUpdates(reloaded)).toBe(false);
    await store.close();
  });
});
