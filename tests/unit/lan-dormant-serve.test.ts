// A hub keeps boards nobody uses dormant (encoded, no Y.Doc). A laptop joining with none of a
// board gets it as it is kept: the hub never builds the board's Y.Doc just to learn that the
// laptop has nothing to send (a 10k-card board: a 12 MB apply and half a second of GC).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DormantDocState, LanDocHost } from '../../electron/peer/lan/lan-contract';
import { docHash } from '../support/doc-hash';
import { MemoryNet, type SimPeer } from '../support/lan-memory-net';

/** Makes `peer` hold `docId` dormant as `source` is; counts each time the doc is woken (a Y.Doc made of it). */
function keepDormant(peer: SimPeer, docId: string, source: Y.Doc): { wakes: () => number } {
  const host: SimPeer['host'] & Pick<LanDocHost, 'dormantDoc'> = peer.host;
  const dormant: DormantDocState = { updates: [Y.encodeStateAsUpdate(source)], stateVector: Y.encodeStateVector(source) };
  let wakes = 0;
  const asleep = () => !host.docs.has(docId);
  const listDocIds = host.listDocIds.bind(host);
  const openDoc = host.openDoc.bind(host);
  const savedStateVector = host.savedStateVector.bind(host);
  host.holds = (id) => id === docId || host.docs.has(id);
  host.dormantDoc = (id) => (id === docId && asleep() ? dormant : undefined);
  host.listDocIds = async () => [...new Set([docId, ...(await listDocIds())])].sort();
  host.savedStateVector = async (id) => (id === docId && asleep() ? dormant.stateVector : savedStateVector(id));
  host.openDoc = async (id) => {
    if (id === docId && asleep()) {
      wakes++;
      Y.applyUpdate(host.doc(id), dormant.updates[0] as Uint8Array);
    }
    return openDoc(id);
  };
  return { wakes: () => wakes };
}

function boardOf(cards: number): Y.Doc {
  const doc = new Y.Doc();
  for (let i = 0; i < cards; i++) doc.getMap('m').set(`card${i}`, `Feedback ${i}: onboarding is slow`);
  doc.getMap('m').delete('card3');
  return doc;
}

describe('a board kept dormant on the hub', () => {
  it('goes whole to a laptop that joins with none of it, even with the board open there, and the hub never wakes it to do so', async () => {
    for (const [seed, openFirst] of [[1, false], [2, true], [3, false], [4, true]] as const) {
      const net = new MemoryNet(seed);
      const [hub, laptop] = [net.addPeer('p_hub'), net.addPeer('p_laptop')];
      const board = boardOf(50);
      const { wakes } = keepDormant(hub, 'board', board);
      write(hub, 'goals', 'title', 'Grow weekly active users');
      // A window on the new laptop shows the board before it has arrived: the laptop announces it, empty.
      if (openFirst) laptop.host.doc('board');
      net.connect(laptop, hub);
      await net.settle();
      expect(docHash(laptop.host.doc('board')), `seed ${seed}`).toBe(docHash(board));
      expect(laptop.host.doc('goals').getMap('m').get('title')).toBe('Grow weekly active users');
      expect(wakes(), `seed ${seed}`).toBe(0);
      for (const side of [hub, laptop]) expect((await side.lan.status())[0], `seed ${seed}`).toMatchObject({ pendingChanges: 0, syncedDocs: 2, docs: 2 });

      // The laptop's edit to it afterwards reaches the hub (which wakes it now: it has something to take in).
      laptop.host.doc('board').getMap('m').set('card1', 'Onboarding is fast now');
      await net.settle();
      expect(wakes()).toBe(1);
      expect(hub.host.doc('board').getMap('m').get('card1')).toBe('Onboarding is fast now');
    }
  });
});

function write(peer: SimPeer, docId: string, key: string, value: string): void {
  peer.host.doc(docId).getMap('m').set(key, value);
}
