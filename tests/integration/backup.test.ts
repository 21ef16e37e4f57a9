// Backing up and restoring a workspace between real hub processes: a backup restored into a
// fresh data folder holds exactly the same content, durably; an older backup merges into the
// same workspace without losing anything; and a bad backup file changes no byte on disk.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { BLOB_LIMITS } from '../../shared/api/link';
import { addCheckIn, addKpi, createGoal, readGoalsBoard, SCHEMA_VERSION } from '../../shared/model';
import { encodeFrame, MessageType, readFrameHead } from '../../shared/protocol/frame';
import { decodeBackup, encodeBackup } from '../../electron/peer/backup';
import { removeDir, startHub, tempDataDir, type RunningHub } from '../support/hub';
import { contentHash } from '../unit/support/docs';
import { LinkTestClient, waitFor } from './support/link-test-client';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Response = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; messageKey: string; params?: Record<string, unknown> } };

async function hubOn(dataDir = tempDataDir()): Promise<RunningHub> {
  const hub = await startHub({ dataDir });
  cleanups.push(() => removeDir(dataDir));
  cleanups.push(async () => void (await hub.stop()));
  return hub;
}

/** A test client that also sends and receives blobs (`MessageType.blobChunk`). */
async function connect(hub: RunningHub) {
  const client = await LinkTestClient.connect(hub.port, hub.token);
  cleanups.push(() => client.close());
  const incoming = new Map<number, Buffer[]>();
  client.ws.on('message', (data: Buffer) => {
    const { docId, type, decoder } = readFrameHead(new Uint8Array(data));
    if (docId !== '' || type !== MessageType.blobChunk) return;
    const id = decoding.readVarUint(decoder);
    incoming.set(id, [...(incoming.get(id) ?? []), Buffer.from(decoding.readVarUint8Array(decoder))]);
  });
  await waitFor(() => client.hello !== null);
  let nextBlobId = 1;
  return {
    client,
    async createBackup(): Promise<Uint8Array> {
      const response = (await client.request('create-backup', {})) as Response;
      if (!response.ok) throw new Error(`create-backup refused: ${response.error.messageKey}`);
      const blob = response.value.blob as { id: number; size: number };
      const bytes = Buffer.concat(incoming.get(blob.id) ?? []);
      expect(bytes.length).toBe(blob.size);
      return new Uint8Array(bytes);
    },
    async sendBackup(bytes: Uint8Array, mode: 'inspect' | 'restore', memberId?: string): Promise<Response> {
      const id = nextBlobId++;
      for (let offset = 0; offset < bytes.length; offset += BLOB_LIMITS.chunkBytes) {
        client.ws.send(encodeFrame('', MessageType.blobChunk, (e) => {
          encoding.writeVarUint(e, id);
          encoding.writeVarUint8Array(e, bytes.subarray(offset, offset + BLOB_LIMITS.chunkBytes));
        }));
      }
      return (await client.request('restore-backup', { mode, blob: { id, size: bytes.length }, ...(memberId ? { memberId } : {}) })) as Response;
    },
  };
}

async function workspaceWithGoals(client: LinkTestClient) {
  const response = (await client.request('create-workspace', { workspaceName: 'Ops & Product 运营', memberName: 'Mei', team: 'operations', goalsBoardName: 'Goals' })) as { value: { workspace: { id: string; memberId: string } } };
  const { id: workspaceId, memberId } = response.value.workspace;
  const ws = client.open(workspaceId);
  await waitFor(() => ws.getMap('boards').size === 1);
  const boardId = [...ws.getMap('boards').keys()][0] as string;
  const board = client.open(boardId);
  await waitFor(() => board.getMap('meta').get('kind') === 'goals');
  const goalId = createGoal(board, { title: 'Grow weekly active users', team: 'shared', period: { kind: 'quarter', start: '2025-01-01', end: '2025-03-31' }, createdBy: memberId });
  const kpiId = addKpi(board, { goalId, name: 'Weekly active users', unit: 'number', direction: 'increase', baseline: 1000, target: 2000 });
  addCheckIn(board, { kpiId, value: 1500, date: '2025-02-01', note: 'after the spring campaign', authorId: memberId });
  createGoal(board, { title: 'Halve support tickets', team: 'operations', period: { kind: 'quarter', start: '2025-01-01', end: '2025-03-31' }, createdBy: memberId });
  await client.waitSaved(boardId);
  await client.waitSaved(workspaceId);
  return { workspaceId, boardId, memberId };
}

