// Connection-level messages of the local link (docId ''): the peer's hello, the
// request/response pairs the renderer uses for what is not a document edit, and blobs: bytes
// too big for a JSON frame (a workspace backup) that travel in chunks beside a request.
import { z } from 'zod';
import { LIMITS, requiredText, team } from '../model/validate';
import { addPeerArgs, chooseMemberArgs, joinWorkspaceArgs, reachArgs, setRelayArgs } from './network';

export const workspaceIdentitySchema = z.object({ id: z.string().min(1).max(64), memberId: z.string().min(1).max(64) });
export type WorkspaceIdentity = z.infer<typeof workspaceIdentitySchema>;

/** A problem the peer met and the person should know of, e.g. a damaged file set aside. */
export const noticeSchema = z.object({
  code: z.enum(['store-recovered', 'store-write-failed']),
  docId: z.string().max(128).optional(),
  detail: z.string().max(2_000).optional(),
  at: z.number(),
});
export type PeerNotice = z.infer<typeof noticeSchema>;

/**
 * Whether the peer's writes to its disk succeed now. `disk-full` (ENOSPC, EDQUOT) and `failing`
 * (any other error) mean some edits are not on disk: the peer keeps them and retries, and the
 * windows keep them too. The peer re-sends its hello whenever this changes.
 */
export const storeWritesSchema = z.enum(['ok', 'disk-full', 'failing']);
export type StoreWrites = z.infer<typeof storeWritesSchema>;

export const helloSchema = z.object({
  protocol: z.number().int(),
  appVersion: z.string().max(64),
  peerId: z.string().max(64),
  workspace: workspaceIdentitySchema.nullable(),
  notices: z.array(noticeSchema).max(100),
  /** Absent means `ok` (a peer from before this field). */
  storeWrites: storeWritesSchema.optional(),
});
export type Hello = z.infer<typeof helloSchema>;

export const createWorkspaceArgs = z.object({ workspaceName: requiredText(LIMITS.name), memberName: requiredText(LIMITS.name), team, goalsBoardName: requiredText(LIMITS.name) });
export type CreateWorkspaceArgs = z.input<typeof createWorkspaceArgs>;

/**
 * Blobs: bytes sent as `MessageType.blobChunk` frames (`varUint blobId, varUint8Array chunk`),
 * in order, ahead of the request or response that names them as `{ id, size }`. Each side
 * numbers the blobs it sends; a blob is used once.
 */
export const BLOB_LIMITS = {
  /** Bytes per chunk frame: well under `LINK_LIMITS.maxFrameBytes`, small enough to show progress. */
  chunkBytes: 1024 * 1024,
  /** Largest blob either side accepts: the largest backup file Tandem reads. */
  maxBytes: 256 * 1024 * 1024,
  /** Blobs a connection may have in flight before the request that names them arrives. */
  maxOpen: 2,
} as const;

export const blobRefSchema = z.object({ id: z.number().int().min(1), size: z.number().int().min(0).max(BLOB_LIMITS.maxBytes) });
export type BlobRef = z.infer<typeof blobRefSchema>;

/** The file extension of a workspace backup. */
export const BACKUP_FILE_EXTENSION = '.tandem';

/** `inspect` validates the backup fully and says what it holds; `restore` also writes it. */
export const restoreBackupArgs = z.object({
  blob: blobRefSchema,
  mode: z.enum(['inspect', 'restore']),
  /** On an empty install: which of the backup's members this laptop's person is (default: the first). */
  memberId: z.string().min(1).max(64).optional(),
});
export type RestoreBackupArgs = z.infer<typeof restoreBackupArgs>;

/** What a backup file holds, as the confirmation before restoring shows it. */
export const backupSummarySchema = z.object({
  workspaceId: z.string().max(128),
  workspaceName: z.string().max(1_000),
  /** When the backup was made (ms since the epoch). */
  createdAt: z.number(),
  appVersion: z.string().max(64),
  /** Boards in the workspace's index that are not archived. */
  boards: z.number().int().min(0),
  docs: z.number().int().min(0),
  bytes: z.number().int().min(0),
  members: z.array(z.object({ id: z.string().max(64), name: z.string().max(1_000), team: z.string().max(32) })).max(10_000),
  /** `empty`: this peer holds no workspace yet; `same-workspace`: restoring merges into the one it holds. */
  target: z.enum(['empty', 'same-workspace']),
});
export type BackupSummary = z.infer<typeof backupSummarySchema>;

