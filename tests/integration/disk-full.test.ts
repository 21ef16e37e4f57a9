// A real hub whose data folder is on a small tmpfs that the test fills up: edits made through a
// real link meanwhile are not acknowledged, the hub says the disk is full, and once the filler
// is deleted they are written and acknowledged by themselves and survive a restart.
// Mounting needs root (CAP_SYS_ADMIN); where it is not permitted the test is skipped, saying why.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stateVectorCovers } from '../../renderer/src/link/link-client';
import { docJson } from '../support/doc-hash';
import { startHub, type RunningHub } from '../support/hub';
import { fillDisk, mountSmallTmpfs } from '../support/small-tmpfs';
import { LinkTestClient, waitFor } from './support/link-test-client';

const tmpfs = mountSmallTmpfs();
if (!tmpfs.ok) console.warn(`disk-full.test: skipped, a tmpfs cannot be mounted here: ${tmpfs.reason}`);
afterAll(() => {
  if (tmpfs.ok) tmpfs.unmount();
});
const mountPoint = tmpfs.ok ? tmpfs.dir : '';

const covered = (client: LinkTestClient, docId: string) => stateVectorCovers(client.saved.get(docId), Y.encodeStateVector(client.docs.get(docId)!));

it.skipIf(!tmpfs.ok)('edits made while the disk is full are not acknowledged, the hub says the disk is full, and after space frees they are written, acknowledged and kept across a restart', async () => {
  const dataDir = join(mountPoint, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  let hub: RunningHub | null = await startHub({ dataDir });
  const clients: LinkTestClient[] = [];
  try {
    const client = await LinkTestClient.connect(hub.port, hub.token);
    clients.push(client);
    const created = (await client.request('create-workspace', { workspaceName: 'Disk full', memberName: 'Mei', team: 'product', goalsBoardName: 'Goals' })) as { value: { workspace: { id: string } } };
    const docId = created.value.workspace.id;
    const doc = client.open(docId);
    doc.getMap('notes').set('before', 'saved while there was room');
    await client.waitSaved(docId);
    expect(client.hello?.storeWrites).toBe('ok');

    const filler = fillDisk(mountPoint);
    // Big enough to need new pages: a small record could still fit in the slack of the log's last page.
    for (let i = 0; i < 5; i++) doc.getMap('notes').set(`during-${i}`, `${i}`.repeat(20_000));
    await waitFor(() => client.hello?.storeWrites === 'disk-full');
    expect(client.hello?.notices.some((n) => n.code === 'store-write-failed' && /ENOSPC/.test(n.detail ?? ''))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // several retries fail meanwhile
    expect(covered(client, docId)).toBe(false);

    rmSync(filler);
    await client.waitSaved(docId);
    await waitFor(() => client.hello?.storeWrites === 'ok');
    expect(client.hello?.notices.filter((n) => n.code === 'store-write-failed')).toEqual([]);
    const expected = docJson(doc);
    client.close();
    await hub.stop();
    hub = null;

    hub = await startHub({ dataDir });
    const again = await LinkTestClient.connect(hub.port, hub.token);
    clients.push(again);
    const reloaded = again.open(docId);
    await waitFor(() => docJson(reloaded) === expected);
    expect(hub.output()).not.toMatch(/damaged/);
  } finally {
    for (const client of clients) client.close();
    await hub?.stop();
  }
});
