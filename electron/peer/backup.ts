// The workspace backup file: every doc of a workspace in one file that says what it is, how
// it was written and whether it is intact. Decoding checks all of it — tag, versions, sizes,
// checksums, every doc's schema — before anyone may write a byte of it anywhere.
//
// The layout is shared/protocol/backup-file.ts's (a browser tab writes the same files).
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { z } from 'zod';
import { BLOB_LIMITS, PeerRefusal, type BackupSummary } from '../../shared/api/link';
import { docSchemaVersion, SCHEMA_VERSION } from '../../shared/model/doc';
import { BACKUP_DIGEST_BYTES, BACKUP_FORMAT_VERSION, BACKUP_PRELUDE_BYTES, BACKUP_PRELUDE_DIGEST_AT, BACKUP_TAG as SHARED_TAG, backupContents, backupFileSize, layOutBackupFile, type BackupHeader, type BackupSource } from '../../shared/protocol/backup-file';
import { isWorkspaceInitialised, readWorkspace } from '../../shared/model/workspace';
import { isValidDocId } from '../../shared/protocol/frame';

const BACKUP_TAG = Buffer.from(SHARED_TAG);
export { BACKUP_FORMAT_VERSION };
/** The largest backup file read or written (the largest blob the link carries). */
export const MAX_BACKUP_BYTES = BLOB_LIMITS.maxBytes;
const MAX_BACKUP_MB = Math.round(MAX_BACKUP_BYTES / 1024 / 1024);
/** A header this big is not a Tandem header: 10,000 docs fit in a tenth of it. */
export const MAX_HEADER_BYTES = 1024 * 1024;
const MAX_DOCS = 10_000;
const PRELUDE_BYTES = BACKUP_PRELUDE_BYTES;
const PRELUDE_DIGEST_AT = BACKUP_PRELUDE_DIGEST_AT;
const DIGEST_BYTES = BACKUP_DIGEST_BYTES;

export type BackupErrorCode = 'not-a-backup' | 'damaged' | 'newer-version' | 'truncated' | 'too-large';

const MESSAGE_KEYS: Record<BackupErrorCode, string> = {
  'not-a-backup': 'errors.backupNotABackup',
  damaged: 'errors.backupDamaged',
  'newer-version': 'errors.backupNewerVersion',
  truncated: 'errors.backupTruncated',
  'too-large': 'errors.backupTooLarge',
};

/** Why a backup file was refused; nothing was written. `detail` says exactly what, for the log. */
export class BackupError extends PeerRefusal {
  override readonly name = 'BackupError';
  constructor(
    override readonly code: BackupErrorCode,
    detail: string,
    params: Record<string, string | number> = {},
  ) {
    super(code, MESSAGE_KEYS[code], code === 'too-large' ? { max: MAX_BACKUP_MB, ...params } : params, detail);
  }
}

const headerSchema = z.object({
  workspaceId: z.string().refine(isValidDocId),
  workspaceName: z.string().max(1_000),
  /** The highest doc schema version in the file. */
  schemaVersion: z.number().int().min(1),
  appVersion: z.string().max(64),
  createdAt: z.number().int().min(0),
  docs: z.array(z.object({ id: z.string().refine(isValidDocId), bytes: z.number().int().min(1) })).min(1).max(MAX_DOCS),
}) satisfies z.ZodType<BackupHeader>;
export type { BackupHeader };

export interface BackupDoc {
  readonly id: string;
  /** The doc's full state as one Yjs V1 update. */
  readonly update: Uint8Array;
}

/** What the file holds, as the person confirming a restore sees it. */
export type BackupContents = Omit<BackupSummary, 'target'>;

