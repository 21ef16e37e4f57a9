// A teammate's big update reaches this laptop's windows before the peer has applied it (both
// decode it at once instead of one after the other), and only once: the peer's own report of
// the same bytes, once it applies them, is not sent to the window again. Small updates take the
// usual way. The LAN side's DocSessions and the window side's sync session, with real Y.Docs.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DocSessions, RELAY_AHEAD_MIN_BYTES } from '../../electron/peer/lan/doc-sessions';
import type { LanDocHost } from '../../electron/peer/lan/lan-contract';
import { encodeFrame, MessageType, readFrameHead } from '../../shared/protocol/frame';
import { createDocSyncSession } from '../../shared/protocol/sync-session';

const DOC = 'b_board0000000001';
const TEAMMATE = Object.freeze({ source: 'peer', peerId: 'p_teammate' });

/** A board whose whole state is `bytes` long, more or less. */
function boardOf(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  const items = doc.getMap('items');
  doc.transact(() => {
    for (let i = 0; i * 100 < bytes; i++) items.set(`i${i}`, `item ${i} ${'x'.repeat(90)}`);
  });
  return Y.encodeStateAsUpdate(doc);
}

/** A step 2 as the LAN sends it, and a decoder placed after the frame's head, as DocSessions gets it. */
function step2(update: Uint8Array): decoding.Decoder {
  const frame = encodeFrame(DOC, MessageType.sync, (e) => {
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });
  return readFrameHead(frame, Number.POSITIVE_INFINITY).decoder;
}

function sessionsWith(doc: Y.Doc, relayAhead: LanDocHost['relayAhead'], more: Pick<LanDocHost, 'storeAhead' | 'settle'> = {}) {
  const sent: Uint8Array[] = [];
  /** What the connection's queue failed with: the connection closes on it. */
  const failures: unknown[] = [];
  const sessions = new DocSessions({
    host: { listDocIds: async () => [DOC], openDoc: async () => doc, savedStateVector: async () => Y.encodeStateVector(doc), relayAhead, ...more },
    origin: TEAMMATE,
    send: (f) => sent.push(f),
    capacity: 8,
    enqueue: (work) => void work().catch((error: unknown) => failures.push(error)),
    onDidAck: () => undefined,
    onDidOpen: () => undefined,
    onDidProgress: () => undefined,
  });
  return { sessions, sent, failures };
}

