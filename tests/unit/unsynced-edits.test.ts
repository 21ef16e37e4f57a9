// Edits kept only in this browser: counted per local edit, remembered across a reload, dropped
// only once the peer's saved state vector covers them; and the file they are saved to is a
// backup the peer's own checks accept, of the same workspace.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initWorkspace } from '../../shared/model';
import { LOCAL_ORIGIN } from '../../shared/model/origin';
import { decodeBackup } from '../../electron/peer/backup';
import { UnsyncedEdits } from '../../renderer/src/docs/unsynced-edits';
import { encodeUnsyncedFile } from '../../renderer/src/docs/unsynced-file';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}
const asStorage = (s: MemoryStorage) => s as unknown as Storage;

const WORKSPACE_ID = 'w_unsynced';
const BOARD_ID = 'b_goals';

function workspaceDoc(): Y.Doc {
  const doc = new Y.Doc();
  initWorkspace(doc, { name: 'Ops & Product', member: { id: 'm_mei', name: 'Mei', team: 'product' }, goalsBoard: { id: BOARD_ID, name: 'Goals' } }, 1);
  return doc;
}

function boardWithEdit(): Y.Doc {
  const doc = new Y.Doc();
  edit(doc, 'written offline');
  return doc;
}

function edit(doc: Y.Doc, key: string): void {
  doc.transact(() => doc.getMap('m').set(key, key), LOCAL_ORIGIN);
}

describe('unsynced edits', () => {
  it('counts each local edit, not the updates that arrive from the peer or the cache', () => {
    const counts: number[] = [];
    const edits = new UnsyncedEdits(asStorage(new MemoryStorage()), (n) => counts.push(n));
    const doc = new Y.Doc();
    edits.watch('d1', doc);
    edit(doc, 'a');
    edit(doc, 'b');
    const remote = new Y.Doc();
    remote.getMap('m').set('r', 1);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), { source: 'link', linkId: 'peer' });
    expect(edits.count).toBe(2);
    expect(counts.at(-1)).toBe(2);
  });

  it('keeps an edit until the peer\'s saved state vector covers it', () => {
    const edits = new UnsyncedEdits(asStorage(new MemoryStorage()), () => undefined);
    const doc = new Y.Doc();
    edits.watch('d1', doc);
    edit(doc, 'a');
    const afterFirst = Y.encodeStateVector(doc);
    edit(doc, 'b');
    edits.acknowledge('d1', new Uint8Array([0]));
    expect(edits.count).toBe(2);
    edits.acknowledge('d1', afterFirst);
    expect(edits.count).toBe(1);
    edits.acknowledge('d1', Y.encodeStateVector(doc));
    expect(edits.count).toBe(0);
    expect(edits.docIds()).toEqual([]);
  });

  it('remembers what is unacknowledged across a reload of the page', () => {
    const storage = new MemoryStorage();
    const doc = new Y.Doc();
    const before = new UnsyncedEdits(asStorage(storage), () => undefined);
    before.watch('d1', doc);
    edit(doc, 'a');
    before.save(); // the page is hidden (a reload)
    const after = new UnsyncedEdits(asStorage(storage), () => undefined);
    expect(after.count).toBe(1);
    expect(after.docIds()).toEqual(['d1']);
    after.acknowledge('d1', Y.encodeStateVector(doc));
    after.save();
    expect(new UnsyncedEdits(asStorage(storage), () => undefined).count).toBe(0);
  });

  it('ignores a damaged record rather than failing to start', () => {
    const storage = new MemoryStorage();
    storage.setItem('tandem.unsynced', '{"d1": [[1, "x"], [2, 5]], "d2": 7');
    expect(new UnsyncedEdits(asStorage(storage), () => undefined).count).toBe(0);
    storage.setItem('tandem.unsynced', '{"d1": [[1, "x"], [2, 5]], "d2": 7}');
    expect(new UnsyncedEdits(asStorage(storage), () => undefined).count).toBe(1);
  });

  it('saves to a file that the peer reads as a backup of the same workspace', async () => {
    const file = await encodeUnsyncedFile({ workspaceId: WORKSPACE_ID, workspaceName: 'Ops & Product', appVersion: '0.0.0-test', createdAt: 1, docs: [{ id: WORKSPACE_ID, doc: workspaceDoc() }, { id: BOARD_ID, doc: boardWithEdit() }] });
    const decoded = decodeBackup(file);
    expect(decoded.header.workspaceId).toBe(WORKSPACE_ID);
    expect(decoded.contents.workspaceName).toBe('Ops & Product');
    const restored = new Y.Doc();
    Y.applyUpdate(restored, (decoded.docs.find((d) => d.id === BOARD_ID) as { update: Uint8Array }).update);
    expect(restored.getMap('m').get('written offline')).toBe('written offline');
  });

  it('writes a file whose damage the peer detects', async () => {
    const file = await encodeUnsyncedFile({ workspaceId: WORKSPACE_ID, workspaceName: 'W', appVersion: '0', createdAt: 1, docs: [{ id: WORKSPACE_ID, doc: workspaceDoc() }, { id: BOARD_ID, doc: boardWithEdit() }] });
    file.set([(file[file.length - 40] as number) ^ 0xff], file.length - 40);
    expect(() => decodeBackup(file)).toThrow(/checksum/);
  });
});
