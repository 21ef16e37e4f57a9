// The workspace backup file: a round trip keeps every doc's content, and every way a file can
// be wrong (a flipped byte anywhere, cut short, not ours, from a newer Tandem, absurdly large)
// is refused with its own translated reason before anything could be written.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PeerRefusal } from '../../shared/api/link';
import { backupEn } from '../../shared/i18n/backup.en';
import { backupZhCN } from '../../shared/i18n/backup.zh-CN';
import { addCheckIn, addKpi, createGoal, initGoalsBoard, initWorkspace, SCHEMA_VERSION, upsertMember } from '../../shared/model';
import { BACKUP_FORMAT_VERSION, BackupError, decodeBackup, encodeBackup, MAX_BACKUP_BYTES, MAX_HEADER_BYTES, writeBackupFile, type BackupErrorCode, type BackupHeader } from '../../electron/peer/backup';
import { contentHash, goalInput, thrown } from './support/docs';

const WORKSPACE_ID = 'w_backup0000000001';
const BOARD_ID = 'b_backup0000000001';
const MEI = 'm_mei0000000000001';

function workspace() {
  const board = new Y.Doc();
  initGoalsBoard(board, SCHEMA_VERSION);
  const goalId = createGoal(board, goalInput({ title: 'Grow weekly active users', createdBy: MEI }));
  const kpiId = addKpi(board, { goalId, name: 'Weekly active users', unit: 'number', direction: 'increase', baseline: 1000, target: 2000 });
  addCheckIn(board, { kpiId, value: 1500, date: '2026-05-01', note: '半程 🎉', authorId: MEI });
  const ws = new Y.Doc();
  initWorkspace(ws, { name: 'Ops & Product 运营', member: { id: MEI, name: 'Mei', team: 'operations' }, goalsBoard: { id: BOARD_ID, name: 'Goals' } }, 1);
  upsertMember(ws, { id: 'm_sam0000000000001', name: 'Sam', team: 'product' }, 2);
  return { ws, board };
}

function backupOf(docs = workspace()): Uint8Array {
  return encodeBackup({
    workspaceId: WORKSPACE_ID,
    workspaceName: 'Ops & Product 运营',
    appVersion: '0.1.0',
    createdAt: Date.UTC(2026, 4, 2),
    docs: [
      { id: WORKSPACE_ID, doc: docs.ws },
      { id: BOARD_ID, doc: docs.board },
    ],
  });
}

function header(overrides: Partial<BackupHeader> = {}, updates: Uint8Array[] = []): BackupHeader {
  return { workspaceId: WORKSPACE_ID, workspaceName: 'x', schemaVersion: SCHEMA_VERSION, appVersion: '0.1.0', createdAt: 0, docs: updates.map((u, i) => ({ id: i === 0 ? WORKSPACE_ID : `b_doc${i}00000000000`, bytes: u.byteLength })), ...overrides };
}

