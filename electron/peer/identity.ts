// Who this peer is (a random peer id, stable across launches) and which workspace it holds
// (workspace id and this laptop's member id). Kept in the data folder with owner-only
// permissions, never inside a document.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { newId } from '../../shared/model/ids';
import type { WorkspaceIdentity } from '../../shared/api/link';
import { readJsonFile, writeJsonAtomic } from './files';

const peerFile = z.object({ peerId: z.string().min(1).max(64) });
const workspaceFile = z.object({ id: z.string().min(1).max(64), memberId: z.string().min(1).max(64), createdAt: z.number() });

export interface PeerIdentity {
  readonly peerId: string;
  workspace: WorkspaceIdentity | null;
}

export async function loadIdentity(dataDir: string): Promise<PeerIdentity> {
  const peerPath = join(dataDir, 'peer.json');
  const parsedPeer = peerFile.safeParse(await readJsonFile(peerPath));
  let peerId: string;
  if (parsedPeer.success) peerId = parsedPeer.data.peerId;
  else {
    peerId = newId('p');
    await writeJsonAtomic(peerPath, { peerId });
  }
  const parsedWs = workspaceFile.safeParse(await readJsonFile(join(dataDir, 'workspace.json')));
  return { peerId, workspace: parsedWs.success ? { id: parsedWs.data.id, memberId: parsedWs.data.memberId } : null };
}

export async function saveWorkspaceIdentity(dataDir: string, workspace: WorkspaceIdentity): Promise<void> {
  await writeJsonAtomic(join(dataDir, 'workspace.json'), { ...workspace, createdAt: Date.now() });
}

const leftFile = z.object({ workspaceIds: z.array(z.string().min(1).max(64)).max(1_000) });
const LEFT_FILE = 'left-workspaces.json';

/**
 * This laptop is leaving its workspace: it is remembered as left (before anything is deleted, so
 * a crash part-way is finished at the next start), and a window still holding its cache cannot
 * hand it back (`adopt-workspace`) unasked.
 */
export async function markWorkspaceLeft(dataDir: string, workspaceId: string): Promise<void> {
  const left = new Set(await leftWorkspaceIds(dataDir));
  left.add(workspaceId);
  await writeJsonAtomic(join(dataDir, LEFT_FILE), { workspaceIds: [...left].slice(-1_000) });
}

/** The identity file goes (after the docs): this laptop holds no workspace. */
export async function forgetWorkspaceIdentity(dataDir: string): Promise<void> {
  await rm(join(dataDir, 'workspace.json'), { force: true });
}

/** Workspaces this laptop has left (and not re-joined since). */
export async function leftWorkspaceIds(dataDir: string): Promise<string[]> {
  const parsed = leftFile.safeParse(await readJsonFile(join(dataDir, LEFT_FILE)));
  return parsed.success ? parsed.data.workspaceIds : [];
}

/** Joining a workspace again by invite (or restoring its backup) undoes having left it. */
export async function forgetLeftWorkspace(dataDir: string, workspaceId: string): Promise<void> {
  const left = await leftWorkspaceIds(dataDir);
  if (left.includes(workspaceId)) await writeJsonAtomic(join(dataDir, LEFT_FILE), { workspaceIds: left.filter((id) => id !== workspaceId) });
}
