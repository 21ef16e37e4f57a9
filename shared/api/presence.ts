// Presence: who is online, which board each person looks at and which item and field they are
// editing. It travels as y-protocols awareness updates (`MessageType.awareness`, docId '',
// payload `varUint8Array(encodeAwarenessUpdate(...))`, y-websocket's layout) on the local link
// and the LAN. It is untrusted input: every state is checked against this schema and size, a
// connection may only speak for the client ids it announced, and names shown come from the
// workspace's member list by `memberId`, never from the state itself.
import { z } from 'zod';

export const PRESENCE_LIMITS = {
  /** Largest JSON state of one client, in UTF-16 code units. */
  maxStateChars: 1_024,
  /** Client ids one renderer link may announce (a few windows' worth of churn). */
  maxClientsPerLink: 16,
  /** Client ids one teammate's peer may announce over a LAN connection. */
  maxClientsPerLanConnection: 256,
  /** A client not heard from for this long is gone (y-protocols renews every 15 s). */
  outdatedMs: 30_000,
  /**
   * Highest clock accepted: far beyond any real session, and low enough that the removal a peer
   * sends at clock + 1 stays a safe integer every receiver can read.
   */
  maxClock: 2 ** 32,
  /** Updates one client may send in a burst, and per second after it (a cursor at 60 Hz passes). */
  burstUpdates: 20,
  updatesPerSecond: 60,
} as const;

const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/);

/** One client's presence (one window of one person). */
export const presenceStateSchema = z.object({
  /** The workspace member this window belongs to; shown by the member list's name. */
  memberId: z.string().min(1).max(64),
  /** The board on screen, or null (the Network view, say). */
  boardId: id.nullable(),
  /** The goal or feedback item open in the side panel, or null. */
  itemId: id.nullable(),
  /** The field of that item being edited (e.g. `title`, `status`, `target`), or null. */
  field: z.string().min(1).max(32).regex(/^[A-Za-z0-9_.-]+$/).nullable(),
  /**
   * The sender's clock (ms since the epoch) when it sent this state, so receivers can estimate
   * its clock offset (shared/model/clock-offsets.ts). Never compared with a local clock directly.
   */
  sentAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /**
   * What a workshop's facilitator has on screen while asking the room to follow: the canvas
   * point at the middle of their view and the zoom. Sent only then.
   */
  viewport: z.object({ cx: z.number().min(-1e7).max(1e7), cy: z.number().min(-1e7).max(1e7), k: z.number().min(0.01).max(100) }).strict().optional(),
}).strict();
export type PresenceViewport = NonNullable<PresenceState['viewport']>;
export type PresenceState = z.infer<typeof presenceStateSchema>;

/** A state as received: parsed and size-checked, or null when it must be ignored. */
export function parsePresenceState(json: string): PresenceState | null {
  if (json.length > PRESENCE_LIMITS.maxStateChars) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = presenceStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
