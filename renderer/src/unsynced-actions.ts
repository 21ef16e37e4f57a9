// Recovering edits that only this browser holds when the hub came back at another address:
// saving them to a file here, and importing that file in a tab of the hub's new address,
// through the peer's checked backup restore. Refusals become messages about this file.
import type { ActionResult, Runtime } from './runtime';
import type { OnBackupProgress } from './backup-actions';
import { encodeUnsyncedFile, unsyncedFileName } from './docs/unsynced-file';

export interface UnsyncedFile {
  readonly fileName: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

export interface UnsyncedActions {
  /** The workspace doc and every doc holding unacknowledged edits, as one file; works offline. */
  saveToFile(): Promise<ActionResult<UnsyncedFile>>;
  /** Checks `file` in the peer, then merges it into the workspace held; returns the workspace's name. */
  importFile(file: File, onProgress: OnBackupProgress): Promise<ActionResult<{ workspaceName: string }>>;
}

/** The backup refusals, said about a file of unsynced edits rather than about a backup. */
const REFUSALS: Record<string, string> = {
  'errors.backupNotABackup': 'errors.unsyncedNotAFile',
  'errors.backupDamaged': 'errors.unsyncedDamaged',
  'errors.backupTruncated': 'errors.unsyncedDamaged',
  'errors.backupOtherWorkspace': 'errors.unsyncedOtherWorkspace',
};

function asUnsyncedRefusal<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) return result;
  return { ok: false, error: { ...result.error, messageKey: REFUSALS[result.error.messageKey] ?? result.error.messageKey } };
}

export function createUnsyncedActions(runtime: Runtime): UnsyncedActions {
  return {
    async saveToFile() {
      const identity = runtime.store.getState().identity;
      const workspaceName = runtime.store.getState().workspace?.name ?? '';
      if (!identity) return { ok: false, error: { messageKey: 'errors.unsyncedNothing', params: {} } };
      const ids = [...new Set([identity.id, ...runtime.unsynced.docIds()])];
      const docs = await Promise.all(ids.map(async (id) => ({ id, doc: (await runtime.docs.open(id)).doc })));
      const createdAt = Date.now();
      const bytes = encodeUnsyncedFile({ workspaceId: identity.id, workspaceName, appVersion: __TANDEM_VERSION__, createdAt, docs });
      return { ok: true, value: { fileName: unsyncedFileName(workspaceName, createdAt), bytes } };
    },

    async importFile(file, onProgress) {
      const checked = asUnsyncedRefusal(await runtime.backup.check(file, onProgress));
      if (!checked.ok) return checked;
      const restored = asUnsyncedRefusal(await runtime.backup.restore(checked.value, undefined, onProgress));
      if (!restored.ok) return restored;
      return { ok: true, value: { workspaceName: restored.value.workspaceName } };
    },
  };
}
