// Small frames of one turn go to a peer that reads bundles as one compressed bundle: a walk's
// answers for hundreds of small boards arrive whole in a fraction of the bytes, an older peer
// still gets them one by one, the first frame of a turn never waits, and a bundle that is
// malformed or carries a bundle or a large frame closes only that connection, applying nothing.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { BUNDLES, DEFAULT_BUNDLE_LIMITS, encodeBundle, Outbox, readBundle } from '../../electron/peer/lan/bundles';
import { BROTLI_CHUNKS, IncomingLargeFrame, largeFrameFrames, DEFAULT_LARGE_FRAME_LIMITS } from '../../electron/peer/lan/large-frames';
import { encodeWelcome } from '../../electron/peer/lan/lan-messages';
import { encodeFrame, MessageType, readFrameHead } from '../../shared/protocol/frame';
import { docHash } from '../support/doc-hash';
import { fakeChannel, intruder, MemoryNet } from '../support/lan-memory-net';

const LOCAL = Object.freeze({ source: 'local' as const });
const DOCS = 300;

const updateFrame = (docId: string, update: Uint8Array) => encodeFrame(docId, MessageType.sync, (e) => syncProtocol.writeUpdate(e, update));
const step1 = (docId: string) => encodeFrame(docId, MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc()));

describe('LAN bundles', () => {
  it("sends a walk's answers for many small boards as compressed bundles to a peer that reads them, one by one to one that does not, and both arrive whole", async () => {
    const net = new MemoryNet(21);
    const a = net.addPeer('p_a');
    for (let i = 0; i < DOCS; i++) {
      const doc = a.host.doc(`board${i}`);
      doc.transact(() => {
        for (let c = 0; c < 10; c++) doc.getMap('cards').set(`card${c}`, `Customers on plan ${i % 7} ask for faster exports of the weekly retention report (${c})`);
      }, LOCAL);
    }
    await net.run(100);
    const sentTo = async (compression: string[], id: string) => {
      const channel = fakeChannel();
      const attachment = a.lan.attach(channel, intruder(id));
      attachment?.receive(encodeWelcome({ memberId: null, device: null, docs: [], compression }));
      // A walk that lacks every board asks for all of them at once.
      for (let i = 0; i < DOCS; i++) attachment?.receive(step1(`board${i}`));
      await net.run(200);
      expect(channel.closedWith).toEqual([]);
      // Read back as the other side would.
      const incoming = new IncomingLargeFrame(DEFAULT_LARGE_FRAME_LIMITS);
      const copies = new Map<string, Y.Doc>();
      let bundles = 0;
      const read = (frame: Uint8Array) => {
        const head = readFrameHead(frame, 64 * 1024 * 1024);
        if (head.docId === '' && head.type === MessageType.lanBundle) {
          bundles++;
          for (const inner of readBundle(head.decoder)) read(inner);
          return;
        }
        if (head.type !== MessageType.sync) return;
        const copy = copies.get(head.docId) ?? new Y.Doc();
        copies.set(head.docId, copy);
        syncProtocol.readSyncMessage(head.decoder, encoding.createEncoder(), copy, 'test');
      };
      for (const f of channel.sent) {
        const whole = incoming.receive(f);
        if (whole) read(whole);
      }
      for (let i = 0; i < DOCS; i++) expect(docHash(copies.get(`board${i}`) ?? new Y.Doc()), `board${i}`).toBe(docHash(a.host.doc(`board${i}`)));
      return { bytes: channel.sent.reduce((sum, f) => sum + f.byteLength, 0), frames: channel.sent.length, bundles };
    };
    const old = await sentTo([BROTLI_CHUNKS], 'p_old');
    const current = await sentTo([BROTLI_CHUNKS, BUNDLES], 'p_new');
    expect(old.bundles).toBe(0);
    expect(old.frames).toBeGreaterThanOrEqual(DOCS);
    expect(current.bundles).toBeGreaterThan(0);
    expect(current.frames).toBeLessThan(DOCS / 10);
    expect(current.bytes).toBeLessThan(old.bytes / 2);
    expect(a.lan.protocolErrors).toBe(0);
  });

  it('syncs many boards both ways between two peers that bundle, content equal on both', async () => {
    const net = new MemoryNet(22);
    const a = net.addPeer('p_a');
    const b = net.addPeer('p_b');
    for (let i = 0; i < 120; i++) a.host.doc(`a${i}`).getMap('m').set('title', `Onboarding checklist ${i}: ${'step '.repeat(40)}`);
    for (let i = 0; i < 120; i++) b.host.doc(`b${i}`).getMap('m').set('title', `Campaign brief ${i}: ${'channel '.repeat(40)}`);
    net.connect(a, b);
    await net.settle();
    for (const id of [...a.host.docs.keys(), ...b.host.docs.keys()]) expect(docHash(b.host.doc(id)), id).toBe(docHash(a.host.doc(id)));
    expect(a.host.docs.size).toBe(240);
    expect(a.lan.protocolErrors + b.lan.protocolErrors).toBe(0);
  });

  it('closes a connection on a bundle that is empty, cut short, padded, or carries a bundle or a large frame, and applies nothing of it', async () => {
    const net = new MemoryNet(23);
    const a = net.addPeer('p_a');
    a.host.doc('d1').getMap('m').set('title', 'Grow weekly active users');
    await net.run(100);
    const before = docHash(a.host.doc('d1'));
    // Built on the peer's doc, so the new title wins whatever the client ids (a concurrent set would not).
    const source = new Y.Doc();
    Y.applyUpdate(source, Y.encodeStateAsUpdate(a.host.doc('d1')));
    const seen = Y.encodeStateVector(source);
    source.getMap('m').set('title', 'Changed by a bad bundle');
    const good = updateFrame('d1', Y.encodeStateAsUpdate(source, seen));
    const bundleOf = (write: (e: encoding.Encoder) => void) => encodeFrame('', MessageType.lanBundle, write);
    const [announce] = [...largeFrameFrames(1, new Uint8Array(10), DEFAULT_LARGE_FRAME_LIMITS)] as [Uint8Array];
    const cases: [string, Uint8Array][] = [
      ['bundle-malformed', bundleOf((e) => encoding.writeVarUint(e, 0))],
      ['bundle-malformed', encodeBundle([good]).subarray(0, -3)],
      ['bundle-malformed', bundleOf((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, good);
        encoding.writeUint8(e, 7);
      })],
      ['bundle-nested', encodeBundle([good, encodeBundle([good])])],
      ['bundle-nested', encodeBundle([good, announce])],
    ];
    for (const [i, [reason, frame]] of cases.entries()) {
      const channel = fakeChannel();
      const attachment = a.lan.attach(channel, intruder(`p_intruder${i}`));
      attachment?.receive(encodeWelcome({ memberId: null, device: null, docs: [], compression: [BROTLI_CHUNKS, BUNDLES] }));
      attachment?.receive(frame);
      await net.run(100);
      expect(channel.closedWith, `case ${i}`).toEqual(['frame-rejected']);
      expect(a.log.join('\n'), `case ${i}`).toContain(`"reason":"${reason}"`);
    }
    expect(docHash(a.host.doc('d1'))).toBe(before);

    // The same frame in a sound bundle is applied, as if it had come alone.
    const channel = fakeChannel();
    const attachment = a.lan.attach(channel, intruder('p_honest'));
    attachment?.receive(encodeWelcome({ memberId: null, device: null, docs: [], compression: [BROTLI_CHUNKS, BUNDLES] }));
    attachment?.receive(encodeBundle([encodeFrame('', MessageType.lanPing, (e) => encoding.writeVarUint(e, 1)), good]));
    await net.run(100);
    expect(channel.closedWith).toEqual([]);
    expect(a.host.doc('d1').getMap('m').get('title')).toBe('Changed by a bad bundle');
  });
});

