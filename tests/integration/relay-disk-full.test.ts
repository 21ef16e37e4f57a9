// A relay node whose disk fills up: a real node process storing on a small tmpfs, laptops'
// RelayLinks on real WebSockets. The laptops are told (and a laptop connecting meanwhile too),
// edits still reach teammates through the node, and once space is freed the node stores what it
// held in memory: after a crash and restart a newcomer pulls every edit from the node's disk.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { relayKeys } from '../../electron/peer/relay/relay-keys';
import { RelayLink } from '../../electron/peer/relay/relay-link';
import { docHash } from '../support/doc-hash';
import { startRelayProcess, type RunningRelayNode } from '../support/relay-node';
import { fillDisk, mountSmallTmpfs } from '../support/small-tmpfs';
import { waitFor } from './support/link-test-client';

const tmpfs = mountSmallTmpfs();
if (!tmpfs.ok) console.warn(`relay-disk-full.test: skipped, a tmpfs cannot be mounted here: ${tmpfs.reason}`);

const KEYS = relayKeys(new Uint8Array(32).fill(44));
const links: RelayLink[] = [];
const nodes: RunningRelayNode[] = [];

afterAll(async () => {
  for (const link of links) link.destroy();
  for (const node of nodes) await node.stop('SIGKILL');
  if (tmpfs.ok) tmpfs.unmount();
});

function laptop(url: string, sender: string) {
  const link = new RelayLink({ urls: [url], keys: KEYS, sender, memberId: () => `m_${sender}`, device: null, minDelayMs: 100, maxDelayMs: 500 });
  links.push(link);
  const doc = new Y.Doc();
  link.sync('b_feedback', doc);
  const edit = (key: string, value: string) => doc.transact(() => doc.getMap('items').set(key, value), { source: 'link', linkId: 'window' });
  return { link, doc, edit, status: () => link.status() };
}

it.skipIf(!tmpfs.ok)('a full relay disk is reported to every laptop, loses nothing, and what it held is stored once space is freed', async () => {
  const dataDir = join(tmpfs.ok ? tmpfs.dir : '', 'relay');
  mkdirSync(dataDir);
  const node = await startRelayProcess({ dataDir, name: 'full-node' });
  nodes.push(node);
  const berlin = laptop(node.url, 'berlin');
  const shanghai = laptop(node.url, 'shanghai');
  berlin.edit('i1', 'Export to CSV is slow');
  await waitFor(() => shanghai.doc.getMap('items').get('i1') === 'Export to CSV is slow', 10_000);
  expect(berlin.status().diskFull).toBe(false);

  const filler = fillDisk(tmpfs.ok ? tmpfs.dir : '');
  berlin.edit('i2', 'Dark mode for the dashboard');
  shanghai.edit('i3', '导出报表太慢');
  // Both laptops hear it; the edits still pass through the node's memory.
  await waitFor(() => berlin.status().diskFull && shanghai.status().diskFull, 15_000);
  await waitFor(() => docHash(berlin.doc) === docHash(shanghai.doc), 10_000);
  expect(node.output()).toContain('the disk is full');
  // A laptop that connects while the disk is full is told at once.
  const newcomer = laptop(node.url, 'newcomer');
  await waitFor(() => newcomer.status().diskFull, 10_000);
  await waitFor(() => docHash(newcomer.doc) === docHash(berlin.doc), 10_000);

  rmSync(filler);
  await waitFor(() => !berlin.status().diskFull && !shanghai.status().diskFull && !newcomer.status().diskFull, 20_000);
  expect(node.output()).toContain('the disk has room again');

  // Everyone leaves, the node crashes and restarts: what it has on disk is all there is.
  const expected = docHash(berlin.doc);
  for (const link of links.splice(0)) link.destroy();
  await node.stop('SIGKILL');
  const restarted = await startRelayProcess({ dataDir, name: 'full-node' });
  nodes.push(restarted);
  const late = laptop(restarted.url, 'late');
  await waitFor(() => late.status().connected && late.status().docsPending === 0, 15_000);
  await waitFor(() => docHash(late.doc) === expected, 10_000);
  expect(late.doc.getMap('items').get('i3')).toBe('导出报表太慢');
  expect(late.status().diskFull).toBe(false);
}, 90_000);
