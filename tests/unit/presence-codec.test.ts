// The presence codec against y-protocols itself: what an Awareness encodes reads back as checked
// entries and re-encodes to bytes y-protocols applies; states off the schema or over the size are
// marked invalid, and malformed or oversized updates are protocol errors.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { PRESENCE_LIMITS, type PresenceState } from '../../shared/api/presence';
import { MessageType, ProtocolError, readFrameHead } from '../../shared/protocol/frame';
import {
  decodePresenceUpdate, encodePresenceFrame, encodePresenceQueryFrame, encodePresenceUpdate, PRESENCE_WIRE_LIMITS, readPresencePayload,
} from '../../shared/protocol/presence-codec';
import { rawPresenceUpdate } from '../support/presence-bytes';

const viewing: PresenceState = { memberId: 'm_ada', boardId: 'b_goals', itemId: 'g_1', field: 'title' };

const rawUpdate = rawPresenceUpdate;

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ProtocolError) return error.reason;
    throw error;
  }
  return 'no error';
}

describe('presence codec', () => {
  it('reads what a y-protocols Awareness encodes, and writes bytes another Awareness applies', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState(viewing);
    const entries = decodePresenceUpdate(encodeAwarenessUpdate(awareness, [awareness.clientID]));
    expect(entries).toEqual([{ clientId: awareness.clientID, clock: 1, state: viewing }]);

    const other = new Awareness(new Y.Doc());
    applyAwarenessUpdate(other, encodePresenceUpdate([{ clientId: 7, clock: 3, state: viewing }]), 'test');
    expect(other.getStates().get(7)).toEqual(viewing);
    applyAwarenessUpdate(other, encodePresenceUpdate([{ clientId: 7, clock: 4, state: null }]), 'test');
    expect(other.getStates().has(7)).toBe(false);
    awareness.destroy();
    other.destroy();
  });

  it('marks a state off the schema or over the size invalid, and reads "null" as a removal', () => {
    const tooLong = JSON.stringify({ ...viewing, itemId: 'x'.repeat(PRESENCE_LIMITS.maxStateChars) });
    const entries = decodePresenceUpdate(rawUpdate([
      [1, 1, '{}'],
      [2, 1, JSON.stringify({ ...viewing, name: 'Mallory' })],
      [3, 1, JSON.stringify({ ...viewing, boardId: '<script>' })],
      [4, 1, tooLong],
      [5, 1, 'not json'],
      [6, 2, 'null'],
      [7, 1, JSON.stringify({ memberId: 'm_bo', boardId: null, itemId: null, field: null })],
    ]));
    expect(entries.map((e) => e.state)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', null, { memberId: 'm_bo', boardId: null, itemId: null, field: null }]);
  });

  it('refuses malformed bytes, too many clients and oversized updates as protocol errors', () => {
    const good = rawUpdate([[1, 1, JSON.stringify(viewing)]]);
    expect(reason(() => decodePresenceUpdate(good.subarray(0, good.byteLength - 3)))).toBe('presence-malformed');
    expect(reason(() => decodePresenceUpdate(new Uint8Array([...good, 0])))).toBe('presence-malformed');
    expect(reason(() => decodePresenceUpdate(new Uint8Array([])))).toBe('presence-malformed');
    expect(reason(() => decodePresenceUpdate(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])))).toBe('presence-malformed');
    const many = rawUpdate(Array.from({ length: PRESENCE_WIRE_LIMITS.maxEntriesPerUpdate + 1 }, (_, i) => [i + 1, 1, 'null'] as [number, number, string]));
    expect(reason(() => decodePresenceUpdate(many))).toBe('presence-too-many-clients');
    expect(reason(() => decodePresenceUpdate(new Uint8Array(PRESENCE_WIRE_LIMITS.maxUpdateBytes + 1)))).toBe('presence-too-large');
    // A count that promises more entries than the bytes hold.
    expect(reason(() => decodePresenceUpdate(new Uint8Array([5, 1, 1])))).toBe('presence-malformed');
  });

  it('frames an update at connection level, and reads the frame payload back', () => {
    const update = encodePresenceUpdate([{ clientId: 42, clock: 9, state: viewing }]);
    const { docId, type, decoder } = readFrameHead(encodePresenceFrame(update));
    expect([docId, type]).toEqual(['', MessageType.awareness]);
    expect(readPresencePayload(decoder)).toEqual([{ clientId: 42, clock: 9, state: viewing }]);
    const query = readFrameHead(encodePresenceQueryFrame());
    expect([query.docId, query.type]).toEqual(['', MessageType.queryAwareness]);
    expect(reason(() => readPresencePayload(readFrameHead(new Uint8Array([0, MessageType.awareness, 9, 1])).decoder))).toBe('payload-malformed');
  });
});
