// A relay folder shared by several nodes (a shared volume): stores from two nodes at the same
// moment, each from its own copy, leave the file holding both, with what either deleted gone; a
// damaged file gives way to a node's copy. Real files on disk, two store instances as two nodes.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeEnvelopeStates, relayFileStore } from '../../electron/relay/relay-store';

const NAMESPACE = 'a'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'relay-store-'));
  dirs.push(dir);
  return dir;
};
const DOC = `${NAMESPACE}.${'b'.repeat(40)}`;

function node(client: number) {
  const doc = new Y.Doc();
  doc.clientID = client;
  return doc;
}

const itemsOf = (state: Uint8Array | null) => {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getArray<string>('blobs').toArray().sort();
};

it('two nodes storing different changes at once into one folder both keep theirs, round after round', async () => {
  const dir = tempDir();
  const [storeA, storeB] = [relayFileStore(dir), relayFileStore(dir)];
  const [a, b] = [node(1), node(2)];
  for (let round = 0; round < 25; round++) {
    a.getArray<string>('blobs').push([`a${round}`]);
    b.getArray<string>('blobs').push([`b${round}`]);
    await Promise.all([storeA.store(DOC, Y.encodeStateAsUpdate(a)), storeB.store(DOC, Y.encodeStateAsUpdate(b))]);
  }
  const stored = itemsOf(await storeA.fetch(DOC));
  expect(stored).toHaveLength(50);
  expect(stored).toEqual([...Array.from({ length: 25 }, (_, i) => `a${i}`), ...Array.from({ length: 25 }, (_, i) => `b${i}`)].sort());
  // Only the doc's file is left: no lock directory, no temporary file.
  expect(readdirSync(join(dir, NAMESPACE))).toEqual([`${'b'.repeat(40)}.ydoc`]);
});

it('a deletion one node stored stays deleted when a node that had not seen it stores later', async () => {
  const dir = tempDir();
  const store = relayFileStore(dir);
  const a = node(1);
  a.getArray<string>('blobs').push(['old snapshot', 'update']);
  const b = node(2);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  a.getArray<string>('blobs').delete(0, 1);
  await store.store(DOC, Y.encodeStateAsUpdate(a));
  b.getArray<string>('blobs').push(['from b']);
  await store.store(DOC, Y.encodeStateAsUpdate(b));
  expect(itemsOf(await store.fetch(DOC))).toEqual(['from b', 'update']);
});

it('a damaged file gives way to the node’s copy instead of refusing every store', async () => {
  const dir = tempDir();
  const store = relayFileStore(dir);
  const a = node(1);
  a.getArray<string>('blobs').push(['kept']);
  await store.store(DOC, Y.encodeStateAsUpdate(a));
  writeFileSync(join(dir, NAMESPACE, `${'b'.repeat(40)}.ydoc`), Buffer.from([0xff, 0xff, 0xff, 0x07, 0x01]));
  await store.store(DOC, Y.encodeStateAsUpdate(a));
  expect(itemsOf(await store.fetch(DOC))).toEqual(['kept']);
  expect(itemsOf(mergeEnvelopeStates(new Uint8Array([9, 9, 9]), Y.encodeStateAsUpdate(a)))).toEqual(['kept']);
});

it('a name that is not an envelope doc is refused before any path is made', async () => {
  const store = relayFileStore(tempDir());
  await expect(store.store('../../etc/passwd', new Uint8Array([0, 0]))).rejects.toThrow('not an envelope doc name');
});
