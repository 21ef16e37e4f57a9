// Opening a doc's IndexedDB cache leaves no `update` listener on the doc while it loads, so Yjs
// does not encode the loaded board again; the window's write path is attached afterwards.
import { afterEach, expect, it, vi } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { openDocCache } from '../../renderer/src/docs/open-doc-cache';

afterEach(() => vi.unstubAllGlobals());

function updateListeners(doc: Y.Doc): number {
  return (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.size ?? 0;
}

it('a cache being opened puts no update listener on the doc, and a load into it is not encoded again', () => {
  // An IndexedDB that never answers: only what the open does synchronously is under test.
  vi.stubGlobal('indexedDB', { open: () => ({}) });
  const doc = new Y.Doc();
  const persistence = openDocCache('tandem:test', doc);
  expect(updateListeners(doc)).toBe(0);
  // y-indexeddb alone leaves its per-update writer there, which makes Yjs encode every load.
  const plain = new Y.Doc();
  new IndexeddbPersistence('tandem:plain', plain);
  expect(updateListeners(plain)).toBe(1);
  // The write path attaches later and sees later edits, but never the cache's own rows.
  const seen: unknown[] = [];
  Y.transact(doc, () => doc.getMap('items').set('loaded', 1), persistence, false);
  doc.on('update', (_update: Uint8Array, origin: unknown) => seen.push(origin));
  doc.getMap('items').set('typed', 1);
  expect(seen).toEqual([null]);
  // The doc's own destroy still closes the persistence (y-indexeddb's destroy listener stays).
  expect((doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('destroy')?.size).toBe(1);
});
