// Writes the edits this browser holds and the hub has not acknowledged as a Tandem backup file
// (shared/protocol/backup-file.ts, the layout the peer writes too), so that "Import unsynced
// edits" is the peer's checked backup restore, merged into the same workspace, and never a
// second file format to trust.
import { digest as sha256 } from 'lib0/hash/sha256';
import { backupContents, layOutBackupFile, type BackupSource } from '../../../shared/protocol/backup-file';
import { tandemFileName } from '../backup-actions';

/** The file of the source's docs (the workspace doc among them, as the restore requires). Each doc goes whole: Yjs merges what the hub already has. */
export function encodeUnsyncedFile(source: BackupSource): Uint8Array<ArrayBuffer> {
  const { header, updates } = backupContents(source);
  return layOutBackupFile(header, updates, sha256);
}

/** `tandem-unsynced-<workspace>-<yyyy-mm-dd>.tandem`, safe as a file name on every system. */
export function unsyncedFileName(workspaceName: string, createdAt: number): string {
  return tandemFileName('unsynced', workspaceName, createdAt);
}
