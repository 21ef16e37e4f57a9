// Applying received bytes without Yjs re-encoding them for the doc's `update` listeners: the
// listeners see the bytes that arrived when they integrate whole, and otherwise exactly what
// Yjs would have told them, once per transaction, with its origin.
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyReceivedUpdate } from '../../shared/protocol/apply-received';
import { hasPendingUpdates } from '../../shared/protocol/pending-updates';

const REMOTE = Object.freeze({ source: 'peer', peerId: 'p1' });

function board(cards: number, clientID = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  for (let i = 0; i < cards; i++) doc.getMap('items').set(`c${i}`, `card ${i}`);
  return doc;
}

function listen(doc: Y.Doc): { update: Uint8Array; origin: unknown }[] {
  const seen: { update: Uint8Array; origin: unknown }[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => seen.push({ update, origin }));
  return seen;
}

it("a received update that integrates whole reaches the doc's update listeners as the bytes that arrived", () => {
  const state = Y.encodeStateAsUpdate(board(50));
  const doc = new Y.Doc();
  const seen = listen(doc);
  applyReceivedUpdate(doc, state, REMOTE);
  expect(seen).toHaveLength(1);
  expect(seen[0]?.update).toBe(state);
  expect(seen[0]?.origin).toBe(REMOTE);
  expect(doc.getMap('items').size).toBe(50);
  // The listeners are still attached for what follows.
  doc.getMap('items').set('local', 1);
  expect(seen).toHaveLength(2);
});

it('a received update the doc already holds reaches no listener', () => {
  const state = Y.encodeStateAsUpdate(board(5));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const seen = listen(doc);
  applyReceivedUpdate(doc, state, REMOTE);
  expect(seen).toHaveLength(0);
});

it('of an update whose predecessors are missing, listeners get only what integrated, and the rest once it can', () => {
  const source = new Y.Doc();
  source.clientID = 7;
  const updates: Uint8Array[] = [];
  source.on('update', (update: Uint8Array) => updates.push(update));
  source.getMap('items').set('a', 1);
  source.getMap('items').set('b', 2);
  const other = board(3, 9);
  const doc = new Y.Doc();
  const seen = listen(doc);
  // The second edit of client 7 with another client's whole state: client 9 integrates, 7 waits.
  applyReceivedUpdate(doc, Y.mergeUpdates([updates[1] as Uint8Array, Y.encodeStateAsUpdate(other)]), REMOTE);
  expect(hasPendingUpdates(doc)).toBe(true);
  expect(seen).toHaveLength(1);
  const first = new Y.Doc();
  Y.applyUpdate(first, seen[0]?.update as Uint8Array);
  expect(first.getMap('items').toJSON()).toEqual({ c0: 'card 0', c1: 'card 1', c2: 'card 2' });
  expect(hasPendingUpdates(first)).toBe(false);
  // The missing predecessor arrives: listeners learn of both of client 7's edits.
  applyReceivedUpdate(doc, updates[0] as Uint8Array, REMOTE);
  expect(hasPendingUpdates(doc)).toBe(false);
  for (const { update } of seen.slice(1)) Y.applyUpdate(first, update);
  expect(first.getMap('items').toJSON()).toEqual(doc.getMap('items').toJSON());
  expect(doc.getMap('items').get('a')).toBe(1);
});

it('an edit an observer makes while the update is applied reaches the listeners with its own origin', () => {
  const doc = new Y.Doc();
  const seen = listen(doc);
  const LOCAL = { source: 'local' };
  doc.getMap('items').observe((event) => {
    if (event.transaction.origin === REMOTE && !doc.getMap('meta').has('seen')) doc.transact(() => doc.getMap('meta').set('seen', true), LOCAL);
  });
  applyReceivedUpdate(doc, Y.encodeStateAsUpdate(board(3)), REMOTE);
  expect(seen.map((s) => s.origin)).toEqual([REMOTE, LOCAL]);
  const copy = new Y.Doc();
  for (const { update } of seen) Y.applyUpdate(copy, update);
  for (const root of ['items', 'meta']) expect(copy.getMap(root).toJSON()).toEqual(doc.getMap(root).toJSON());
});

it('inside an outer transaction it is a plain apply, reported once at the end', () => {
  const doc = new Y.Doc();
  const seen = listen(doc);
  doc.transact(() => {
    applyReceivedUpdate(doc, Y.encodeStateAsUpdate(board(2)), REMOTE);
    doc.getMap('items').set('x', 1);
  }, REMOTE);
  expect(seen).toHaveLength(1);
  expect(doc.getMap('items').size).toBe(3);
});

it('a malformed update throws and leaves the listeners attached', () => {
  const doc = new Y.Doc();
  const seen = listen(doc);
  expect(() => applyReceivedUpdate(doc, new Uint8Array([0, 5, 200, 1, 2]), REMOTE)).toThrow();
  doc.getMap('items').set('after', 1);
  expect(seen).toHaveLength(1);
});
