// A laptop that restarts asks the relay only for what changed: its envelope docs are kept in
// its data folder (EnvelopeCache). Real relay node process, real RelayLinks on WebSockets, real
// files; the bytes the relay sends after the restart are counted with the copy and without it.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EnvelopeCache, ENVELOPES_DIR } from '../../electron/peer/relay/envelope-cache';
import { ENVELOPE_ORIGIN } from '../../electron/peer/relay/envelope-mirror';
import { relayKeys } from '../../electron/peer/relay/relay-keys';
import { RelayLink } from '../../electron/peer/relay/relay-link';
import { relayNamespace } from '../../shared/relay/relay-names';
import { docHash } from '../support/doc-hash';
import { startRelayProcess, type RunningRelayNode } from '../support/relay-node';
import { waitFor } from './support/link-test-client';

const KEYS = relayKeys(new Uint8Array(32).fill(61));
const DOC = 'b_feedback';
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-envcache-'));
  dirs.push(dir);
  return dir;
};
let node: RunningRelayNode;

beforeAll(async () => {
  node = await startRelayProcess({ dataDir: tempDir(), name: 'cache-node' });
}, 30_000);

afterAll(async () => {
  await node?.stop('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const copyOf = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

/** A laptop's link with its envelope copies in `dataDir`; counts the bytes that arrive from the relay. */
function laptop(dataDir: string, sender: string, replica: Y.Doc, cached: Uint8Array | null) {
  const cache = new EnvelopeCache({ dataDir, delayMs: 50 });
  let received = 0;
  const link = new RelayLink({
    urls: [node.url],
    keys: KEYS,
    sender,
    memberId: () => null,
    device: null,
    minDelayMs: 100,
    maxDelayMs: 500,
    cache: {
      watch: (name, envelope) => {
        cache.watch(name, envelope);
        envelope.on('update', (update: Uint8Array, origin: unknown) => origin !== ENVELOPE_ORIGIN && (received += update.length));
      },
      unwatch: (name) => cache.unwatch(name),
    },
  });
  link.sync(DOC, replica, cached);
  return { link, cache, received: () => received };
}

it('a restarted laptop with its envelope copy pulls only what changed; without it, everything', async () => {
  const dataDir = tempDir();
  const replica = new Y.Doc();
  const first = laptop(dataDir, 'berlin', replica, null);
  for (let i = 0; i < 40; i++) replica.transact(() => replica.getMap('items').set(`i${i}`, `Feedback number ${i}: export is slow `.repeat(20)), { source: 'link', linkId: 'window' });
  await waitFor(() => first.link.status().connected && first.link.status().docsPending === 0, 10_000);
  // A teammate reads it all from the relay, then the laptop quits (its copy written first).
  const teammateReplica = new Y.Doc();
  const teammate = laptop(tempDir(), 'shanghai', teammateReplica, null);
  await waitFor(() => teammate.received() > 0 && first.link.blobCount(DOC) > 0, 10_000);
  first.link.destroy();
  await first.cache.flush();
  expect(readdirSync(join(dataDir, ENVELOPES_DIR))).toEqual([relayNamespace(KEYS.token)]);

  // Restarted with its replica and its envelope copy.
  const name = KEYS.envelopeName(DOC);
  const restartedReplica = copyOf(replica);
  const withCopy = laptop(dataDir, 'berlin', restartedReplica, await first.cache.load(name));
  await waitFor(() => withCopy.link.status().connected && withCopy.link.status().docsPending === 0, 10_000);
  // Restarted with its replica but no copy (a laptop before this change, or a lost file).
  const noCopy = laptop(tempDir(), 'berlin', copyOf(replica), null);
  await waitFor(() => noCopy.link.status().connected && noCopy.link.status().docsPending === 0, 10_000);

  const envelopeBytes = teammate.received();
  expect(noCopy.received()).toBeGreaterThan(envelopeBytes / 2);
  expect(withCopy.received()).toBeLessThan(envelopeBytes / 20);
  // And it still syncs: an edit after the restart reaches the teammate.
  restartedReplica.transact(() => restartedReplica.getMap('items').set('after', 'after the restart'), { source: 'link', linkId: 'window' });
  await waitFor(() => teammateReplica.getMap('items').get('after') === 'after the restart', 10_000);
  expect(docHash(teammateReplica)).toBe(docHash(restartedReplica));
  for (const l of [withCopy, noCopy, teammate]) l.link.destroy();
});

it('copies sealed under another secret are deleted, and all of them when the relay is removed', async () => {
  const dataDir = tempDir();
  const cache = new EnvelopeCache({ dataDir, delayMs: 10 });
  const old = relayKeys(new Uint8Array(32).fill(62));
  const envelope = new Y.Doc();
  cache.watch(old.envelopeName(DOC), envelope);
  envelope.getArray('sealed').push([new Uint8Array([1, 2, 3])]);
  await cache.flush();
  cache.watch(KEYS.envelopeName(DOC), envelope);
  envelope.getArray('sealed').push([new Uint8Array([4])]);
  await cache.flush();
  expect(readdirSync(join(dataDir, ENVELOPES_DIR)).sort()).toEqual([relayNamespace(old.token), relayNamespace(KEYS.token)].sort());
  await cache.keepOnly(relayNamespace(KEYS.token));
  expect(readdirSync(join(dataDir, ENVELOPES_DIR))).toEqual([relayNamespace(KEYS.token)]);
  expect(await cache.load(old.envelopeName(DOC))).toBeNull();
  await cache.keepOnly(null);
  expect(readdirSync(join(dataDir, ENVELOPES_DIR))).toEqual([]);
});
