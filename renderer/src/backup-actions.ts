// Backing up and restoring the whole workspace. The local peer writes and checks backup files;
// these actions carry them over the link as blobs, name the download, report progress, and
// turn the peer's refusals into ActionResults the dialogs can show in either language.
import {
  BACKUP_FILE_EXTENSION, BLOB_LIMITS, createBackupResultSchema, restoreBackupResultSchema,
  type BackupSummary, type CreateBackupResult, type RestoreBackupResult, type WorkspaceIdentity,
} from '../../shared/api/link';
import { toActionError, type ActionResult, type Runtime } from './runtime';
import { localToday } from './state/store';

/** Where a check or a restore is: reading the file, handing it to the peer, the peer at work. */
export type BackupPhase = 'reading' | 'sending' | 'checking' | 'restoring';
export type OnBackupProgress = (phase: BackupPhase, fraction: number | null) => void;

export interface BackupFile {
  readonly fileName: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly boards: number;
}

/** A backup file the peer has checked through, with what it holds. */
export interface CheckedBackup {
  readonly bytes: Uint8Array;
  readonly summary: BackupSummary;
}

export interface BackupActions {
  /** The whole workspace as a file to download. */
  create(): Promise<ActionResult<BackupFile>>;
  /** Reads `file` and has the peer check all of it; changes nothing. */
  check(file: File, onProgress: OnBackupProgress): Promise<ActionResult<CheckedBackup>>;
  /**
   * Restores a checked backup: into an empty install (as member `memberId`, or the backup's
   * first member), or merged into the same workspace. Opens the workspace when done.
   */
  restore(backup: CheckedBackup, memberId: string | undefined, onProgress: OnBackupProgress): Promise<ActionResult<BackupSummary>>;
}

/** `tandem-<what>-<workspace>-<yyyy-mm-dd>.tandem`, safe as a file name on every system. */
export function tandemFileName(what: 'backup' | 'unsynced', workspaceName: string, createdAt: number): string {
  const slug = workspaceName
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^\.+/, '')
    .slice(0, 60);
  return `tandem-${what}-${slug || 'workspace'}-${localToday(new Date(createdAt))}${BACKUP_FILE_EXTENSION}`;
}

/** `tandem-backup-<workspace>-<yyyy-mm-dd>.tandem`. */
export function backupFileName(workspaceName: string, createdAt: number): string {
  return tandemFileName('backup', workspaceName, createdAt);
}

const MAX_MB = Math.round(BLOB_LIMITS.maxBytes / 1024 / 1024);

export function createBackupActions(runtime: Runtime, enterWorkspace: (identity: WorkspaceIdentity) => Promise<void>): BackupActions {
  const link = runtime.link;
  const sendProgress = (onProgress: OnBackupProgress) => (sent: number, total: number) => onProgress('sending', total === 0 ? 1 : sent / total);

  return {
    async create() {
      try {
        const { value, bytes } = await link.requestBlob<CreateBackupResult>('create-backup', {});
        const result = createBackupResultSchema.parse(value);
        return { ok: true, value: { fileName: backupFileName(result.workspaceName, result.createdAt), bytes: new Uint8Array(bytes), boards: result.boards } };
      } catch (error) {
        return toActionError(error);
      }
    },

    async check(file, onProgress) {
      // Refused before reading: no backup is this big, and reading it would only fill memory.
      if (file.size > BLOB_LIMITS.maxBytes) return { ok: false, error: { messageKey: 'errors.backupTooLarge', params: { max: MAX_MB } } };
      onProgress('reading', null);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        return { ok: false, error: { messageKey: 'errors.backupReadFailed', params: {} } };
      }
      try {
        const value = await link.requestWithBlob<RestoreBackupResult>('restore-backup', { mode: 'inspect' }, bytes, (sent, total) => {
          sendProgress(onProgress)(sent, total);
          if (sent === total) onProgress('checking', null);
        });
        return { ok: true, value: { bytes, summary: restoreBackupResultSchema.parse(value).summary } };
      } catch (error) {
        return toActionError(error);
      }
    },

    async restore(backup, memberId, onProgress) {
      try {
        const value = await link.requestWithBlob<RestoreBackupResult>('restore-backup', { mode: 'restore', ...(memberId ? { memberId } : {}) }, backup.bytes, (sent, total) => {
          sendProgress(onProgress)(sent, total);
          if (sent === total) onProgress('restoring', null);
        });
        const result = restoreBackupResultSchema.parse(value);
        if (result.workspace) await enterWorkspace(result.workspace);
        // The first-run screen and its dialog are gone by now: the toast says what happened.
        if (result.workspace) runtime.store.setState({ toast: { id: Date.now(), messageKey: 'backup.restored', params: { name: result.summary.workspaceName }, undoable: false } });
        return { ok: true, value: result.summary };
      } catch (error) {
        return toActionError(error);
      }
    },
  };
}
