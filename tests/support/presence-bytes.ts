// Raw y-protocols awareness updates for tests, so they can say anything a misbehaving peer might:
// any client id, any clock, any JSON (or none) as the state.
import * as encoding from 'lib0/encoding';

export function rawPresenceUpdate(entries: [clientId: number, clock: number, json: string][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}
