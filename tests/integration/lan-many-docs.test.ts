// A workspace of more docs than one welcome used to list (2,000), between real peer processes:
// one hub holds 2,001, then 10,000 boards, the other its own boards and its own edits to some
// of the first hub's, and both end with every doc, equal content on disk (hashed, not state
// vectors), nothing pending either way and no connection closed for bad input.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newBenchWorkspace, writePeerData, type BenchWorkspace } from '../bench/support/lan-hub';
import { docsHash } from '../support/doc-hash';
import { docsOnDisk } from '../support/docs-on-disk';
import { health, LanTestBed, type LanHub } from './support/lan-hubs';

const bed = new LanTestBed();
// Removing two folders of 10,000 logs takes a while on a busy disk.
afterEach(() => bed.cleanup(), 180_000);

/** A small board as one update: a title and a few cards, from its own client. */
function board(docId: string, author: string, cards: number): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set(`title-${author}`, `${docId} by ${author}`);
    const items = doc.getMap<Y.Map<unknown>>('cards');
    for (let i = 0; i < cards; i++) {
      const card = new Y.Map<unknown>();
      card.set('title', `${author} card ${i} of ${docId}`);
      items.set(`${author}${i}`, card);
    }
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

async function nothingPendingFor(hub: LanHub): Promise<boolean> {
  const { peers, lanProtocolErrors } = await health(hub);
  if (lanProtocolErrors > 0) throw new Error(`a LAN connection was closed for bad input:\n${hub.output().slice(-3000)}`);
  return peers.length === 1 && peers[0]?.pendingChanges === 0;
}

async function syncManyDocs(held: number): Promise<void> {
  const workspace: BenchWorkspace = newBenchWorkspace();
  const ids = Array.from({ length: held }, (_, i) => `b_many${String(i).padStart(5, '0')}`);
  // A holds every board; B holds boards of its own and has edited some of A's (both ways).
  const onlyB = Array.from({ length: Math.ceil(held / 20) }, (_, i) => `b_fromb${String(i).padStart(5, '0')}`);
  const editedByB = ids.filter((_, i) => i % 97 === 0);
  const [aDir, bDir] = [bed.dataDir(), bed.dataDir()];
  await writePeerData(aDir, workspace, new Map(ids.map((id) => [id, [board(id, 'a', 3)]])));
  await writePeerData(bDir, workspace, new Map([...onlyB, ...editedByB].map((id) => [id, [board(id, 'b', 2)]])));
  const a = await bed.hub({ dataDir: aDir });
  const b = await bed.hub({ dataDir: bDir, peers: [`127.0.0.1:${a.lanPort}`] });
  // Polled once a second: a status over thousands of docs is not free for the hubs.
  const deadline = Date.now() + held * 40 + 30_000;
  while (!((await nothingPendingFor(a)) && (await nothingPendingFor(b)))) {
    if (Date.now() > deadline) throw new Error(`the hubs never synced ${held} docs: ${JSON.stringify([(await health(a)).peers, (await health(b)).peers])}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await Promise.all([a.stop(), b.stop()]);
  const [onA, onB] = [await docsOnDisk(aDir), await docsOnDisk(bDir)];
  expect(onA.size).toBe(held + onlyB.length);
  expect([...onB.keys()].sort()).toEqual([...onA.keys()].sort());
  expect(docsHash(onB)).toBe(docsHash(onA));
  // Both authors' edits are in a doc both edited.
  const both = onA.get(editedByB[1] as string)?.getMap('meta').toJSON();
  expect(Object.keys(both ?? {}).sort()).toEqual(['title-a', 'title-b']);
}

describe('LAN sync of a workspace with many boards', () => {
  it('2,001 boards on one hub sync both ways with a second hub, equal content on disk', async () => {
    await syncManyDocs(2_001);
  }, 180_000);

  it('10,000 boards on one hub sync both ways with a second hub, equal content on disk', async () => {
    await syncManyDocs(10_000);
  }, 600_000);
});