/** The answer to `create-backup`: the file as a blob, and what the file name and message need. */
export const createBackupResultSchema = z.object({ blob: blobRefSchema, workspaceName: z.string().max(1_000), createdAt: z.number(), boards: z.number().int().min(0) });
export type CreateBackupResult = z.infer<typeof createBackupResultSchema>;

export const restoreBackupResultSchema = z.object({ summary: backupSummarySchema, workspace: workspaceIdentitySchema.optional() });
export type RestoreBackupResult = z.infer<typeof restoreBackupResultSchema>;

/**
 * A request the peer turns down for a reason the person should read (a damaged backup, say).
 * The link answers it with its code, message key and parameters, and does not log it as a failure.
 */
export class PeerRefusal extends Error {
  override readonly name: string = 'PeerRefusal';
  constructor(
    readonly code: string,
    /** Message-catalogue key, e.g. `errors.backupDamaged`. */
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    /** What exactly was wrong, for the peer's log; never shown as the message. */
    readonly detail = '',
  ) {
    super(`${code}: ${messageKey}${detail ? ` (${detail})` : ''}`);
  }
}

export const requestSchema = z.discriminatedUnion('op', [
  z.object({ id: z.number().int(), op: z.literal('create-workspace'), args: createWorkspaceArgs }),
  z.object({ id: z.number().int(), op: z.literal('dismiss-notice'), args: z.object({ at: z.number() }) }),
  /** The renderer holds a workspace the peer has lost (its data folder was wiped): the peer takes it back and is refilled from the renderer's cache. */
  z.object({ id: z.number().int(), op: z.literal('adopt-workspace'), args: workspaceIdentitySchema }),
  /** A backup file of the whole workspace; the answer names it as a blob. */
  z.object({ id: z.number().int(), op: z.literal('create-backup'), args: z.object({}) }),
  /** Checks (`inspect`) or restores a backup file sent as a blob; nothing changes unless all of it is valid. */
  z.object({ id: z.number().int(), op: z.literal('restore-backup'), args: restoreBackupArgs }),
  /** The invite code and `tandem://join` link of the workspace, with this peer's LAN addresses. */
  z.object({ id: z.number().int(), op: z.literal('get-invite'), args: z.object({}) }),
  /** Joins the workspace an invite names (allowed on an empty install), as a new member or an existing one. */
  z.object({ id: z.number().int(), op: z.literal('join-workspace'), args: joinWorkspaceArgs }),
  /** This laptop's person is this existing member of the workspace (it must be in the member list). */
  z.object({ id: z.number().int(), op: z.literal('choose-member'), args: chooseMemberArgs }),
  /** A new workspace secret: peers holding the old one are refused until re-invited. Answers with the new invite. */
  z.object({ id: z.number().int(), op: z.literal('rotate-secret'), args: z.object({}) }),
  /** LAN sync as it is now (`NetworkStatus`); later changes arrive as pushed `networkStatus` messages. */
  z.object({ id: z.number().int(), op: z.literal('network-status'), args: z.object({}) }),
  /** Checks again whether teammates can reach this laptop's LAN port; answers with the network status after it. */
  z.object({ id: z.number().int(), op: z.literal('check-reachability'), args: z.object({}) }),
  /** Dials a teammate's peer at `host:port` from now on. */
  z.object({ id: z.number().int(), op: z.literal('add-peer'), args: addPeerArgs }),
  /** Syncs through the company relay at this address from now on (null: no relay); remembered by the peer. */
  z.object({ id: z.number().int(), op: z.literal('set-relay'), args: setRelayArgs }),
  /** Which teammates' laptops hold a doc, or one change of it, and since when. */
  z.object({ id: z.number().int(), op: z.literal('reach'), args: reachArgs }),
  /** This laptop leaves the workspace: LAN sync stops and its secret and copy of every doc are deleted. Every link then closes. */
  z.object({ id: z.number().int(), op: z.literal('leave-workspace'), args: z.object({}) }),
]);
export type LinkRequest = z.infer<typeof requestSchema>;

export const responseSchema = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: z.object({ code: z.string(), messageKey: z.string(), field: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }) }),
]);
export type LinkResponse = z.infer<typeof responseSchema>;
