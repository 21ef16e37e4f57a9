// Connection-level messages of the local link (docId ''): the peer's hello and the
// request/response pairs the renderer uses for what is not a document edit.
import { z } from 'zod';
import { LIMITS, requiredText, team } from '../model/validate';

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

export const helloSchema = z.object({
  protocol: z.number().int(),
  appVersion: z.string().max(64),
  peerId: z.string().max(64),
  workspace: workspaceIdentitySchema.nullable(),
  notices: z.array(noticeSchema).max(100),
});
export type Hello = z.infer<typeof helloSchema>;

export const createWorkspaceArgs = z.object({ workspaceName: requiredText(LIMITS.name), memberName: requiredText(LIMITS.name), team, goalsBoardName: requiredText(LIMITS.name) });
export type CreateWorkspaceArgs = z.input<typeof createWorkspaceArgs>;

export const requestSchema = z.discriminatedUnion('op', [
  z.object({ id: z.number().int(), op: z.literal('create-workspace'), args: createWorkspaceArgs }),
  z.object({ id: z.number().int(), op: z.literal('dismiss-notice'), args: z.object({ at: z.number() }) }),
  /** The renderer holds a workspace the peer has lost (its data folder was wiped): the peer takes it back and is refilled from the renderer's cache. */
  z.object({ id: z.number().int(), op: z.literal('adopt-workspace'), args: workspaceIdentitySchema }),
]);
export type LinkRequest = z.infer<typeof requestSchema>;

export const responseSchema = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: z.object({ code: z.string(), messageKey: z.string(), field: z.string().optional() }) }),
]);
export type LinkResponse = z.infer<typeof responseSchema>;
