// Frames over the LAN frame limit go in chunks: a doc whose full step 2 (and a later update)
// is bigger than the channel's frame limit still syncs, frames behind a large one stay behind
// it, and a truncated, oversized or out-of-order chunk sequence closes only that connection,
// counted, with the replica byte-identical. Limits are shrunk so the tests stay small.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { brotliCompressSync } from 'node:zlib';
import * as decoding from 'lib0/decoding';
import { IncomingLargeFrame, LargeFrameCoding, largeFrameFrames } from '../../electron/peer/lan/large-frames';
import { encodeWelcome } from '../../electron/peer/lan/lan-messages';
import { ChannelError } from '../../electron/peer/lan/records';
import { blobChunkFrames } from '../../shared/protocol/blobs';
import { encodeFrame, MessageType, readFrameHead } from '../../shared/protocol/frame';
import { docHash } from '../support/doc-hash';
import { fakeChannel, intruder, MemoryNet, type SimPeer } from '../support/lan-memory-net';

const LOCAL = Object.freeze({ source: 'local' as const });
const LIMITS = { largeFrameThresholdBytes: 4 * 1024, largeFrameChunkBytes: 1024, maxLargeFrameBytes: 256 * 1024, compressAboveBytes: 2 * 1024 };
/** The channel's frame limit in these tests: what the sealer refuses with `frame-too-large`. */
const FRAME_LIMIT = 8 * 1024;

/** Makes `peer`'s channels refuse frames over FRAME_LIMIT, as the sealer does, and records the sizes sent. */
function limitFrames(peer: SimPeer): number[] {
  const sizes: number[] = [];
  const attach = peer.lan.attach.bind(peer.lan);
  peer.lan.attach = (channel, info) =>
    attach(
      {
        send: (frame) => {
          if (frame.byteLength > FRAME_LIMIT) throw new ChannelError('frame-too-large');
          sizes.push(frame.byteLength);
          channel.send(frame);
        },
        close: (reason) => channel.close(reason),
      },
      info,
    );
  return sizes;
}

/** Text that does not compress away: `bytes` characters. */
function bigText(bytes: number, seed: number): string {
  let out = '';
  let x = seed;
  while (out.length < bytes) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    out += x.toString(36);
  }
  return out.slice(0, bytes);
}

function updateFrame(docId: string, update: Uint8Array): Uint8Array {
  return encodeFrame(docId, MessageType.sync, (e) => syncProtocol.writeUpdate(e, update));
}

