// Syncing through the relay engine as it runs for a company: real relay node processes
// (Hocuspocus with Tandem's hooks) sharing a real Redis, peers' RelayLinks on real WebSockets.
// Offices on different nodes converge; what the relay stores holds no text or name; another
// workspace's token and another protocol are refused; a node and Redis restarting lose nothing.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { relayKeys } from '../../electron/peer/relay/relay-keys';
import { RelayLink, type RelayLinkStatus } from '../../electron/peer/relay/relay-link';
import { relayNamespace } from '../../shared/relay/relay-names';
import { docHash } from '../support/doc-hash';
import { startRedis, type TestRedis } from '../support/redis-server';
import { startRelayProcess, type RunningRelayNode } from '../support/relay-node';
import { waitFor } from './support/link-test-client';

const SECRET = new Uint8Array(32).fill(21);
const KEYS = relayKeys(SECRET);
const FAST = { minDelayMs: 100, maxDelayMs: 500 };
const WRITTEN = ['Acme Growth Squad', 'Weekly active users', 'Dark mode for the dashboard', 'Alice Zhang', '导出报表太慢'];

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-relay-'));
  dirs.push(dir);
  return dir;
};

function filesUnder(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    parts.push(Buffer.from(name));
    parts.push(statSync(path).isDirectory() ? filesUnder(path) : readFileSync(path));
  }
  return Buffer.concat(parts);
}

function laptop(url: string | string[], sender: string, secret = SECRET) {
  const statuses: RelayLinkStatus[] = [];
  const urls = typeof url === 'string' ? [url] : url;
  const link = new RelayLink({ urls, keys: relayKeys(secret), sender, memberId: () => `m_${sender}`, device: null, onDidChangeStatus: (s) => statuses.push(s), ...FAST });
  const docs = new Map<string, Y.Doc>();
  const doc = (id: string) => {
    let d = docs.get(id);
    if (!d) {
      d = new Y.Doc();
      docs.set(id, d);
      link.sync(id, d);
    }
    return d;
  };
  const edit = (id: string, key: string, value: string) => doc(id).transact(() => doc(id).getMap('items').set(key, value), { source: 'link', linkId: 'window' });
  return { link, doc, edit, statuses, last: () => link.status() };
}

let redis: TestRedis;
let nodeA: RunningRelayNode;
let nodeB: RunningRelayNode;
const links: RelayLink[] = [];
const track = <T extends { link: RelayLink }>(l: T): T => {
  links.push(l.link);
  return l;
};

beforeAll(async () => {
  redis = await startRedis();
  // Nodes behind one address share one database (here a folder): the engine stores each doc
  // from whichever node holds its lock.
  const data = tempDir();
  nodeA = await startRelayProcess({ dataDir: data, redisUrl: redis.url, name: 'node-a' });
  nodeB = await startRelayProcess({ dataDir: data, redisUrl: redis.url, name: 'node-b' });
}, 60_000);

