// The wire frame: `varString(docId)`, `varUint` type, payload. Everything a malformed or
// hostile connection could send is refused with a named ProtocolError before it reaches a doc.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  encodeJsonFrame,
  isValidDocId,
  LINK_LIMITS,
  MessageType,
  ProtocolError,
  readBytes,
  readFrameHead,
  readJsonPayload,
} from '../../shared/protocol/frame';
import { thrown } from './support/docs';

function expectProtocolError(fn: () => unknown, reason: string): void {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(ProtocolError);
  expect((error as ProtocolError).reason).toBe(reason);
}

describe('reading a frame head', () => {
  it('reads back the doc id, the type and leaves the payload to read', () => {
    const frame = encodeFrame('board:b_goals', MessageType.sync, (e) => encoding.writeVarUint8Array(e, new Uint8Array([7, 8, 9])));
    const head = readFrameHead(frame);
    expect([head.docId, head.type]).toEqual(['board:b_goals', MessageType.sync]);
    expect(readBytes(head.decoder)).toEqual(new Uint8Array([7, 8, 9]));
  });

  it('accepts a connection-level frame, whose doc id is empty', () => {
    const head = readFrameHead(encodeJsonFrame(MessageType.hello, { peerId: 'p1' }));
    expect([head.docId, head.type]).toEqual(['', MessageType.hello]);
    expect(readJsonPayload(head.decoder)).toEqual({ peerId: 'p1' });
  });

  it('accepts a doc id of exactly the longest allowed length', () => {
    const docId = 'd'.repeat(LINK_LIMITS.maxDocIdLength);
    expect(readFrameHead(encodeFrame(docId, MessageType.sync, () => {})).docId).toBe(docId);
  });

  it('refuses a frame larger than the limit before reading it', () => {
    expectProtocolError(() => readFrameHead(new Uint8Array(LINK_LIMITS.maxFrameBytes + 1)), 'frame-too-large');
  });

  it.each([
    ['an empty frame', []],
    ['a one-byte frame', [0]],
  ])('refuses %s as too short', (_label, bytes) => {
    expectProtocolError(() => readFrameHead(new Uint8Array(bytes)), 'frame-too-short');
  });

  it.each([
    ['a doc id with a space', 'board goals'],
    ['a doc id with a path', '../etc/passwd'],
    ['a doc id with a slash', 'board/goals'],
    ['a doc id with non-ASCII letters', 'tablero-año'],
    ['a doc id with a NUL byte', 'board\u0000'],
    ['a doc id one character too long', 'd'.repeat(LINK_LIMITS.maxDocIdLength + 1)],
  ])('refuses %s', (_label, docId) => {
    expectProtocolError(() => readFrameHead(encodeFrame(docId, MessageType.sync, () => {})), 'doc-id-invalid');
  });

  it.each([
    ['a doc-id length whose varint never ends', [0x80, 0x80]],
    ['a doc-id length longer than the frame', [0x05, 0x61]],
    ['a type whose varint never ends', [0x01, 0x61, 0x80]],
    ['a frame with a doc id and no type', [0x01, 0x61]],
    ['a varint too large for a safe integer', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]],
  ])('refuses %s as malformed', (_label, bytes) => {
    expectProtocolError(() => readFrameHead(new Uint8Array(bytes)), 'frame-malformed');
  });

  it('never reads past the end of a frame that is a view into a larger buffer', () => {
    // Transports hand over views into pooled buffers; a declared length past the view must fail,
    // not read a neighbour's bytes.
    const pool = new Uint8Array(64).fill(0x61);
    pool[0] = 10;
    expectProtocolError(() => readFrameHead(pool.subarray(0, 4)), 'frame-malformed');
    const payloadPool = encodeFrame('d', MessageType.sync, (e) => encoding.writeVarUint8Array(e, new Uint8Array(20)));
    const head = readFrameHead(payloadPool.subarray(0, 10));
    expectProtocolError(() => readBytes(head.decoder), 'payload-malformed');
  });
});

describe('doc ids', () => {
  it('are non-empty, short and plain', () => {
    expect(isValidDocId('workspace')).toBe(true);
    expect(isValidDocId('board:b_1.v2-x')).toBe(true);
    expect(isValidDocId('')).toBe(false);
    expect(isValidDocId('a b')).toBe(false);
    expect(isValidDocId('x'.repeat(LINK_LIMITS.maxDocIdLength + 1))).toBe(false);
  });
});

describe('JSON payloads', () => {
  it('refuses text that is not JSON, a truncated string and one over the size cap', () => {
    const notJson = readFrameHead(encodeFrame('', MessageType.request, (e) => encoding.writeVarString(e, '{"id": 1,')));
    expectProtocolError(() => readJsonPayload(notJson.decoder), 'json-malformed');
    const truncated = readFrameHead(encodeFrame('', MessageType.request, (e) => encoding.writeVarUint(e, 100)));
    expectProtocolError(() => readJsonPayload(truncated.decoder), 'json-malformed');
    const huge = readFrameHead(encodeJsonFrame(MessageType.request, { blob: 'x'.repeat(LINK_LIMITS.maxJsonBytes) }));
    expectProtocolError(() => readJsonPayload(huge.decoder), 'json-too-large');
  });
});