export interface DecodedBackup {
  readonly header: BackupHeader;
  /** Every doc, the workspace doc last (so its board index never names an unwritten board). */
  readonly docs: readonly BackupDoc[];
  readonly contents: BackupContents;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** Writes a backup of `docs` (the workspace doc among them, with id `workspaceId`). */
export function encodeBackup(source: BackupSource): Uint8Array {
  const { header, updates } = backupContents(source);
  return writeBackupFile(header, updates);
}

/**
 * Lays out a file from a header and the docs' updates, as given, refusing one larger than a
 * restore would read. `encodeBackup` is the way to back up docs; this exists on its own so
 * tests can write files that claim anything.
 */
export function writeBackupFile(header: BackupHeader, updates: readonly Uint8Array[], formatVersion = BACKUP_FORMAT_VERSION): Uint8Array {
  const total = backupFileSize(new TextEncoder().encode(JSON.stringify(header)), updates);
  if (total > MAX_BACKUP_BYTES) throw new PeerRefusal('too-large', 'errors.backupWorkspaceTooLarge', { max: MAX_BACKUP_MB }, `the workspace needs ${total} bytes`);
  return layOutBackupFile(header, updates, sha256, formatVersion);
}

/** Reads and checks a whole backup file, or throws a BackupError saying why it cannot be restored. */
export function decodeBackup(input: Uint8Array): DecodedBackup {
  const file = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (file.length > MAX_BACKUP_BYTES) throw new BackupError('too-large', `${file.length} bytes`);
  checkTag(file);
  if (file.length < PRELUDE_BYTES) throw new BackupError('truncated', `only ${file.length} bytes`);
  if (!sha256(file.subarray(0, PRELUDE_DIGEST_AT)).subarray(0, PRELUDE_BYTES - PRELUDE_DIGEST_AT).equals(file.subarray(PRELUDE_DIGEST_AT, PRELUDE_BYTES))) {
    throw new BackupError('damaged', 'prelude checksum mismatch');
  }
  const formatVersion = file.readUInt32BE(14);
  if (formatVersion > BACKUP_FORMAT_VERSION) throw new BackupError('newer-version', `format version ${formatVersion}`);
  if (formatVersion < 1) throw new BackupError('damaged', `format version ${formatVersion}`);
  const headerLength = file.readUInt32BE(18);
  const total = file.readBigUInt64BE(22);
  if (total > BigInt(MAX_BACKUP_BYTES)) throw new BackupError('too-large', `the file says it has ${total} bytes`);
  if (BigInt(file.length) < total) throw new BackupError('truncated', `${file.length} of ${total} bytes`);
  if (BigInt(file.length) > total) throw new BackupError('damaged', `${BigInt(file.length) - total} bytes after the end`);
  if (headerLength > MAX_HEADER_BYTES) throw new BackupError('too-large', `header of ${headerLength} bytes`);
  const bodyEnd = file.length - DIGEST_BYTES;
  if (PRELUDE_BYTES + headerLength > bodyEnd) throw new BackupError('damaged', 'header longer than the file');
  if (!sha256(file.subarray(0, bodyEnd)).equals(file.subarray(bodyEnd))) throw new BackupError('damaged', 'checksum mismatch');

  const header = readHeader(file.subarray(PRELUDE_BYTES, PRELUDE_BYTES + headerLength));
  if (header.schemaVersion > SCHEMA_VERSION) throw new BackupError('newer-version', `schema version ${header.schemaVersion}`, { version: header.schemaVersion });
  const docsStart = PRELUDE_BYTES + headerLength;
  if (header.docs.reduce((n, d) => n + d.bytes, 0) !== bodyEnd - docsStart) throw new BackupError('damaged', 'doc lengths do not add up to the file');
  const ids = new Set(header.docs.map((d) => d.id));
  if (ids.size !== header.docs.length) throw new BackupError('damaged', 'a doc id appears twice');
  if (!ids.has(header.workspaceId)) throw new BackupError('damaged', 'the workspace doc is missing');

  const docs: BackupDoc[] = [];
  let offset = docsStart;
  let contents: BackupContents | null = null;
  for (const { id, bytes } of header.docs) {
    const update = new Uint8Array(file.buffer, file.byteOffset + offset, bytes);
    offset += bytes;
    const doc = loadDoc(id, update);
    try {
      const version = docSchemaVersion(doc);
      if (version > SCHEMA_VERSION) throw new BackupError('newer-version', `doc ${id} has schema version ${version}`, { version });
      if (id === header.workspaceId) contents = readContents(doc, header, file.length);
    } finally {
      doc.destroy();
    }
    docs.push({ id, update });
  }
  if (!contents) throw new BackupError('damaged', 'the workspace doc is missing');
  docs.sort((a, b) => Number(a.id === header.workspaceId) - Number(b.id === header.workspaceId));
  return { header, docs, contents };
}

/** A flipped byte or two in the tag is a damaged backup; anything else is some other file. */
function checkTag(file: Buffer): void {
  if (file.length < BACKUP_TAG.length) {
    const isStartOfTag = file.length > 0 && BACKUP_TAG.subarray(0, file.length).equals(file);
    throw new BackupError(isStartOfTag ? 'truncated' : 'not-a-backup', `only ${file.length} bytes`);
  }
  let differing = 0;
  for (let i = 0; i < BACKUP_TAG.length; i++) if (file[i] !== BACKUP_TAG[i]) differing++;
  if (differing > 2) throw new BackupError('not-a-backup', 'no backup tag');
  if (differing > 0) throw new BackupError('damaged', 'backup tag damaged');
}

function readHeader(bytes: Buffer): BackupHeader {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new BackupError('damaged', 'header is not JSON');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw new BackupError('damaged', `header: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/**
 * Decodes one doc to read its schema. Updates parked as pending are not refused here: the
 * checksums already vouch that these are the bytes the backing-up peer held, pending or not.
 */
function loadDoc(id: string, update: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ guid: id, gc: true });
  try {
    Y.applyUpdate(doc, update);
  } catch (error) {
    doc.destroy();
    throw new BackupError('damaged', `doc ${id} does not decode: ${String(error)}`);
  }
  return doc;
}

function readContents(doc: Y.Doc, header: BackupHeader, bytes: number): BackupContents {
  if (!isWorkspaceInitialised(doc)) throw new BackupError('damaged', 'the workspace doc is empty');
  const workspace = readWorkspace(doc);
  if (workspace.members.length === 0) throw new BackupError('damaged', 'the workspace has no members');
  return {
    workspaceId: header.workspaceId,
    workspaceName: workspace.name,
    createdAt: header.createdAt,
    appVersion: header.appVersion,
    boards: workspace.boards.filter((b) => !b.archived).length,
    docs: header.docs.length,
    bytes,
    members: workspace.members.map((m) => ({ id: m.id, name: m.name, team: m.team })),
  };
}
