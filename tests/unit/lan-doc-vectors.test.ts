// The LAN status reads every held doc's state vector on each read (every /healthz, every push to
// the windows): kept between reads, a doc's vector must still be exact after any edit, and one
// that did not change must not be built again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AckLedger } from '../../electron/peer/lan/ack-ledger';
import { DocVectors } from '../../electron/peer/lan/doc-vectors';
import type { LanDocHost } from '../../electron/peer/lan/lan-contract';
import { mergeStateVectors, pendingClock } from '../../electron/peer/lan/lan-messages';
import { PendingTotals } from '../../electron/peer/lan/pending-totals';
import { createLogger } from '../../electron/peer/logger';
import { Replica } from '../../electron/peer/replica';
import { ReplicaStore } from '../../electron/peer/store/replica-store';

function hostOf(docs: Map<string, Y.Doc>): LanDocHost {
  return {
    listDocIds: async () => [...docs.keys()].sort(),
    openDoc: async (docId) => docs.get(docId) as Y.Doc,
    savedStateVector: async (docId) => Y.encodeStateVector(docs.get(docId) as Y.Doc),
    loadedDoc: (docId) => docs.get(docId),
  };
}
const decoded = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('the state vectors the LAN status reads', () => {
  it('are exact after edits from several clients, and a doc that did not change keeps its vector', async () => {
    const docs = new Map(['a', 'b', 'c'].map((id) => [id, new Y.Doc()]));
    for (const [id, doc] of docs) doc.getMap('m').set('k', id);
    const vectors = new DocVectors(hostOf(docs));
    const first = await vectors.read();
    for (const [id, doc] of docs) expect(first.get(id)).toEqual(decoded(doc));
    const [firstA, firstB] = [first.get('a'), first.get('b')];

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(docs.get('b') as Y.Doc));
    other.getMap('m').set('k2', 'from another client');
    Y.applyUpdate(docs.get('b') as Y.Doc, Y.encodeStateAsUpdate(other));
    docs.get('c')?.getMap('m').set('k', 'again');
    const second = await vectors.read();
    for (const [id, doc] of docs) expect(second.get(id)).toEqual(decoded(doc));
    expect(second.get('a')).toBe(firstA);
    expect(second.get('b')).not.toBe(firstB);
  });

  it('follow the docs held: a new doc is read, a forgotten one dropped, a doc opened afresh under the same id read anew', async () => {
    const docs = new Map([['a', new Y.Doc()]]);
    docs.get('a')?.getMap('m').set('k', 1);
    const vectors = new DocVectors(hostOf(docs));
    await vectors.read();
    docs.set('b', new Y.Doc());
    expect([...(await vectors.read()).keys()]).toEqual(['a', 'b']);
    // As the replica forgets docs (the workspace was left): destroyed, then opened afresh.
    for (const doc of docs.values()) doc.destroy();
    docs.clear();
    docs.set('a', new Y.Doc());
    const afresh = await vectors.read();
    expect([...afresh.keys()]).toEqual(['a']);
    expect(afresh.get('a')).toEqual(new Map());
  });
});

