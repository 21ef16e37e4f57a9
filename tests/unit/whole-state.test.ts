import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { wholeStateOf } from '../../shared/protocol/whole-state';

function contentOf(update: Uint8Array): unknown {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return { map: doc.getMap('m').toJSON(), text: doc.getText('t').toString() };
}

describe('the whole state sent to a side that holds nothing', () => {
  it('is encoded once while the doc is unchanged, and again after any change, a deletion alone included', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('title', 'Grow weekly active users');
    doc.getText('t').insert(0, 'retention');
    const first = wholeStateOf(doc);
    expect(wholeStateOf(doc)).toBe(first);

    doc.getMap('m').set('owner', 'Li Na');
    const second = wholeStateOf(doc);
    expect(second).not.toBe(first);
    expect(contentOf(second)).toEqual({ map: { title: 'Grow weekly active users', owner: 'Li Na' }, text: 'retention' });

    // A deletion adds no struct (the state vector stays) but changes what a reader gets.
    const vector = Y.encodeStateVector(doc);
    doc.getText('t').delete(0, 4);
    expect(Y.encodeStateVector(doc)).toEqual(vector);
    expect(contentOf(wholeStateOf(doc))).toEqual({ map: { title: 'Grow weekly active users', owner: 'Li Na' }, text: 'ntion' });
  });

  it('is not encoded again for a transaction that changed nothing, and is let go with the doc', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('title', 'Retention plan');
    const first = wholeStateOf(doc);
    doc.transact(() => undefined);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(doc));
    expect(wholeStateOf(doc)).toBe(first);
    const listeners = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers;
    expect(listeners.get('afterTransaction')?.size).toBe(1);
    doc.destroy();
    expect(listeners.get('afterTransaction')?.size ?? 0).toBe(0);
  });

  it('leaves out updates still waiting for their predecessors', () => {
    const source = new Y.Doc();
    source.getMap('m').set('first', 1);
    const afterFirst = Y.encodeStateVector(source);
    source.getMap('m').set('second', 2);
    const orphan = Y.encodeStateAsUpdate(source, afterFirst);
    const doc = new Y.Doc();
    doc.getMap('m').set('own', 'kept');
    Y.applyUpdate(doc, orphan);
    expect(doc.store.pendingStructs).not.toBeNull();
    expect(contentOf(wholeStateOf(doc))).toEqual({ map: { own: 'kept' }, text: '' });
  });
});
