// How a Tandem backup file is laid out, written by the peer (Back up) and by a browser tab
// (Save my unsynced edits): one writer for both, with the hash handed in (Node's crypto in the
// peer, lib0's in the page). Reading and checking a file is the peer's (electron/peer/backup.ts).
//
// Layout (integers big-endian). The prelude and the trailing digest are the envelope every
// format version keeps, so an older Tandem can always tell "damaged" from "newer":
//   0   14  tag "TANDEM-BACKUP\n"
//   14   4  format version
//   18   4  header length H
//   22   8  total file length
//   30   8  first 8 bytes of SHA-256(bytes 0..30): a damaged prelude is never misread
//   38   H  header: UTF-8 JSON (workspace id and name, schema and app version, time, docs)
//   …       each doc's full Yjs state (V1 update), in header order, with the header's lengths
//   end-32  SHA-256 of everything before it
import * as Y from 'yjs';
import { encodeUtf8 } from 'lib0/string';
import { docSchemaVersion } from '../model/doc';

export const BACKUP_TAG = encodeUtf8('TANDEM-BACKUP\n');
/** Version of this file layout; a file with a higher one is refused as "from a newer Tandem". */
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_PRELUDE_BYTES = 38;
export const BACKUP_PRELUDE_DIGEST_AT = 30;
export const BACKUP_DIGEST_BYTES = 32;

/** The file's header, as written; the peer validates it with a schema when reading. */
export interface BackupHeader {
  workspaceId: string;
  workspaceName: string;
  /** The highest doc schema version in the file. */
  schemaVersion: number;
  appVersion: string;
  createdAt: number;
  docs: { id: string; bytes: number }[];
}

export type Sha256 = (bytes: Uint8Array) => Uint8Array;

export interface BackupSource {
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly appVersion: string;
  readonly createdAt: number;
  /** Every doc to keep, the workspace doc (id `workspaceId`) among them. */
  readonly docs: readonly { id: string; doc: Y.Doc }[];
}

/** The header and each doc's full state, ready to lay out. */
export function backupContents(source: BackupSource): { header: BackupHeader; updates: Uint8Array[] } {
  const updates = source.docs.map(({ doc }) => Y.encodeStateAsUpdate(doc));
  const header: BackupHeader = {
    workspaceId: source.workspaceId,
    workspaceName: source.workspaceName,
    schemaVersion: Math.max(1, ...source.docs.map(({ doc }) => docSchemaVersion(doc))),
    appVersion: source.appVersion,
    createdAt: source.createdAt,
    docs: source.docs.map(({ id }, i) => ({ id, bytes: (updates[i] as Uint8Array).byteLength })),
  };
  return { header, updates };
}

/** The size of the file `header` and `updates` make, before making it (so a writer can refuse one too large). */
export function backupFileSize(headerBytes: Uint8Array, updates: readonly Uint8Array[]): number {
  return BACKUP_PRELUDE_BYTES + headerBytes.byteLength + updates.reduce((n, u) => n + u.byteLength, 0) + BACKUP_DIGEST_BYTES;
}

/** Lays out the file from a header and the docs' updates, as given (tests use it to write files that claim anything). */
export function layOutBackupFile(header: BackupHeader, updates: readonly Uint8Array[], sha256: Sha256, formatVersion = BACKUP_FORMAT_VERSION): Uint8Array<ArrayBuffer> {
  const headerBytes = encodeUtf8(JSON.stringify(header));
  const total = backupFileSize(headerBytes, updates);
  const file = new Uint8Array(total);
  const view = new DataView(file.buffer);
  file.set(BACKUP_TAG, 0);
  view.setUint32(14, formatVersion);
  view.setUint32(18, headerBytes.byteLength);
  view.setBigUint64(22, BigInt(total));
  file.set(sha256(file.subarray(0, BACKUP_PRELUDE_DIGEST_AT)).subarray(0, BACKUP_PRELUDE_BYTES - BACKUP_PRELUDE_DIGEST_AT), BACKUP_PRELUDE_DIGEST_AT);
  let offset = BACKUP_PRELUDE_BYTES;
  file.set(headerBytes, offset);
  offset += headerBytes.byteLength;
  for (const update of updates) {
    file.set(update, offset);
    offset += update.byteLength;
  }
  file.set(sha256(file.subarray(0, offset)), offset);
  return file;
}