describe('LAN frames over the frame limit', () => {
  it('syncs a doc whose step 2 exceeds the frame limit, then a large live update, with later frames after it', async () => {
    const net = new MemoryNet(11, 40, LIMITS);
    const [a, b] = [net.addPeer('p_a'), net.addPeer('p_b')];
    const sizes = [...limitFrames(a), ...limitFrames(b)];
    const board = a.host.doc('board');
    board.transact(() => {
      for (let i = 0; i < 6; i++) board.getMap('m').set(`card${i}`, bigText(5_000, i + 1));
    }, LOCAL);
    expect(Y.encodeStateAsUpdate(board).byteLength).toBeGreaterThan(FRAME_LIMIT * 3);
    net.connect(a, b);
    await net.settle();
    expect(docHash(b.host.doc('board'))).toBe(docHash(board));

    // A large update followed at once by a small one: the small one is handled after it.
    board.transact(() => board.getMap('m').set('huge', bigText(20_000, 99)), LOCAL);
    board.transact(() => board.getMap('m').set('after', 'small'), LOCAL);
    await net.settle();
    expect(b.host.doc('board').getMap('m').get('after')).toBe('small');
    expect(docHash(b.host.doc('board'))).toBe(docHash(board));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(LIMITS.largeFrameThresholdBytes);
    expect(a.lan.protocolErrors + b.lan.protocolErrors).toBe(0);
    expect(a.lan.connectedPeerIds()).toEqual(['p_b']);
  });

  it('closes a connection whose chunk sequence is truncated, oversized or out of order, and leaves the replica byte-identical', async () => {
    const net = new MemoryNet(12, 40, LIMITS);
    const a = net.addPeer('p_a');
    a.host.doc('d1').getMap('m').set('title', 'Grow weekly active users');
    await net.run(100);
    const before = Buffer.from(Y.encodeStateAsUpdate(a.host.doc('d1'))).toString('hex');

    const source = new Y.Doc();
    source.getMap('m').set('big', bigText(10_000, 5));
    const frame = updateFrame('d1', Y.encodeStateAsUpdate(source));
    const parts = [...largeFrameFrames(7, frame, LIMITS)];
    const [announce, ...chunks] = parts as [Uint8Array, ...Uint8Array[]];
    const small = updateFrame('d1', Y.encodeStateAsUpdate(new Y.Doc()));
    const announceOf = (id: number, size: number, coding?: number) =>
      encodeFrame('', MessageType.lanLargeFrame, (e) => {
        encoding.writeVarUint(e, id);
        encoding.writeVarUint(e, size);
        if (coding !== undefined) encoding.writeVarUint(e, coding);
      });
    const chunkOf = (id: number, bytes: Uint8Array) =>
      encodeFrame('', MessageType.blobChunk, (e) => {
        encoding.writeVarUint(e, id);
        encoding.writeVarUint8Array(e, bytes);
      });
    const compressed = [...largeFrameFrames(9, frame, LIMITS, LargeFrameCoding.brotli)];
    const cases: [string, Uint8Array[]][] = [
      // Truncated: another frame arrives before the last chunk.
      ['large-frame-interrupted', [announce, ...chunks.slice(0, -1), small]],
      // More bytes than announced.
      ['large-frame-overrun', [announceOf(7, frame.byteLength - 10), ...chunks]],
      // Announced past the limit.
      ['large-frame-too-large', [announceOf(7, LIMITS.maxLargeFrameBytes + 1)]],
      // A chunk with no announcement, and one of another blob.
      ['large-frame-unknown-blob', [chunks[0] as Uint8Array]],
      ['large-frame-unknown-blob', [announce, ...blobChunkFrames(8, frame.subarray(0, 1024), 1024)]],
      // A second announcement before the first is complete.
      ['large-frame-interrupted', [announce, chunks[0] as Uint8Array, announceOf(8, 100)]],
      // Compressed: a coding nobody knows, a chunk that is not Brotli, one that is cut short, and
      // one that inflates past what was announced (a small bomb).
      ['large-frame-coding', [announceOf(9, frame.byteLength, 7)]],
      ['large-frame-undecodable', [announceOf(9, frame.byteLength, LargeFrameCoding.brotli), chunkOf(9, new Uint8Array([1, 2, 3, 4, 5]))]],
      ['large-frame-undecodable', [compressed[0] as Uint8Array, chunkOf(9, brotliCompressSync(frame.subarray(0, LIMITS.largeFrameChunkBytes)).subarray(0, -3))]],
      ['large-frame-overrun', [announceOf(9, 2_000, LargeFrameCoding.brotli), chunkOf(9, brotliCompressSync(new Uint8Array(1_000_000)))]],
    ];
    for (const [i, [reason, frames]] of cases.entries()) {
      const channel = fakeChannel();
      const attachment = a.lan.attach(channel, intruder(`p_intruder${i}`));
      attachment?.receive(encodeWelcome({ memberId: null, device: null, docs: [] }));
      for (const f of frames) attachment?.receive(f);
      await net.run(100);
      expect(channel.closedWith, `case ${i}`).toEqual(['frame-rejected']);
      expect(a.log.join('\n'), `case ${i}`).toContain(`"reason":"${reason}"`);
    }
    expect(a.lan.protocolErrors).toBe(cases.length);
    expect(Buffer.from(Y.encodeStateAsUpdate(a.host.doc('d1'))).toString('hex')).toBe(before);

    // The whole sequence, intact, is applied as the one frame it carries.
    const channel = fakeChannel();
    const attachment = a.lan.attach(channel, intruder('p_honest'));
    attachment?.receive(encodeWelcome({ memberId: null, device: null, docs: [] }));
    for (const f of parts) attachment?.receive(f);
    await net.run(100);
    expect(channel.closedWith).toEqual([]);
    expect(a.host.doc('d1').getMap('m').get('big')).toBe(source.getMap('m').get('big'));
  });

  it('sends big frames compressed to a peer whose welcome says it reads them, raw to one that does not, and both arrive whole', async () => {
    const net = new MemoryNet(13, 40, LIMITS);
    const a = net.addPeer('p_a');
    const board = a.host.doc('board');
    // Words that repeat, as a board's do: it compresses.
    board.transact(() => {
      for (let i = 0; i < 40; i++) board.getMap('m').set(`card${i}`, `Customers ask for faster exports of the weekly retention report, card ${i}`);
    }, LOCAL);
    await net.run(100);
    const state = Y.encodeStateAsUpdate(board);
    expect(state.byteLength).toBeGreaterThan(LIMITS.compressAboveBytes);
    const step1 = encodeFrame('board', MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc()));
    const sentTo = async (compression: string[] | undefined, id: string) => {
      const channel = fakeChannel();
      const attachment = a.lan.attach(channel, intruder(id));
      attachment?.receive(encodeWelcome({ memberId: null, device: null, docs: [], ...(compression ? { compression } : {}) }));
      attachment?.receive(step1);
      await net.run(100);
      expect(channel.closedWith).toEqual([]);
      // Read back as the other side would: the step 2 it carries is the whole board.
      const incoming = new IncomingLargeFrame(LIMITS);
      const copy = new Y.Doc();
      let large = 0;
      for (const f of channel.sent) {
        if (f[0] === 0 && f[1] === MessageType.lanLargeFrame) large++;
        const whole = incoming.receive(f);
        if (!whole) continue;
        const head = readFrameHead(whole);
        if (head.docId === 'board' && head.type === MessageType.sync) syncProtocol.readSyncMessage(head.decoder, encoding.createEncoder(), copy, 'test');
      }
      expect(docHash(copy)).toBe(docHash(board));
      return { bytes: channel.sent.reduce((sum, f) => sum + f.byteLength, 0), large };
    };
    const old = await sentTo(undefined, 'p_old');
    const current = await sentTo(['br'], 'p_new');
    expect(old.large).toBe(0); // under the raw threshold: sent whole, as before
    expect(current.large).toBe(1);
    expect(current.bytes).toBeLessThan(old.bytes / 2);
    expect(a.lan.protocolErrors).toBe(0);
  });

  it('puts a compressed large frame together as it was', () => {
    const incoming = new IncomingLargeFrame(LIMITS);
    const frame = new Uint8Array(10_000).map((_, i) => (i * 7) % 13);
    const parts = [...largeFrameFrames(2, frame, LIMITS, LargeFrameCoding.brotli)];
    expect(parts).toHaveLength(1 + 10);
    const announce = decoding.createDecoder((parts[0] as Uint8Array).subarray(2));
    expect([decoding.readVarUint(announce), decoding.readVarUint(announce), decoding.readVarUint(announce)]).toEqual([2, 10_000, LargeFrameCoding.brotli]);
    expect(parts.slice(1).reduce((sum, p) => sum + p.byteLength, 0)).toBeLessThan(frame.byteLength / 4);
    const out = parts.map((p) => incoming.receive(p));
    expect(out.at(-1)).toEqual(frame);
    expect(incoming.inProgress).toBe(false);
  });

  it('puts a large frame together in one buffer of its announced size', () => {
    const incoming = new IncomingLargeFrame(LIMITS);
    const frame = new Uint8Array(10_000).map((_, i) => i % 251);
    const parts = [...largeFrameFrames(1, frame, LIMITS)];
    expect(parts).toHaveLength(1 + 10);
    const out = parts.map((p) => incoming.receive(p));
    expect(out.slice(0, -1).every((o) => o === null)).toBe(true);
    expect(out.at(-1)).toEqual(frame);
    expect(incoming.inProgress).toBe(false);
    const plain = new Uint8Array([1, 2, 3]);
    expect(incoming.receive(plain)).toBe(plain);
  });
});