describe('the outbox', () => {
  const frame = (bytes: number, fill: number) => new Uint8Array(bytes).fill(fill);

  it("sends a turn's first frames at once and holds the rest, in order, until the turn ends", () => {
    const turns: (() => void)[] = [];
    const flushed: Uint8Array[][] = [];
    const outbox = new Outbox({ ...DEFAULT_BUNDLE_LIMITS, immediateFramesPerTurn: 2 }, (frames) => void flushed.push(frames), (run) => void turns.push(run));
    expect(outbox.hold(frame(10, 1))).toBe(false);
    expect(outbox.hold(frame(10, 2))).toBe(false);
    expect(outbox.hold(frame(10, 3))).toBe(true);
    expect(outbox.hold(frame(10, 4))).toBe(true);
    expect(flushed).toEqual([]);
    expect(turns).toHaveLength(1);
    turns.shift()?.();
    expect(flushed.map((f) => f.map((x) => x[0]))).toEqual([[3, 4]]);
    // The next turn starts over: its first frames go at once.
    expect(outbox.hold(frame(10, 5))).toBe(false);
  });

  it('lets what it holds go first when a big frame comes, or as soon as a bundle is full', () => {
    const turns: (() => void)[] = [];
    const flushed: number[][] = [];
    const limits = { ...DEFAULT_BUNDLE_LIMITS, bundleFrameMaxBytes: 100, bundleMaxBytes: 250, immediateFramesPerTurn: 1 };
    const outbox = new Outbox(limits, (frames) => void flushed.push(frames.map((f) => f[0] as number)), (run) => void turns.push(run));
    outbox.hold(frame(10, 1));
    outbox.hold(frame(10, 2));
    expect(outbox.hold(frame(101, 3))).toBe(false);
    expect(flushed).toEqual([[2]]);
    outbox.hold(frame(100, 4));
    outbox.hold(frame(100, 5));
    expect(flushed).toEqual([[2]]);
    outbox.hold(frame(100, 6));
    expect(flushed).toEqual([[2], [4, 5, 6]]);
    outbox.hold(frame(10, 7));
    outbox.clear();
    for (const run of turns) run();
    expect(flushed).toEqual([[2], [4, 5, 6]]);
  });
});
