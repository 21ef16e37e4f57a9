// Backing up and restoring the workspace a peer holds: one file of every doc, and a restore
// that checks the whole file before writing it through the replica (fsynced), into an empty
// install or merged into the same workspace.
import * as Y from 'yjs';
import { PeerRefusal, type CreateBackupResult, type RestoreBackupArgs, type RestoreBackupResult, type WorkspaceIdentity } from '../../shared/api/link';
import { ModelError } from '../../shared/model/errors';
import type { TxOrigin } from '../../shared/model/origin';
import { isWorkspaceInitialised, readWorkspace } from '../../shared/model/workspace';
import { decodeBackup, encodeBackup, type DecodedBackup } from './backup';
import type { PeerIdentity } from './identity';
import { BlobReply } from './link-connection';
import type { PeerLogger } from './logger';
import type { Replica } from './replica';

/** A restored backup arrives like a teammate's edits: from outside this laptop, so every window gets it. */
const RESTORE_ORIGIN: TxOrigin = Object.freeze({ source: 'peer', peerId: 'backup' });

function stateVectorCovers(have: Uint8Array, need: Uint8Array): boolean {
  const haveMap = Y.decodeStateVector(have);
  for (const [client, clock] of Y.decodeStateVector(need)) if ((haveMap.get(client) ?? 0) < clock) return false;
  return true;
}

/** What backing up and restoring need of the peer. */
export interface BackupHost {
  readonly identity: PeerIdentity;
  readonly replica: Replica;
  readonly logger: PeerLogger;
  /** Runs `change` after every other change of the workspace held. */
  oneWorkspaceChange<T>(change: () => Promise<T>): Promise<T>;
  /** An empty install now holds `workspace` (restored from a backup). */
  takeWorkspace(workspace: WorkspaceIdentity): Promise<void>;
}

/** The whole workspace as one backup file: every doc this peer holds, with every write flushed first. */
export async function createBackup(host: BackupHost): Promise<BlobReply<Omit<CreateBackupResult, 'blob'>>> {
  const workspace = host.identity.workspace;
  const workspaceDoc = workspace ? await host.replica.open(workspace.id) : null;
  if (!workspace || !workspaceDoc || !isWorkspaceInitialised(workspaceDoc)) throw new PeerRefusal('no-workspace', 'errors.backupNoWorkspace');
  await host.replica.flush();
  const docs: { id: string; doc: Y.Doc }[] = [];
  for (const id of new Set([workspace.id, ...(await host.replica.listDocIds())])) docs.push({ id, doc: await host.replica.open(id) });
  // Encoded with no await in between, so the file holds one moment of every doc.
  const snapshot = readWorkspace(workspaceDoc);
  const createdAt = Date.now();
  // A doc that was only ever opened holds nothing worth a place in the file.
  const held = docs.filter(({ doc }) => doc.store.clients.size > 0);
  const bytes = encodeBackup({ workspaceId: workspace.id, workspaceName: snapshot.name, appVersion: __TANDEM_VERSION__, createdAt, docs: held });
  host.logger.info('backup created', { workspaceId: workspace.id, docs: held.length, bytes: bytes.byteLength });
  return new BlobReply({ workspaceName: snapshot.name, createdAt, boards: snapshot.boards.filter((b) => !b.archived).length }, bytes);
}

/**
 * Checks a backup file completely; in `restore` mode then writes it, into an empty install
 * or merged into the same workspace (Yjs updates are idempotent, so even an older backup
 * loses nothing). A backup of another workspace is refused. Nothing is written unless every
 * check passed.
 */
export async function restoreBackup(host: BackupHost, args: RestoreBackupArgs, file: Uint8Array): Promise<RestoreBackupResult> {
  const backup = decodeBackup(file);
  const check = () => {
    const current = host.identity.workspace;
    if (current && current.id !== backup.header.workspaceId) {
      throw new PeerRefusal('other-workspace', 'errors.backupOtherWorkspace', { name: backup.contents.workspaceName }, `backup of ${backup.header.workspaceId}`);
    }
    return { summary: { ...backup.contents, target: current ? ('same-workspace' as const) : ('empty' as const) } };
  };
  if (args.mode === 'inspect') return check();
  return host.oneWorkspaceChange(async () => {
    const { summary } = check();
    return { summary, workspace: await writeBackup(host, backup, args.memberId) };
  });
}

/**
 * Writes a checked backup through the replica (so every doc is fsynced), then names the
 * workspace. On an empty install the person is the member they chose from the backup's
 * list (default: its first member, who made the workspace); a peer that already holds the
 * workspace keeps its own member id.
 */
async function writeBackup(host: BackupHost, backup: DecodedBackup, chosenMemberId: string | undefined): Promise<WorkspaceIdentity> {
  const current = host.identity.workspace;
  const members = backup.contents.members;
  if (!current && chosenMemberId !== undefined && !members.some((m) => m.id === chosenMemberId)) throw new ModelError('invalid-input', 'errors.invalid', 'memberId');
  const workspace: WorkspaceIdentity = current ?? { id: backup.header.workspaceId, memberId: chosenMemberId ?? (members[0]?.id as string) };
  // Open every doc before changing any, so a store that cannot open one stops the restore untouched.
  const targets: { doc: Y.Doc; update: Uint8Array }[] = [];
  for (const { id, update } of backup.docs) targets.push({ doc: await host.replica.open(id), update });
  for (const { doc, update } of targets) Y.applyUpdate(doc, update, RESTORE_ORIGIN);
  await host.replica.flush();
  for (const { doc } of targets) {
    if (!stateVectorCovers(await host.replica.savedStateVector(doc.guid), Y.encodeStateVector(doc))) throw new PeerRefusal('write-failed', 'errors.backupWriteFailed', {}, `doc ${doc.guid}`);
  }
  if (!current) await host.takeWorkspace(workspace);
  host.logger.info('workspace restored from a backup', { workspaceId: workspace.id, docs: targets.length, merged: current !== null });
  return workspace;
}
