// Writes the edits this browser holds and the hub has not acknowledged as a Tandem backup file
// (the layout of electron/peer/backup.ts: tag, versions, header, each doc's full Yjs state,
// SHA-256 checksums), so that "Import unsynced edits" is the peer's checked backup restore,
// merged into the same workspace, and never a second file format to trust.
import * as Y from 'yjs';
import { BACKUP_FILE_EXTENSION } from '../../../shared/api/link';
import { docSchemaVersion } from '../../../shared/model/doc';
import { localToday } from '../state/store';

const TAG = new TextEncoder().encode('TANDEM-BACKUP\n');
const FORMAT_VERSION = 1;
const PRELUDE_BYTES = 38;
const PRELUDE_DIGEST_AT = 30;
const DIGEST_BYTES = 32;

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/**
 * The file of `docs` (the workspace doc among them, as the restore requires: it carries the
 * board index and the members). Each doc goes whole: Yjs merges what the hub already has.
 */
export async function encodeUnsyncedFile(args: { workspaceId: string; workspaceName: string; appVersion: string; createdAt: number; docs: readonly { id: string; doc: Y.Doc }[] }): Promise<Uint8Array<ArrayBuffer>> {
  const updates = args.docs.map(({ doc }) => Y.encodeStateAsUpdate(doc));
  const header = {
    workspaceId: args.workspaceId,
    workspaceName: args.workspaceName,
    schemaVersion: Math.max(1, ...args.docs.map(({ doc }) => docSchemaVersion(doc))),
    appVersion: args.appVersion,
    createdAt: args.createdAt,
    docs: args.docs.map(({ id }, i) => ({ id, bytes: (updates[i] as Uint8Array).byteLength })),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const total = PRELUDE_BYTES + headerBytes.byteLength + updates.reduce((n, u) => n + u.byteLength, 0) + DIGEST_BYTES;
  const file = new Uint8Array(total);
  const view = new DataView(file.buffer);
  file.set(TAG, 0);
  view.setUint32(14, FORMAT_VERSION);
  view.setUint32(18, headerBytes.byteLength);
  view.setBigUint64(22, BigInt(total));
  file.set((await sha256(file.slice(0, PRELUDE_DIGEST_AT))).subarray(0, PRELUDE_BYTES - PRELUDE_DIGEST_AT), PRELUDE_DIGEST_AT);
  let offset = PRELUDE_BYTES;
  file.set(headerBytes, offset);
  offset += headerBytes.byteLength;
  for (const update of updates) {
    file.set(update, offset);
    offset += update.byteLength;
  }
  file.set(await sha256(file.slice(0, offset)), offset);
  return file;
}

/** `tandem-unsynced-<workspace>-<yyyy-mm-dd>.tandem`, safe as a file name on every system. */
export function unsyncedFileName(workspaceName: string, createdAt: number): string {
  const slug = workspaceName
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^\.+/, '')
    .slice(0, 60);
  return `tandem-unsynced-${slug || 'workspace'}-${localToday(new Date(createdAt))}${BACKUP_FILE_EXTENSION}`;
}