afterAll(async () => {
  for (const link of links) link.destroy();
  await nodeA?.stop('SIGKILL');
  await nodeB?.stop('SIGKILL');
  await redis?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('two offices, each on its own relay node', () => {
  it('converge on every doc, and the relay stores and passes on nothing readable', async () => {
    const berlin = track(laptop(nodeA.url, 'berlin'));
    const shanghai = track(laptop(nodeB.url, 'shanghai'));
    berlin.edit('b_workspace', 'name', WRITTEN[0]!);
    berlin.edit('b_goals', 'g1', WRITTEN[1]!);
    shanghai.edit('b_feedback', 'i1', WRITTEN[2]!);
    shanghai.edit('b_workspace', 'member', WRITTEN[3]!);
    shanghai.edit('b_feedback', 'i2', WRITTEN[4]!);
    for (const id of ['b_workspace', 'b_goals', 'b_feedback']) {
      berlin.doc(id);
      shanghai.doc(id);
    }
    await waitFor(() => ['b_workspace', 'b_goals', 'b_feedback'].every((id) => docHash(berlin.doc(id)) === docHash(shanghai.doc(id))), 20_000);
    expect(shanghai.doc('b_goals').getMap('items').get('g1')).toBe(WRITTEN[1]);
    expect(berlin.doc('b_feedback').getMap('items').get('i2')).toBe(WRITTEN[4]);
    expect(berlin.last()).toMatchObject({ connected: true, refusal: null, docsPending: 0, refusedBlobs: {} });

    // Stored by both nodes (debounced), and in Redis while it fans out: search all of it.
    await new Promise((r) => setTimeout(r, 2_500));
    const stored = Buffer.concat([filesUnder(nodeA.dataDir), redis.dump()]);
    expect(stored.length).toBeGreaterThan(0);
    expect(readdirSync(nodeA.dataDir)).toEqual([relayNamespace(KEYS.token)]);
    for (const text of [...WRITTEN, 'b_goals', 'b_feedback', 'berlin', 'shanghai']) expect(stored.includes(Buffer.from(text)), text).toBe(false);
  });

  it('keeps a quiet laptop connected on one heartbeat, and shows no laptop on any board', async () => {
    const { HocuspocusProvider } = await import('@hocuspocus/provider');
    const WebSocket = (await import('ws')).default;
    const quiet = track(laptop(nodeA.url, 'quiet'));
    for (const id of ['b_quiet1', 'b_quiet2', 'b_quiet3']) quiet.doc(id);
    await waitFor(() => quiet.last().connected && quiet.last().docsPending === 0, 10_000);
    const connectedAt = quiet.statuses.length;

    // Anyone holding the token (the relay itself, too) joins a board's envelope on either node
    // and listens for presence through the heartbeats: it hears only the other listener. Each laptop's one
    // heartbeat is on a doc of its own.
    const observers = [nodeA, nodeB].map((node) => new HocuspocusProvider({ url: node.url, name: KEYS.envelopeName('b_quiet1'), document: new Y.Doc(), token: `1.${KEYS.token}`, WebSocketPolyfill: WebSocket } as never));
    try {
      await waitFor(() => observers.every((observer) => observer.isSynced), 10_000);
      // The provider drops a connection that hears nothing for 30 s: the heartbeat keeps this one.
      await new Promise((r) => setTimeout(r, 36_000));
      const ours = observers.map((observer) => observer.document.clientID);
      for (const observer of observers) expect([...observer.awareness!.getStates().keys()].filter((id) => !ours.includes(id))).toEqual([]);
    } finally {
      observers.forEach((observer) => observer.destroy());
    }
    expect(quiet.statuses.slice(connectedAt).every((s) => s.connected)).toBe(true);
    expect(quiet.last()).toMatchObject({ connected: true, docsPending: 0 });
  }, 60_000);

  it('refuses another workspace’s token and another relay protocol, with a reason the peer can name', async () => {
    const stranger = track(laptop(nodeA.url, 'stranger', new Uint8Array(32).fill(99)));
    // The stranger asks for our doc under its own token: the names differ, so it cannot even ask;
    // asking for our envelope name outright is refused by the auth hook.
    const ours = KEYS.envelopeName('b_goals');
    const { HocuspocusProvider } = await import('@hocuspocus/provider');
    const WebSocket = (await import('ws')).default;
    const reasons: string[] = [];
    const envelope = new Y.Doc();
    const probe = new HocuspocusProvider({ url: nodeA.url, name: ours, document: envelope, token: `1.${relayKeys(new Uint8Array(32).fill(99)).token}`, onAuthenticationFailed: ({ reason }: { reason: string }) => reasons.push(reason), WebSocketPolyfill: WebSocket } as never);
    const oldProtocol = new HocuspocusProvider({ url: nodeA.url, name: ours, document: new Y.Doc(), token: `0.${KEYS.token}`, onAuthenticationFailed: ({ reason }: { reason: string }) => reasons.push(reason), WebSocketPolyfill: WebSocket } as never);
    await waitFor(() => reasons.length === 2, 10_000);
    expect(reasons.sort()).toEqual(['relay-protocol', 'relay-token']);
    expect(envelope.getArray('sealed').length).toBe(0);
    probe.destroy();
    oldProtocol.destroy();
    stranger.doc('b_goals');
    await waitFor(() => stranger.last().docsPending === 0, 10_000);
    expect(stranger.doc('b_goals').getMap('items').size).toBe(0);
  });

  it('serves only the namespaces an operator allows, and says so', async () => {
    const allowFile = join(tempDir(), 'allow.txt');
    writeFileSync(allowFile, `# teams we relay for\n${relayNamespace(relayKeys(new Uint8Array(32).fill(5)).token)}\n`);
    const closed = await startRelayProcess({ dataDir: tempDir(), name: 'node-closed', allowFile });
    try {
      const outsider = track(laptop(closed.url, 'outsider'));
      outsider.doc('b_goals');
      await waitFor(() => outsider.last().refusal === 'relay-not-served', 10_000);
    } finally {
      await closed.stop('SIGKILL');
    }
  });

  it('loses nothing when a node crashes and comes back, or Redis restarts between two edits', async () => {
    const berlin = track(laptop(nodeA.url, 'berlin-2'));
    const shanghai = track(laptop(nodeB.url, 'shanghai-2'));
    berlin.edit('b_plan', 'p1', 'before the crash');
    await waitFor(() => shanghai.doc('b_plan').getMap('items').get('p1') === 'before the crash', 15_000);

    await redis.restart();
    berlin.edit('b_plan', 'p2', 'after Redis restarted');
    shanghai.edit('b_plan', 'p3', 'from the other office');
    await waitFor(() => docHash(berlin.doc('b_plan')) === docHash(shanghai.doc('b_plan')) && berlin.doc('b_plan').getMap('items').size === 3, 40_000);

    await nodeA.stop('SIGKILL');
    berlin.edit('b_plan', 'p4', 'while my relay node was down');
    nodeA = await startRelayProcess({ dataDir: nodeA.dataDir, redisUrl: redis.url, name: 'node-a', port: nodeA.port });
    await waitFor(() => shanghai.doc('b_plan').getMap('items').get('p4') === 'while my relay node was down', 40_000);
    expect(docHash(berlin.doc('b_plan'))).toBe(docHash(shanghai.doc('b_plan')));
    expect(berlin.last().refusedBlobs).toEqual({});

    // Every node and Redis go down (SIGTERM: each stores what it holds) and come back: a laptop
    // that never met the others pulls everything from the relay's database alone.
    berlin.link.destroy();
    shanghai.link.destroy();
    await Promise.all([nodeA.stop('SIGTERM'), nodeB.stop('SIGTERM')]);
    await redis.restart();
    nodeA = await startRelayProcess({ dataDir: nodeA.dataDir, redisUrl: redis.url, name: 'node-a' });
    nodeB = await startRelayProcess({ dataDir: nodeB.dataDir, redisUrl: redis.url, name: 'node-b' });
    const newcomer = track(laptop(nodeB.url, 'newcomer'));
    await waitFor(() => newcomer.doc('b_plan').getMap('items').size === 4, 40_000);
    expect(docHash(newcomer.doc('b_plan'))).toBe(docHash(shanghai.doc('b_plan')));
  }, 150_000);

  it('moves a laptop to the next node when its node dies mid-sync, losing nothing', async () => {
    // Berlin knows both nodes (as an invite gives them) and starts on node A; Shanghai is on B.
    const berlin = track(laptop([nodeA.url, nodeB.url], 'berlin-3'));
    const shanghai = track(laptop(nodeB.url, 'shanghai-3'));
    for (let i = 0; i < 20; i++) berlin.edit('b_launch', `before-${i}`, `planned ${i}`);
    await waitFor(() => berlin.last().connected && berlin.last().url === nodeA.url, 10_000);
    shanghai.doc('b_launch');
    await waitFor(() => shanghai.doc('b_launch').getMap('items').size >= 1, 15_000);

    // Node A dies mid-sync and stays down: Berlin's edits go on, and reach Shanghai through B.
    const stopping = nodeA.stop('SIGKILL');
    for (let i = 0; i < 20; i++) berlin.edit('b_launch', `during-${i}`, `while node A was gone ${i}`);
    await stopping;
    shanghai.edit('b_launch', 'reply', '收到，上海这边已更新');
    await waitFor(() => docHash(berlin.doc('b_launch')) === docHash(shanghai.doc('b_launch')) && shanghai.doc('b_launch').getMap('items').size === 41, 30_000);
    expect(berlin.last()).toMatchObject({ connected: true, url: nodeB.url, urls: [nodeA.url, nodeB.url], refusedBlobs: {} });
    expect(berlin.doc('b_launch').getMap('items').get('reply')).toBe('收到，上海这边已更新');

    nodeA = await startRelayProcess({ dataDir: nodeA.dataDir, redisUrl: redis.url, name: 'node-a', port: nodeA.port });
  }, 90_000);
});
