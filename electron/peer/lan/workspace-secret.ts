// The workspace's 256-bit LAN secret on this laptop: one file in the data folder, owner-only
// (0600), written atomically, never inside a document or the renderer's cache. A workspace
// made before LAN sync gets one on start, and rotating it replaces the file.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { newWorkspaceSecret } from '../../../shared/lan/invite';
import { readJsonFile, writeJsonAtomic } from '../files';
import type { PeerLogger } from '../logger';

const SECRET_FILE = 'lan-secret.json';

const secretFile = z.object({
  workspaceId: z.string().min(1).max(64),
  secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  createdAt: z.number(),
});

/** The secret this peer holds for `workspaceId`, or null when it holds none (or one of another workspace). */
export async function loadWorkspaceSecret(dataDir: string, workspaceId: string): Promise<Uint8Array | null> {
  const parsed = secretFile.safeParse(await readJsonFile(join(dataDir, SECRET_FILE)));
  if (!parsed.success || parsed.data.workspaceId !== workspaceId) return null;
  const secret = new Uint8Array(Buffer.from(parsed.data.secret, 'base64url'));
  return secret.length === 32 ? secret : null;
}

/** Stores `secret` as the one for `workspaceId`, replacing any other. */
export async function saveWorkspaceSecret(dataDir: string, workspaceId: string, secret: Uint8Array): Promise<void> {
  if (secret.length !== 32) throw new RangeError('workspace secret must be 32 bytes');
  await writeJsonAtomic(join(dataDir, SECRET_FILE), { workspaceId, secret: Buffer.from(secret).toString('base64url'), createdAt: Date.now() }, 0o600);
}

/** The secret for `workspaceId`, made and stored now if this peer has none (a workspace from before LAN sync). */
export async function ensureWorkspaceSecret(dataDir: string, workspaceId: string, logger: PeerLogger): Promise<Uint8Array> {
  const existing = await loadWorkspaceSecret(dataDir, workspaceId);
  if (existing) return existing;
  const secret = newWorkspaceSecret();
  await saveWorkspaceSecret(dataDir, workspaceId, secret);
  logger.info('a LAN secret was made for the workspace; teammates join it with a new invite', { workspaceId });
  return secret;
}

/** Deletes the secret (this laptop left the workspace): it can no longer reach teammates. */
export async function deleteWorkspaceSecret(dataDir: string): Promise<void> {
  await rm(join(dataDir, SECRET_FILE), { force: true });
}

/** Equal secrets, compared without an early exit. */
export function sameSecret(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