/** Every file under `dir` with a hash of its bytes and its size, to prove nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const path = join(sub, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[path] = `${statSync(join(dir, path)).size}:${createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')}`;
    }
  };
  walk('');
  return files;
}

/** The docs of a decoded backup, each with a hash of its content. */
function hashesOf(backup: Uint8Array): Map<string, string> {
  return new Map(decodeBackup(backup).docs.map(({ id, update }) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    return [id, contentHash(doc)];
  }));
}

describe('backing up and restoring a workspace', () => {
  it('restores a backup into a fresh data folder with every doc identical, durably', async () => {
    const source = await connect(await hubOn());
    const { workspaceId, boardId, memberId } = await workspaceWithGoals(source.client);
    const backup = await source.createBackup();
    const expected = new Map([
      [workspaceId, contentHash(source.client.docs.get(workspaceId) as Y.Doc)],
      [boardId, contentHash(source.client.docs.get(boardId) as Y.Doc)],
    ]);
    expect(hashesOf(backup)).toEqual(expected);

    const targetHub = await hubOn();
    const emptyDir = targetHub.dataDir;
    const target = await connect(targetHub);
    expect(target.client.hello?.workspace).toBeNull();
    const inspected = await target.sendBackup(backup, 'inspect');
    expect(inspected).toMatchObject({ ok: true, value: { summary: { workspaceId, workspaceName: 'Ops & Product 运营', boards: 1, docs: 2, target: 'empty', members: [{ id: memberId, name: 'Mei', team: 'operations' }] } } });
    expect(readdirSync(emptyDir).sort()).not.toContain('workspace.json');

    const restored = await target.sendBackup(backup, 'restore', memberId);
    expect(restored).toMatchObject({ ok: true, value: { workspace: { id: workspaceId, memberId } } });
    await waitFor(() => target.client.hello?.workspace?.id === workspaceId);
    for (const [docId, hash] of expected) {
      const doc = target.client.open(docId);
      await waitFor(() => contentHash(doc) === hash);
    }

    // On disk, not only in memory: a restarted hub serves the same content under the same identity.
    target.client.close();
    expect(await targetHub.stop()).toBe(0);
    const again = await startHub({ dataDir: emptyDir });
    cleanups.push(async () => void (await again.stop()));
    const reader = await connect(again);
    expect(reader.client.hello?.workspace).toEqual({ id: workspaceId, memberId });
    for (const [docId, hash] of expected) {
      const doc = reader.client.open(docId);
      await waitFor(() => contentHash(doc) === hash);
    }
    const board = readGoalsBoard(reader.client.docs.get(boardId) as Y.Doc, '2025-06-01');
    expect(board.goals.map((g) => g.title).sort()).toEqual(['Grow weekly active users', 'Halve support tickets']);
    expect(board.goals.flatMap((g) => g.kpis).flatMap((k) => k.checkIns).map((c) => c.note)).toEqual(['after the spring campaign']);
  });

  it('merges an older backup into the same workspace without losing newer edits', async () => {
    const hub = await hubOn();
    const peer = await connect(hub);
    const { workspaceId, boardId, memberId } = await workspaceWithGoals(peer.client);
    const backup = await peer.createBackup();
    const board = peer.client.docs.get(boardId) as Y.Doc;
    createGoal(board, { title: 'Made after the backup', team: 'product', period: { kind: 'quarter', start: '2025-01-01', end: '2025-03-31' }, createdBy: memberId });
    await peer.client.waitSaved(boardId);
    const before = contentHash(board);

    const inspected = await peer.sendBackup(backup, 'inspect');
    expect(inspected).toMatchObject({ ok: true, value: { summary: { target: 'same-workspace' } } });
    // A member id asked for is ignored: this laptop keeps being who it was.
    const restored = await peer.sendBackup(backup, 'restore', 'm_someoneelse00001');
    expect(restored).toMatchObject({ ok: true, value: { workspace: { id: workspaceId, memberId } } });
    expect(contentHash(board)).toBe(before);
    const fresh = await LinkTestClient.connect(hub.port, hub.token);
    cleanups.push(() => fresh.close());
    const copy = fresh.open(boardId);
    await waitFor(() => contentHash(copy) === before);
    expect(readGoalsBoard(copy, '2025-06-01').goals.map((g) => g.title)).toContain('Made after the backup');
  });

  it('refuses a damaged, cut, newer or foreign backup with its reason and changes no byte on disk', async () => {
    const source = await connect(await hubOn());
    await workspaceWithGoals(source.client);
    const backup = await source.createBackup();
    const flipped = backup.slice();
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = (flipped[middle] as number) ^ 0xff;
    const decoded = decodeBackup(backup);
    const docs = decoded.docs.map(({ id, update }) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, update);
      if (id === decoded.header.workspaceId) doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
      return { id, doc };
    });
    const newer = encodeBackup({ ...decoded.header, docs });
    const cases: [string, Uint8Array, string][] = [
      ['flipped byte', flipped, 'errors.backupDamaged'],
      ['cut short', backup.subarray(0, backup.length - 100), 'errors.backupTruncated'],
      ['newer schema', newer, 'errors.backupNewerVersion'],
      ['not a backup', Buffer.from('title,votes\nDark mode,3\n'), 'errors.backupNotABackup'],
    ];

    // Into an empty install: nothing is written, no workspace is named.
    const emptyHub = await hubOn();
    const empty = await connect(emptyHub);
    const emptyBefore = snapshot(emptyHub.dataDir);
    for (const [name, bytes, messageKey] of cases) {
      for (const mode of ['inspect', 'restore'] as const) {
        const response = await empty.sendBackup(bytes, mode);
        expect(response.ok ? 'accepted' : response.error.messageKey, `${name} (${mode})`).toBe(messageKey);
      }
    }
    expect(snapshot(emptyHub.dataDir)).toEqual(emptyBefore);
    expect(empty.client.closed).toBe(false);

    // Into another workspace: the same refusals, and a good backup of a different workspace is refused too.
    const otherHub = await hubOn();
    const other = await connect(otherHub);
    await workspaceWithGoals(other.client);
    const otherBefore = snapshot(otherHub.dataDir);
    for (const [name, bytes, messageKey] of [...cases, ['another workspace', backup, 'errors.backupOtherWorkspace'] as [string, Uint8Array, string]]) {
      const response = await other.sendBackup(bytes, 'restore');
      expect(response.ok ? 'accepted' : response.error.messageKey, name).toBe(messageKey);
    }
    expect(snapshot(otherHub.dataDir)).toEqual(otherBefore);
    expect(otherHub.output()).toContain('request refused');
  });

  it('drops a link that opens more blobs than allowed, and keeps serving others', async () => {
    const hub = await hubOn();
    const good = await connect(hub);
    const bad = await LinkTestClient.connect(hub.port, hub.token);
    for (let id = 1; id <= BLOB_LIMITS.maxOpen + 1; id++) {
      bad.ws.send(encodeFrame('', MessageType.blobChunk, (e) => {
        encoding.writeVarUint(e, id);
        encoding.writeVarUint8Array(e, new Uint8Array([1, 2, 3]));
      }));
    }
    await waitFor(() => bad.closed);
    expect(good.client.closed).toBe(false);
    expect(hub.output()).toContain('too-many-blobs');
  });
});