function refusal(bytes: Uint8Array): BackupError {
  const error = thrown(() => decodeBackup(bytes));
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

function expectRefusal(bytes: Uint8Array, code: BackupErrorCode): BackupError {
  const error = refusal(bytes);
  expect(error.code, error.message).toBe(code);
  return error;
}

const flip = (bytes: Uint8Array, at: number, mask = 0xff) => {
  const copy = bytes.slice();
  copy[at] = (copy[at] as number) ^ mask;
  return copy;
};

describe('a backup file', () => {
  it('holds every doc of the workspace, content identical, and says what it holds', () => {
    const docs = workspace();
    const decoded = decodeBackup(backupOf(docs));
    expect(decoded.header).toMatchObject({ workspaceId: WORKSPACE_ID, schemaVersion: SCHEMA_VERSION, appVersion: '0.1.0', createdAt: Date.UTC(2026, 4, 2) });
    // The workspace doc comes last, so its board index never names a board not yet written.
    expect(decoded.docs.map((d) => d.id)).toEqual([BOARD_ID, WORKSPACE_ID]);
    const restored = (id: string) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, decoded.docs.find((d) => d.id === id)?.update as Uint8Array);
      return doc;
    };
    expect(contentHash(restored(WORKSPACE_ID))).toBe(contentHash(docs.ws));
    expect(contentHash(restored(BOARD_ID))).toBe(contentHash(docs.board));
    expect(decoded.contents).toMatchObject({
      workspaceId: WORKSPACE_ID,
      workspaceName: 'Ops & Product 运营',
      boards: 1,
      docs: 2,
      members: [
        { id: MEI, name: 'Mei', team: 'operations' },
        { id: 'm_sam0000000000001', name: 'Sam', team: 'product' },
      ],
    });
  });

  it('starts with its tag and format version', () => {
    const bytes = backupOf();
    expect(Buffer.from(bytes.subarray(0, 14)).toString('ascii')).toBe('TANDEM-BACKUP\n');
    expect(Buffer.from(bytes).readUInt32BE(14)).toBe(BACKUP_FORMAT_VERSION);
  });

  it('with any one byte flipped, anywhere, is refused as damaged', () => {
    const bytes = backupOf();
    for (let at = 0; at < bytes.length; at++) {
      for (const mask of [0xff, 0x01]) {
        const error = refusal(flip(bytes, at, mask));
        if (error.code !== 'damaged') expect.fail(`flipping byte ${at} with ${mask} gave ${error.code}: ${error.detail}`);
      }
    }
  });

  it('cut short at any length is refused as incomplete', () => {
    const bytes = backupOf();
    for (let length = 1; length < bytes.length; length++) {
      const error = refusal(bytes.subarray(0, length));
      if (error.code !== 'truncated') expect.fail(`cut at ${length} gave ${error.code}: ${error.detail}`);
    }
  });

  it('with bytes after its end is refused as damaged', () => {
    const bytes = backupOf();
    expectRefusal(Buffer.concat([bytes, Buffer.from('extra')]), 'damaged');
  });

  it('that is some other file is refused as not a backup', () => {
    expectRefusal(new Uint8Array(0), 'not-a-backup');
    expectRefusal(Buffer.from('title,votes\nDark mode,3\n'), 'not-a-backup');
    expectRefusal(Buffer.from('{"workspace":"w_1"}'), 'not-a-backup');
    expectRefusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), 'not-a-backup');
    expectRefusal(Buffer.from('TANDEM-BACKUX\n'.replace('TANDEM', 'PANDAS')), 'not-a-backup');
  });

  it('from a newer format version is refused as from a newer Tandem', () => {
    const update = Y.encodeStateAsUpdate(workspace().ws);
    expectRefusal(writeBackupFile(header({}, [update]), [update], BACKUP_FORMAT_VERSION + 1), 'newer-version');
  });

  it('whose header claims a newer schema is refused as from a newer Tandem', () => {
    const update = Y.encodeStateAsUpdate(workspace().ws);
    const error = expectRefusal(writeBackupFile(header({ schemaVersion: SCHEMA_VERSION + 1 }, [update]), [update]), 'newer-version');
    expect(error.params).toEqual({ version: SCHEMA_VERSION + 1 });
  });

  it('holding a doc of a newer schema is refused even when its header does not say so', () => {
    const docs = workspace();
    docs.board.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    const updates = [Y.encodeStateAsUpdate(docs.ws), Y.encodeStateAsUpdate(docs.board)];
    expectRefusal(writeBackupFile(header({}, updates), updates), 'newer-version');
    // And written honestly, the header says so itself.
    expect(decodeHeaderVersion(backupOf(docs))).toBe(SCHEMA_VERSION + 1);
  });

  it('with an oversized header is refused as too large, before the header is read', () => {
    const update = Y.encodeStateAsUpdate(workspace().ws);
    const padded = { ...header({}, [update]), padding: 'x'.repeat(MAX_HEADER_BYTES) } as BackupHeader;
    expectRefusal(writeBackupFile(padded, [update]), 'too-large');
  });

  it('larger than any backup can be is refused as too large, naming the limit', () => {
    const error = expectRefusal(new Uint8Array(MAX_BACKUP_BYTES + 1), 'too-large');
    expect(error.params).toEqual({ max: 256 });
  });

  it('that is intact but inconsistent inside is refused as damaged', () => {
    const docs = workspace();
    const updates = [Y.encodeStateAsUpdate(docs.ws), Y.encodeStateAsUpdate(docs.board)];
    // Lengths that do not add up, a doc id twice, no workspace doc, a doc that is not Yjs, an empty workspace.
    expectRefusal(writeBackupFile(header({ docs: [{ id: WORKSPACE_ID, bytes: 1 }] }, updates), updates), 'damaged');
    const twice = header({}, updates);
    expectRefusal(writeBackupFile({ ...twice, docs: twice.docs.map((d) => ({ ...d, id: WORKSPACE_ID })) }, updates), 'damaged');
    expectRefusal(writeBackupFile(header({ workspaceId: 'w_other00000000001' }, updates), updates), 'damaged');
    const garbage = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x13, 0x37]);
    expectRefusal(writeBackupFile(header({}, [updates[0] as Uint8Array, garbage]), [updates[0] as Uint8Array, garbage]), 'damaged');
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    expectRefusal(writeBackupFile(header({}, [empty]), [empty]), 'damaged');
    expectRefusal(writeBackupFile({ ...header({}, updates), createdAt: -1 }, updates), 'damaged');
  });

  it('refuses with reasons that read well in English and Chinese', () => {
    const keys = ['not-a-backup', 'damaged', 'newer-version', 'truncated', 'too-large'].map((code) => new BackupError(code as BackupErrorCode, '').messageKey);
    keys.push('errors.backupOtherWorkspace', 'errors.backupWriteFailed', 'errors.backupNoWorkspace', 'errors.backupWorkspaceTooLarge');
    for (const key of keys) {
      const name = key.replace('errors.', '') as keyof typeof backupEn.errors;
      expect(backupEn.errors[name], key).toMatch(/\w/);
      expect(backupZhCN.errors[name], key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(new BackupError('damaged', 'x')).toBeInstanceOf(PeerRefusal);
  });
});

function decodeHeaderVersion(bytes: Uint8Array): number {
  const file = Buffer.from(bytes);
  return (JSON.parse(file.subarray(38, 38 + file.readUInt32BE(18)).toString('utf8')) as BackupHeader).schemaVersion;
}
