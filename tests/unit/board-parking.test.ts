// Setting big idle boards aside (renderer/src/boards/parking.ts, BoardSet.park): when a board
// may be closed, the override a test or a person can give, and the link's side of it — a closed
// doc stops syncing, what the peer sends for it afterwards is reported as missed (so its
// snapshot is known to be behind), and opening it again starts a fresh sync.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Hello } from '../../shared/api/link';
import { encodeFrame, encodeJsonFrame, MessageType, readFrameHead } from '../../shared/protocol/frame';
import { DEFAULT_PARKING, readParkingPolicy, shouldPark, type ParkingCandidate } from '../../renderer/src/boards/parking';
import { structCount } from '../../renderer/src/boards/board-set';
import { LinkClient } from '../../renderer/src/link/link-client';
import type { ClientTransport } from '../../renderer/src/link/transports';

const storageWith = (value: string | null) => ({ getItem: (key: string) => (key === 'tandem.parking' ? value : null) });

describe('the parking policy', () => {
  it('defaults to boards of 100,000 structs off screen for a minute, and takes a valid override', () => {
    expect(readParkingPolicy(storageWith(null))).toEqual(DEFAULT_PARKING);
    expect(DEFAULT_PARKING).toEqual({ minStructs: 100_000, idleMs: 60_000 });
    expect(readParkingPolicy(storageWith('{"minStructs":10,"idleMs":500}'))).toEqual({ minStructs: 10, idleMs: 500 });
    expect(readParkingPolicy(storageWith('{"idleMs":500}'))).toEqual({ minStructs: 100_000, idleMs: 500 });
  });

  it('ignores an override that is not JSON, or holds negative or non-integer numbers', () => {
    for (const bad of ['{', '"x"', '{"idleMs":-1}', '{"minStructs":1.5}', '{"idleMs":"soon"}']) expect(readParkingPolicy(storageWith(bad))).toEqual(DEFAULT_PARKING);
  });

  it('sets a board aside only when it is big, off screen long enough, saved and free of listed conflicts', () => {
    const policy = { minStructs: 1_000, idleMs: 60_000 };
    const idleBig: ParkingCandidate = { onScreen: false, seenAt: 0, structs: 5_000, saved: true, conflicts: false };
    expect(shouldPark(idleBig, 60_000, policy)).toBe(true);
    expect(shouldPark(idleBig, 59_999, policy)).toBe(false);
    expect(shouldPark({ ...idleBig, onScreen: true }, 120_000, policy)).toBe(false);
    expect(shouldPark({ ...idleBig, structs: 999 }, 120_000, policy)).toBe(false);
    expect(shouldPark({ ...idleBig, saved: false }, 120_000, policy)).toBe(false);
    expect(shouldPark({ ...idleBig, conflicts: true }, 120_000, policy)).toBe(false);
  });

  it('counts a doc by its Yjs structs, which grow with its items', () => {
    const doc = new Y.Doc();
    expect(structCount(doc)).toBe(0);
    const items = doc.getMap<Y.Map<unknown>>('items');
    for (let i = 0; i < 50; i++) {
      const item = new Y.Map<unknown>();
      items.set(`i${i}`, item);
      item.set('title', `Item ${i}`);
      item.set('votes', i);
    }
    expect(structCount(doc)).toBeGreaterThanOrEqual(150);
  });
});

describe('the link, for a doc set aside', () => {
  const DOC_ID = 'b_big';
  const hello: Hello = { protocol: 1, appVersion: '0.0.0-test', peerId: 'p_test', workspace: { id: 'w_test', memberId: 'm_mei' }, notices: [] };
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  async function windowOnFakePeer() {
    const sent: Uint8Array[] = [];
    const missed: string[] = [];
    let transport: ClientTransport | null = null;
    const client = new LinkClient(
      async () => (transport = { send: (frame) => void sent.push(frame), close: () => undefined, onMessage: null, onClose: null }),
      { onDidChangeStatus: () => undefined, onDidHello: () => undefined, onDidNotice: () => undefined, onDidSave: () => undefined, onDidMissUpdate: (docId) => missed.push(docId) },
    );
    cleanups.push(() => client.stop());
    client.start();
    await expect.poll(() => transport).not.toBeNull();
    transport!.onMessage?.(encodeJsonFrame(MessageType.hello, hello));
    const fromPeer = (update: Uint8Array) => transport!.onMessage?.(encodeFrame(DOC_ID, MessageType.sync, (e) => syncProtocol.writeUpdate(e, update)));
    /** The sync step 1 frames this window sent for the doc. */
    const stepOnes = () => sent.filter((frame) => {
      const { docId, type, decoder } = readFrameHead(frame);
      return docId === DOC_ID && type === MessageType.sync && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1;
    }).length;
    return { client, missed, fromPeer, stepOnes };
  }

  const teammateUpdate = (key: string) => {
    const doc = new Y.Doc();
    doc.getMap('items').set(key, 'from a teammate');
    return Y.encodeStateAsUpdate(doc);
  };

  it('stops applying the peer’s updates to a removed doc, reports each as missed, and syncs afresh once added again', async () => {
    const w = await windowOnFakePeer();
    const doc = new Y.Doc();
    w.client.addDoc(DOC_ID, doc);
    expect(w.stepOnes()).toBe(1);
    w.fromPeer(teammateUpdate('a'));
    expect(doc.getMap('items').get('a')).toBe('from a teammate');
    expect(w.missed).toEqual([]);

    w.client.removeDoc(DOC_ID);
    w.fromPeer(teammateUpdate('b'));
    expect(doc.getMap('items').has('b')).toBe(false);
    expect(w.missed).toEqual([DOC_ID]);
    expect(w.client.isSaved(DOC_ID)).toBe(true);

    const reopened = new Y.Doc();
    Y.applyUpdate(reopened, Y.encodeStateAsUpdate(doc));
    w.client.addDoc(DOC_ID, reopened);
    expect(w.stepOnes()).toBe(2);
    w.fromPeer(teammateUpdate('c'));
    expect(reopened.getMap('items').get('c')).toBe('from a teammate');
    expect(w.missed).toEqual([DOC_ID]);
  });
});
