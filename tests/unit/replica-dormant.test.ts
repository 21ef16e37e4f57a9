// Boards nobody uses are kept dormant in the peer: encoded, with no Y.Doc, so a hub holding
// years of boards costs what their bytes cost. A dormant board must still be everything it was:
// opened, it has all its content; what it says is saved is what is on disk; edits made after it
// woke are written and survive it going dormant again and a restart; one in use never sleeps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docDigest, dormantDigest } from '../../electron/peer/lan/doc-digests';
import { DocVectors } from '../../electron/peer/lan/doc-vectors';
import { createLogger } from '../../electron/peer/logger';
import { Replica } from '../../electron/peer/replica';
import { ReplicaStore } from '../../electron/peer/store/replica-store';

const quiet = createLogger(() => undefined);
const dirs: string[] = [];
const replicas: Replica[] = [];
afterEach(async () => {
  for (const replica of replicas.splice(0)) await replica.close();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** What a person sees of the board. */
const content = (doc: Y.Doc) => ({ cards: doc.getMap('cards').toJSON(), notes: doc.getText('notes').toString() });

/** A minute later than anything so far: every unheld, written doc may sleep. */
const later = () => Date.now() + 3_600_000;

async function replicaOn(dir: string): Promise<{ replica: Replica; saved: Map<string, Uint8Array> }> {
  const saved = new Map<string, Uint8Array>();
  const replica = new Replica(await ReplicaStore.open(dir, { logger: quiet }), quiet, { onDidSave: (docId, sv) => void saved.set(docId, sv), onDidRecover: () => undefined, onDidFailWrite: () => undefined });
  replicas.push(replica);
  return { replica, saved };
}

/** A board with cards added, edited and deleted by two clients, in several log records. */
async function writeBoard(dir: string, docId: string): Promise<Y.Doc> {
  const { replica } = await replicaOn(dir);
  const doc = await replica.open(docId);
  const other = new Y.Doc();
  for (let i = 0; i < 40; i++) {
    doc.getMap('cards').set(`c${i}`, `card ${i}`);
    if (i % 3 === 0) doc.getMap('cards').delete(`c${i - 1}`);
    other.getText('notes').insert(0, `note ${i} `);
    if (i % 5 === 0) other.getText('notes').delete(0, 3);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    await replica.flush();
  }
  const expected = new Y.Doc();
  Y.applyUpdate(expected, Y.encodeStateAsUpdate(doc));
  await replica.close();
  replicas.splice(replicas.indexOf(replica), 1);
  return expected;
}

describe('a dormant board in the peer', () => {
  it('is loaded at start without a Y.Doc, opens with all its content, and what it says is saved is what it holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-dormant-'));
    dirs.push(dir);
    const expected = await writeBoard(dir, 'board');
    const { replica } = await replicaOn(dir);
    await replica.loadAll();
    expect(replica.isOpen('board')).toBe(true);
    expect(replica.loadedDoc('board')).toBeUndefined();
    expect(await replica.heldDocIds()).toEqual(['board']);
    expect(Y.decodeStateVector(await replica.savedStateVector('board'))).toEqual(Y.decodeStateVector(Y.encodeStateVector(expected)));
    // The LAN's digest of it, read from the encoded board, is the one its Y.Doc gives.
    expect(dormantDigest(replica.dormantDoc('board')!)).toEqual(docDigest(expected));
    const doc = await replica.open('board');
    expect(content(doc)).toEqual(content(expected));
    expect(Object.keys(content(doc).cards).length).toBeGreaterThan(20);
    expect(replica.dormantDoc('board')).toBeUndefined();
  });

  it('sleeps again once unused, keeps the edits made while awake, and they survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-dormant-'));
    dirs.push(dir);
    const expected = await writeBoard(dir, 'board');
    let { replica, saved } = await replicaOn(dir);
    await replica.loadAll();
    const doc = await replica.open('board');
    doc.getMap('cards').set('late', 'added after waking');
    doc.getText('notes').delete(0, 4);
    await replica.flush();
    expect(Y.decodeStateVector(saved.get('board')!)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
    const awake = content(doc);
    expect(awake).not.toEqual(content(expected));

    replica.sweep(later());
    expect(doc.isDestroyed).toBe(true);
    const dormant = replica.dormantDoc('board')!;
    expect(dormant).toBeDefined();
    expect(dormantDigest(dormant)).toEqual(docDigest(doc));
    expect(Y.decodeStateVector(await replica.savedStateVector('board'))).toEqual(Y.decodeStateVector(saved.get('board')!));
    const woken = await replica.open('board');
    expect(woken).not.toBe(doc);
    expect(content(woken)).toEqual(awake);
    woken.getMap('cards').set('later', 'after waking again');
    await replica.flush();
    replica.sweep(later());
    expect(replica.loadedDoc('board')).toBeUndefined();
    await replica.close();
    replicas.splice(replicas.indexOf(replica), 1);

    ({ replica, saved } = await replicaOn(dir));
    const reopened = await replica.open('board');
    expect(reopened.getMap('cards').get('late')).toBe('added after waking');
    expect(reopened.getMap('cards').get('later')).toBe('after waking again');
    expect(content(reopened)).toEqual({ ...awake, cards: { ...awake.cards, later: 'after waking again' } });
  });

  it('stays awake while held, while it has just been opened, and while an edit is not on disk yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-dormant-'));
    dirs.push(dir);
    const { replica } = await replicaOn(dir);
    const release = replica.hold('held');
    const held = await replica.open('held');
    held.getMap('m').set('k', 1);
    const fresh = await replica.open('fresh');
    fresh.getMap('m').set('k', 1);
    await replica.flush();
    replica.sweep();
    // Opened a moment ago: not yet unused for long enough.
    expect(replica.loadedDoc('fresh')).toBe(fresh);
    replica.sweep(later());
    expect(replica.loadedDoc('fresh')).toBeUndefined();
    expect(replica.loadedDoc('held')).toBe(held);
    // An edit in flight to the disk: the doc stays awake until it has landed.
    held.getMap('m').set('k', 2);
    release();
    replica.sweep(later());
    expect(replica.loadedDoc('held')).toBe(held);
    await replica.flush();
    replica.sweep(later());
    expect(replica.loadedDoc('held')).toBeUndefined();
    expect((await replica.open('held')).getMap('m').get('k')).toBe(2);
  });

  it('once woken, is not also kept encoded: its bytes go, even after the LAN status has read it dormant', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-dormant-'));
    dirs.push(dir);
    await writeBoard(dir, 'board');
    const { replica } = await replicaOn(dir);
    await replica.loadAll();
    const vectors = new DocVectors({
      listDocIds: () => replica.heldDocIds(),
      openDoc: (docId) => replica.open(docId),
      savedStateVector: (docId) => replica.savedStateVector(docId),
      loadedDoc: (docId) => replica.loadedDoc(docId),
      dormantDoc: (docId) => replica.dormantDoc(docId),
    });
    await vectors.read();
    dormantDigest(replica.dormantDoc('board')!);
    const bytes = new WeakRef(replica.dormantDoc('board')!.updates[0]!);
    await replica.open('board');
    // WeakRefs hold their targets until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    expect(bytes.deref()).toBeUndefined();
  });
});
