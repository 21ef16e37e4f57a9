// Presence on the wire: y-protocols awareness updates (`varUint count`, then per client
// `varUint clientID, varUint clock, varString JSON state`, "null" = removed) read into checked
// entries and written back, so a peer forwards exactly the entries it accepted. Malformed bytes
// are a ProtocolError; a well-formed entry whose state fails the schema is marked 'invalid'.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { parsePresenceState, type PresenceState } from '../api/presence';
import { encodeFrame, MessageType, ProtocolError, readBytes } from './frame';

export const PRESENCE_WIRE_LIMITS = {
  /** Entries in one awareness update: a teammate's peer sends at most a few hundred clients. */
  maxEntriesPerUpdate: 1_024,
  /** Bytes of one awareness update (1,024 states of 1,024 UTF-16 units fit, as ASCII JSON). */
  maxUpdateBytes: 1024 * 1024 + 16 * 1024,
} as const;

/** One client's entry of an awareness update, as received. */
export interface PresenceEntry {
  readonly clientId: number;
  readonly clock: number;
  /** The checked state; null = the client is gone; 'invalid' = the state failed the schema or size and must be ignored. */
  readonly state: PresenceState | null | 'invalid';
}

/** An entry fit to send: never 'invalid'. */
export interface ValidPresenceEntry extends PresenceEntry {
  readonly state: PresenceState | null;
}

function readUint(decoder: decoding.Decoder): number {
  const value = decoding.readVarUint(decoder);
  if (!Number.isSafeInteger(value)) throw new Error('integer out of range');
  return value;
}

/** Reads an awareness update; throws ProtocolError when its bytes are malformed or over the limits. */
export function decodePresenceUpdate(update: Uint8Array): PresenceEntry[] {
  if (update.byteLength > PRESENCE_WIRE_LIMITS.maxUpdateBytes) throw new ProtocolError('presence-too-large');
  const decoder = decoding.createDecoder(update);
  const entries: PresenceEntry[] = [];
  try {
    const count = readUint(decoder);
    if (count > PRESENCE_WIRE_LIMITS.maxEntriesPerUpdate) throw new ProtocolError('presence-too-many-clients');
    for (let i = 0; i < count; i++) {
      const clientId = readUint(decoder);
      const clock = readUint(decoder);
      const json = decoding.readVarString(decoder);
      entries.push({ clientId, clock, state: json === 'null' ? null : (parsePresenceState(json) ?? 'invalid') });
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError('presence-malformed');
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('presence-malformed');
  return entries;
}

/** Writes entries as an awareness update, in y-protocols' layout. */
export function encodePresenceUpdate(entries: readonly ValidPresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/** A connection-level awareness frame carrying `update`. */
export function encodePresenceFrame(update: Uint8Array): Uint8Array {
  return encodeFrame('', MessageType.awareness, (e) => encoding.writeVarUint8Array(e, update));
}

/** A connection-level "send me every state you know". */
export function encodePresenceQueryFrame(): Uint8Array {
  return encodeFrame('', MessageType.queryAwareness, () => undefined);
}

/** Reads an awareness frame's payload (the decoder is just past the type) into entries. */
export function readPresencePayload(decoder: decoding.Decoder): PresenceEntry[] {
  return decodePresenceUpdate(readBytes(decoder));
}