describe('the state vectors of dormant boards', () => {
  it('are read without waking them, and stay exact as a board wakes, changes and sleeps again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-vectors-dormant-'));
    const quiet = createLogger(() => undefined);
    const events = { onDidSave: () => undefined, onDidRecover: () => undefined, onDidFailWrite: () => undefined };
    try {
      const writer = new Replica(await ReplicaStore.open(dir, { logger: quiet }), quiet, events);
      for (const id of ['a', 'b']) (await writer.open(id)).getMap('m').set('k', id);
      await writer.close();
      const replica = new Replica(await ReplicaStore.open(dir, { logger: quiet }), quiet, events);
      await replica.loadAll();
      const host: LanDocHost = {
        listDocIds: () => replica.heldDocIds(),
        openDoc: (docId) => replica.open(docId),
        savedStateVector: (docId) => replica.savedStateVector(docId),
        loadedDoc: (docId) => replica.loadedDoc(docId),
        dormantDoc: (docId) => replica.dormantDoc(docId),
      };
      const vectors = new DocVectors(host);
      const first = await vectors.read();
      expect([...first.keys()]).toEqual(['a', 'b']);
      expect(replica.loadedDoc('a')).toBeUndefined();
      expect(replica.loadedDoc('b')).toBeUndefined();

      const a = await replica.open('a');
      expect((await vectors.read()).get('a')).toEqual(decoded(a));
      a.getMap('m').set('k', 'changed awake');
      await replica.flush();
      expect((await vectors.read()).get('a')).toEqual(decoded(a));
      const awake = decoded(a);
      replica.sweep(Date.now() + 3_600_000);
      expect(replica.loadedDoc('a')).toBeUndefined();
      expect((await vectors.read()).get('a')).toEqual(awake);
      expect(replica.loadedDoc('a')).toBeUndefined();
      await replica.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the pending counts of the status', () => {
  it('equal a recount over every doc after edits, acknowledgements, a reconnect and a forgotten doc', async () => {
    const docs = new Map(['a', 'b', 'c'].map((id) => [id, new Y.Doc()]));
    const acked = new Map<string, Map<string, Map<number, number>>>([['p_b', new Map()], ['p_c', new Map()]]);
    const totals = new PendingTotals((peerId, docId) => acked.get(peerId)?.get(docId));
    const vectors = new DocVectors(hostOf(docs), (docId, vector) => totals.docChanged(docId, vector));
    const ack = (peerId: string, docId: string) => {
      const peer = acked.get(peerId) as Map<string, Map<number, number>>;
      peer.set(docId, mergeStateVectors(peer.get(docId), decoded(docs.get(docId) as Y.Doc)));
      totals.ackChanged(peerId, docId);
    };
    const expectRecount = async () => {
      const now = await vectors.read();
      for (const peerId of acked.keys()) {
        const byDoc = new Map([...now].map(([docId, have]) => [docId, pendingClock(have, acked.get(peerId)?.get(docId))] as const).filter(([, n]) => n > 0));
        const { byDoc: kept, total } = totals.of(peerId);
        expect(new Map(kept), peerId).toEqual(byDoc);
        expect(total, peerId).toBe([...byDoc.values()].reduce((sum, n) => sum + n, 0));
      }
    };
    for (const [id, doc] of docs) doc.getMap('m').set('k', id);
    await expectRecount();
    await vectors.read();
    ack('p_b', 'a');
    ack('p_b', 'b');
    await expectRecount();
    docs.get('a')?.getMap('m').set('k2', 'more');
    ack('p_c', 'c');
    await expectRecount();
    // A reconnect starts the teammate's acknowledgements afresh.
    acked.set('p_b', new Map());
    totals.reset('p_b');
    await expectRecount();
    docs.delete('b');
    docs.set('d', new Y.Doc());
    docs.get('d')?.getMap('m').set('k', 'new');
    await expectRecount();
  });
});

describe('the reach count of the status', () => {
  it('counts the teammates reachOf lists as reached', async () => {
    const ledger = await AckLedger.load(null, createLogger(() => undefined));
    ledger.record('p_b', 'board', new Map([[1, 5]]));
    ledger.record('p_c', 'board', new Map([[1, 9]]));
    ledger.record('p_d', 'other', new Map([[1, 9]]));
    for (const need of [new Map([[1, 4]]), new Map([[1, 7]]), new Map([[1, 10]]), new Map([[2, 1]]), new Map<number, number>()]) {
      expect(ledger.reachedCount('board', need)).toBe(ledger.reachOf('board', need).filter((r) => r.reachedAt !== null).length);
    }
    // Asked again about the same state after a new acknowledgement: counted again, not remembered.
    const need = new Map([[1, 12]]);
    expect(ledger.reachedCount('board', need)).toBe(0);
    ledger.record('p_b', 'board', new Map([[1, 12]]));
    expect(ledger.reachedCount('board', need)).toBe(1);
  });
});
