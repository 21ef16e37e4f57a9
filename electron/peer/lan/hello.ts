// The hello each side carries, encrypted, in its handshake message: protocol version, app
// version, peer id and a hash of the workspace id. Both sides judge the pair the same way,
// so both log the same named reason when they cannot talk.
import { z } from 'zod';
import { PROTOCOL_VERSION } from '../../../shared/protocol/frame';
import { workspaceIdHash } from './keys';
import type { ChannelRefusalReason } from './records';

/** Largest hello accepted, in bytes of JSON: keeps message 1 well inside the pre-handshake budget. */
export const MAX_HELLO_BYTES = 512;

// Unknown fields are dropped, not refused, so a later app version on the same protocol may add some.
export const lanHelloSchema = z.object({
  protocolVersion: z.number().int().min(0).max(65_535),
  appVersion: z.string().min(1).max(64),
  peerId: z.string().min(1).max(64),
  workspaceIdHash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What a peer tells another in the handshake. Authenticated by the workspace secret, so it can be trusted once the handshake succeeds. */
export type LanHello = z.infer<typeof lanHelloSchema>;

/** This peer's hello for a workspace. */
export function createLanHello(args: { appVersion: string; peerId: string; workspaceId: string }): LanHello {
  return { protocolVersion: PROTOCOL_VERSION, appVersion: args.appVersion, peerId: args.peerId, workspaceIdHash: workspaceIdHash(args.workspaceId) };
}

export function encodeHello(hello: LanHello): Uint8Array {
  const bytes = new TextEncoder().encode(JSON.stringify(lanHelloSchema.parse(hello)));
  if (bytes.length > MAX_HELLO_BYTES) throw new RangeError('hello too large');
  return bytes;
}

/** Parses a peer's hello, or returns null if it is not one. */
export function decodeHello(bytes: Uint8Array): LanHello | null {
  if (bytes.length > MAX_HELLO_BYTES) return null;
  try {
    const parsed = lanHelloSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether two hellos may talk, as either side sees it; null when they may. Symmetric. */
export function helloMismatch(ours: LanHello, theirs: LanHello): ChannelRefusalReason | null {
  if (ours.protocolVersion !== theirs.protocolVersion) return 'incompatible-protocol';
  if (ours.workspaceIdHash !== theirs.workspaceIdHash) return 'wrong-workspace';
  if (ours.peerId === theirs.peerId) return 'self-connection';
  return null;
}
