// Relay nodes storing in a PostgreSQL database they share (`--data postgres://…`): real node
// processes, a real Redis and a real PostgreSQL (Debian's, started by the test on free ports),
// laptops' RelayLinks on real WebSockets. Offices on two nodes converge; the database and Redis
// restarting between two edits lose nothing; after every node stops, a newcomer pulls all of it
// from the database alone; and the database holds no text or name.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { relayKeys } from '../../electron/peer/relay/relay-keys';
import { relayDatabaseStore } from '../../electron/relay/relay-store';
import { RelayLink } from '../../electron/peer/relay/relay-link';
import { docHash } from '../support/doc-hash';
import { postgresMissing, startPostgres, type TestPostgres } from '../support/postgres-server';
import { startRedis, type TestRedis } from '../support/redis-server';
import { startRelayProcess, type RunningRelayNode } from '../support/relay-node';
import { waitFor } from './support/link-test-client';

const missing = postgresMissing();
if (missing) console.warn(`relay-postgres.test: skipped: ${missing}`);

const KEYS = relayKeys(new Uint8Array(32).fill(73));
const WRITTEN = ['Acme Growth Squad', 'Weekly active users', '导出报表太慢', 'Alice Zhang'];
const links: RelayLink[] = [];
let redis: TestRedis | undefined;
let postgres: TestPostgres | undefined;
const nodes: RunningRelayNode[] = [];

beforeAll(async () => {
  if (missing) return;
  redis = await startRedis();
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  for (const link of links) link.destroy();
  for (const node of nodes) await node.stop('SIGKILL');
  await redis?.stop();
  await postgres?.stop();
});

const startNode = async (name: string) => {
  const node = await startRelayProcess({ dataDir: postgres!.url, redisUrl: redis!.url, name });
  nodes.push(node);
  return node;
};

function laptop(url: string, sender: string) {
  const link = new RelayLink({ urls: [url], keys: KEYS, sender, memberId: () => null, device: null, minDelayMs: 100, maxDelayMs: 500 });
  links.push(link);
  const doc = new Y.Doc();
  link.sync('b_goals', doc);
  const edit = (key: string, value: string) => doc.transact(() => doc.getMap('items').set(key, value), { source: 'link', linkId: 'window' });
  return { link, doc, edit };
}

it.skipIf(missing !== null)('nodes sharing a database converge, survive the database and Redis restarting, and leave it all in the database, unreadable', async () => {
  const nodeA = await startNode('pg-a');
  const nodeB = await startNode('pg-b');
  const berlin = laptop(nodeA.url, 'berlin');
  const shanghai = laptop(nodeB.url, 'shanghai');
  berlin.edit('g1', WRITTEN[0]!);
  shanghai.edit('g2', WRITTEN[1]!);
  await waitFor(() => berlin.doc.getMap('items').size === 2 && docHash(berlin.doc) === docHash(shanghai.doc), 20_000);

  await postgres!.restart();
  await redis!.restart();
  berlin.edit('g3', WRITTEN[2]!);
  shanghai.edit('g4', WRITTEN[3]!);
  await waitFor(() => berlin.doc.getMap('items').size === 4 && docHash(berlin.doc) === docHash(shanghai.doc), 40_000);
  // A store that met the restarted database is tried again within seconds.
  await new Promise((resolve) => setTimeout(resolve, 8_000));

  const expected = docHash(berlin.doc);
  for (const link of links.splice(0)) link.destroy();
  await Promise.all([nodeA.stop('SIGTERM'), nodeB.stop('SIGTERM')]);
  const dump = Buffer.concat([postgres!.dump(), redis!.dump()]);
  expect(dump.includes(Buffer.from('tandem_relay_envelopes'))).toBe(true);
  for (const text of [...WRITTEN, 'b_goals', 'berlin', 'shanghai']) expect(dump.includes(Buffer.from(text)), text).toBe(false);

  const fresh = await startNode('pg-c');
  const newcomer = laptop(fresh.url, 'newcomer');
  await waitFor(() => newcomer.doc.getMap('items').size === 4, 20_000);
  expect(docHash(newcomer.doc)).toBe(expected);
}, 150_000);

it.skipIf(missing !== null)('two nodes storing different changes into one row at the same moment both keep theirs, round after round', async () => {
  const [storeA, storeB] = await Promise.all([relayDatabaseStore(postgres!.url), relayDatabaseStore(postgres!.url)]);
  const name = `${'c'.repeat(32)}.${'d'.repeat(40)}`;
  const [a, b] = [new Y.Doc(), new Y.Doc()];
  try {
    for (let round = 0; round < 20; round++) {
      a.getArray<string>('blobs').push([`a${round}`]);
      b.getArray<string>('blobs').push([`b${round}`]);
      await Promise.all([storeA.store(name, Y.encodeStateAsUpdate(a)), storeB.store(name, Y.encodeStateAsUpdate(b))]);
    }
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await storeB.fetch(name))!);
    expect(stored.getArray<string>('blobs').toArray().sort()).toEqual([...Array.from({ length: 20 }, (_, i) => `a${i}`), ...Array.from({ length: 20 }, (_, i) => `b${i}`)].sort());
  } finally {
    await Promise.all([storeA.close(), storeB.close()]);
  }
}, 60_000);