describe('an update relayed ahead to the windows', () => {
  it('goes to the windows before the peer applies it, and the peer says when it has', async () => {
    const doc = new Y.Doc();
    const events: string[] = [];
    const { sessions } = sessionsWith(doc, async (docId, update) => {
      events.push(`ahead ${docId} ${update.byteLength} bytes, peer has ${doc.getMap('items').size} items`);
      return () => events.push(`applied, peer has ${doc.getMap('items').size} items`);
    });
    const board = boardOf(RELAY_AHEAD_MIN_BYTES * 2);
    const items = (() => {
      const probe = new Y.Doc();
      Y.applyUpdate(probe, board);
      return probe.getMap('items').size;
    })();
    await sessions.receive(DOC, step2(board));
    expect(events).toEqual([`ahead ${DOC} ${board.byteLength} bytes, peer has 0 items`, `applied, peer has ${items} items`]);
  });

  it('is offered to the host to store first when a window took it: the session goes on as synced, and the window hears the peer has applied it only once the host has', async () => {
    for (const withSession of [true, false]) {
      const doc = new Y.Doc();
      const events: string[] = [];
      let applyLater: (() => void) | null = null;
      const { sessions } = sessionsWith(
        doc,
        async () => {
          events.push('relayed ahead');
          return () => events.push('window told the peer has it');
        },
        {
          settle: (docId) => void events.push(`settle ${docId}`),
          storeAhead: (docId, update, origin, onApplied) => {
            events.push(`stored ${docId} ${update.byteLength} bytes from ${(origin as { peerId: string }).peerId}`);
            applyLater = onApplied;
            return true;
          },
        },
      );
      // A session the walk opened (its step 1 out), or none: a step 2 for a doc whose session was closed.
      if (withSession) await sessions.ensure(DOC);
      events.length = 0;
      const board = boardOf(RELAY_AHEAD_MIN_BYTES * 2);
      await sessions.receive(DOC, step2(board));
      expect(events).toEqual(['relayed ahead', `settle ${DOC}`, `stored ${DOC} ${board.byteLength} bytes from p_teammate`]);
      expect(doc.getMap('items').size).toBe(0);
      // The session has had its step 2: this side holds (on disk) all the other side had.
      if (withSession) expect(sessions.syncedDocs).toBe(1);
      (applyLater as unknown as () => void)();
      expect(events.at(-1)).toBe('window told the peer has it');
    }
  });

  it('closes the connection that sent bytes the doc refuses once it applies them', async () => {
    let refuse: ((error?: unknown) => void) | null = null;
    const { sessions, failures } = sessionsWith(new Y.Doc(), async () => () => undefined, {
      storeAhead: (_docId, _update, _origin, onApplied) => {
        refuse = onApplied;
        return true;
      },
    });
    await sessions.receive(DOC, step2(boardOf(RELAY_AHEAD_MIN_BYTES * 2)));
    expect(failures).toEqual([]);
    (refuse as unknown as (error?: unknown) => void)(new Error('unexpected end of array'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failures).toMatchObject([{ reason: 'update-rejected' }]);
  });

  it('stores ahead only a whole state (a step 2): a live update may build on what the doc lacks', async () => {
    const doc = new Y.Doc();
    let offered = 0;
    const { sessions } = sessionsWith(doc, async () => () => undefined, {
      storeAhead: () => {
        offered++;
        return true;
      },
    });
    const big = boardOf(RELAY_AHEAD_MIN_BYTES * 2);
    await sessions.receive(
      DOC,
      readFrameHead(
        encodeFrame(DOC, MessageType.sync, (e) => syncProtocol.writeUpdate(e, big)),
        Number.POSITIVE_INFINITY,
      ).decoder,
    );
    expect(offered).toBe(0);
    expect(doc.getMap('items').size).toBeGreaterThan(0);
  });

  it('is applied here as before when the host does not take it, or when no window took it', async () => {
    for (const windowTookIt of [true, false]) {
      const doc = new Y.Doc();
      let offered = 0;
      const { sessions } = sessionsWith(doc, async () => (windowTookIt ? () => undefined : null), {
        storeAhead: () => {
          offered++;
          return false;
        },
      });
      await sessions.receive(DOC, step2(boardOf(RELAY_AHEAD_MIN_BYTES * 2)));
      expect(doc.getMap('items').size).toBeGreaterThan(0);
      expect(offered).toBe(windowTookIt ? 1 : 0);
    }
  });

  it('is not done for a small update, nor for bytes that do not decode (the apply refuses those)', async () => {
    const doc = new Y.Doc();
    let relayed = 0;
    const { sessions } = sessionsWith(doc, async () => {
      relayed++;
      return () => undefined;
    });
    await sessions.receive(DOC, step2(boardOf(10_000)));
    expect(doc.getMap('items').size).toBeGreaterThan(0);
    const garbage = new Uint8Array(RELAY_AHEAD_MIN_BYTES).fill(0xff);
    // Announces more bytes than the frame holds: cannot be read, so nothing is relayed and the apply says why.
    const truncated = encodeFrame(DOC, MessageType.sync, (e) => {
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint(e, garbage.byteLength * 2);
      encoding.writeUint8Array(e, garbage);
    });
    await expect(sessions.receive(DOC, readFrameHead(truncated, Number.POSITIVE_INFINITY).decoder)).rejects.toThrow();
    expect(relayed).toBe(0);
  });

  it('reaches the window once: the doc’s own report of the same bytes is held back, a later update is not', () => {
    const doc = new Y.Doc();
    const toWindow: Uint8Array[] = [];
    const link = createDocSyncSession({ docId: DOC, doc, origin: Object.freeze({ source: 'link', linkId: 'w1' }), send: (f) => toWindow.push(f) });
    const lan = createDocSyncSession({ docId: DOC, doc, origin: Object.freeze({ source: 'peer', peerId: 'p_teammate' }), send: () => undefined });
    toWindow.length = 0; // the link's step 1
    // What DocSessions does: the update read from the frame goes ahead, then the frame is applied.
    const decoder = step2(boardOf(RELAY_AHEAD_MIN_BYTES));
    const peek = decoding.clone(decoder);
    decoding.readVarUint(peek);
    const update = decoding.readVarUint8Array(peek);
    link.sendAhead(update);
    expect(toWindow).toHaveLength(1);
    lan.receive(decoder);
    expect(doc.getMap('items').size).toBeGreaterThan(0);
    expect(toWindow).toHaveLength(1);
    link.endAhead(update);
    doc.getMap('items').set('later', 'a teammate’s next edit');
    expect(toWindow).toHaveLength(2);
    // What went ahead is the update itself, as the window's sync session reads it.
    const window = new Y.Doc();
    const windowSession = createDocSyncSession({ docId: DOC, doc: window, origin: Object.freeze({ source: 'peer', peerId: 'local' }), send: () => undefined });
    for (const frame of toWindow) windowSession.receive(readFrameHead(frame, Number.POSITIVE_INFINITY).decoder);
    expect(window.getMap('items').toJSON()).toEqual(doc.getMap('items').toJSON());
  });
});
