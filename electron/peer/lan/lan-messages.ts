// The messages peers exchange on a LAN sync connection, beyond y-protocols' sync: the welcome
// (who this peer's person is; the docs it holds follow as digests, doc-digests.ts), the "saved" acknowledgement (the state
// vector a peer has on disk), and ping/pong liveness. Frames use the layout of
// shared/protocol/frame.ts; every payload is validated and a bad one is a ProtocolError.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { z } from 'zod';
import { encodeFrame, encodeJsonFrame, isValidDocId, LINK_LIMITS, MessageType, ProtocolError, readBytes, readJsonPayload } from '../../../shared/protocol/frame';

/**
 * The LAN's own message types (registered in shared/protocol/frame.ts). `saved` is the link's
 * type: the same acknowledgement, from a teammate's peer instead of this laptop's.
 */
export const LanMessageType = {
  /** Doc frame: `varUint8Array stateVector`, the state of the doc the sender has on disk. */
  saved: MessageType.saved,
  /** Connection-level (docId ''), JSON `LanWelcome`: sent first by both sides. */
  welcome: MessageType.lanWelcome,
  /** Connection-level: `varUint nonce`; answered by `pong` with the same nonce. */
  ping: MessageType.lanPing,
  pong: MessageType.lanPong,
  /** Connection-level, JSON: "try to connect to me" and its answer (electron/peer/lan/reachability.ts). */
  dialBack: MessageType.lanDialBack,
  dialBackResult: MessageType.lanDialBackResult,
  /** Connection-level, binary: one page of the sender's doc digests (electron/peer/lan/doc-digests.ts). */
  docDigests: MessageType.lanDocDigests,
  /** Connection-level, binary: small frames sent together (electron/peer/lan/bundles.ts). */
  bundle: MessageType.lanBundle,
} as const;

/** What a peer says of itself once the handshake has authenticated it. */
export const lanWelcomeSchema = z.object({
  /** The workspace member this laptop belongs to, as the sender says (it holds the secret, so it is a member). */
  memberId: z.string().min(1).max(64).nullable(),
  /** A device label for the Network view (the host name, say); never trusted for anything else. */
  device: z.string().max(64).nullable(),
  /** Docs the receiver syncs as if their digests differed. Sent empty: the doc digests that follow announce every doc held. */
  docs: z.array(z.string().refine(isValidDocId)).max(LINK_LIMITS.maxDocsPerConnection),
  /** Codings of large frames' chunks the sender reads besides raw ones ('br'); absent from peers before it existed. */
  compression: z.array(z.string().max(16)).max(8).optional(),
});
export type LanWelcome = z.infer<typeof lanWelcomeSchema>;

export function encodeWelcome(welcome: LanWelcome): Uint8Array {
  return encodeJsonFrame(LanMessageType.welcome, welcome);
}

export function readWelcome(decoder: decoding.Decoder): LanWelcome {
  const parsed = lanWelcomeSchema.safeParse(readJsonPayload(decoder));
  if (!parsed.success) throw new ProtocolError('welcome-malformed');
  return parsed.data;
}

export function encodeSaved(docId: string, stateVector: Uint8Array): Uint8Array {
  return encodeFrame(docId, LanMessageType.saved, (e) => encoding.writeVarUint8Array(e, stateVector));
}

/** Reads a `saved` payload as a decoded state vector (client id → clock). */
export function readSaved(decoder: decoding.Decoder): Map<number, number> {
  const bytes = readBytes(decoder);
  try {
    return Y.decodeStateVector(bytes);
  } catch {
    throw new ProtocolError('state-vector-malformed');
  }
}

export function encodePing(type: typeof LanMessageType.ping | typeof LanMessageType.pong, nonce: number): Uint8Array {
  return encodeFrame('', type, (e) => encoding.writeVarUint(e, nonce));
}

export function readNonce(decoder: decoding.Decoder): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw new ProtocolError('ping-malformed');
  }
}

/** Clock units `have` holds beyond `acked`: what the other side has not yet confirmed on disk. */
export function pendingClock(have: ReadonlyMap<number, number>, acked: ReadonlyMap<number, number> | undefined): number {
  let pending = 0;
  for (const [client, clock] of have) pending += Math.max(0, clock - (acked?.get(client) ?? 0));
  return pending;
}

/** `a` raised to at least `b`, client by client (acks only ever grow). */
export function mergeStateVectors(a: Map<number, number> | undefined, b: Map<number, number>): Map<number, number> {
  const out = new Map(a ?? []);
  for (const [client, clock] of b) if ((out.get(client) ?? 0) < clock) out.set(client, clock);
  return out;
}
