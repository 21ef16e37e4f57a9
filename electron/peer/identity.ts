// Who this peer is (a random peer id, stable across launches) and which workspace it holds
// (workspace id and this laptop's member id). Kept in the data folder with owner-only
// permissions, never inside a document.
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
