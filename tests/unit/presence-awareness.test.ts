// A window's presence over the local link, with frames fed in directly: its own state follows
// the store and goes out only while online (again after every reconnect), incoming states are
// checked one by one (invalid ones and ones claiming this window dropped), everyone else is
// forgotten when the link drops, closing the window sends a removal, and the store gets one
// snapshot per frame.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { Hello } from '../../shared/api/link';
import { encodeFrame, encodeJsonFrame, MessageType, readFrameHead, readBytes } from '../../shared/protocol/frame';
import { decodePresenceUpdate } from '../../shared/protocol/presence-codec';
import { LinkClient, type LinkStatus } from '../../renderer/src/link/link-client';
import type { ClientTransport } from '../../renderer/src/link/transports';
import { Presence } from '../../renderer/src/presence/presence';
import { createAppStore, type AppStore } from '../../renderer/src/state/store';
import { rawPresenceUpdate } from '../support/presence-bytes';

const hello: Hello = { protocol: 1, appVersion: '0.0.0-test', peerId: 'p_test', workspace: null, notices: [] };

const rawUpdate = rawPresenceUpdate;
const json = (memberId: string, boardId: string | null = 'b_goals', itemId: string | null = null, field: string | null = null) => JSON.stringify({ memberId, boardId, itemId, field });

class FakeLink {
  status: LinkStatus = 'online';
  readonly sent: Uint8Array[] = [];
  sendPresence(update: Uint8Array): void {
    if (this.status === 'online') this.sent.push(update);
  }
  /** What the last update said of `clientId`. */
  lastState(clientId: number): unknown {
    const update = this.sent.at(-1);
    const entry = update && decodePresenceUpdate(update).find((e) => e.clientId === clientId);
    return entry ? entry.state : undefined;
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup(): { store: AppStore; link: FakeLink; presence: Presence; frames: (() => void)[] } {
  const store = createAppStore('en');
  const link = new FakeLink();
  const frames: (() => void)[] = [];
  const presence = new Presence(store, link, (run) => frames.push(run));
  cleanups.push(() => presence.destroy());
  return { store, link, presence, frames };
}

function enter(store: AppStore): void {
  store.setState({ boot: 'ready', identity: { id: 'w_1', memberId: 'm_mei' }, activeBoardId: 'b_goals' });
}

const runFrames = (frames: (() => void)[]) => frames.splice(0).forEach((run) => run());

describe('a window announces its presence', () => {
  it('says who it is, the board, the open goal and the field being edited, and sends each change once', () => {
    const { store, link, presence } = setup();
    expect(presence.awareness.getLocalState()).toBeNull();
    enter(store);
    expect(link.lastState(presence.clientId)).toEqual({ memberId: 'm_mei', boardId: 'b_goals', itemId: null, field: null });
    store.setState({ selectedGoalId: 'g_1' });
    presence.setEditing({ itemId: 'g_1', field: 'title' });
    expect(link.lastState(presence.clientId)).toEqual({ memberId: 'm_mei', boardId: 'b_goals', itemId: 'g_1', field: 'title' });
    const count = link.sent.length;
    store.setState({ toast: null, today: '2030-01-01' });
    presence.setEditing({ itemId: 'g_1', field: 'title' });
    expect(link.sent.length).toBe(count);
    // Blur clears the field; a field of an item that is no longer open is not announced.
    presence.setEditing(null);
    expect(link.lastState(presence.clientId)).toMatchObject({ itemId: 'g_1', field: null });
    presence.setEditing({ itemId: 'g_2', field: 'title' });
    expect(presence.awareness.getLocalState()).toMatchObject({ itemId: 'g_1', field: null });
    store.setState({ mainView: 'settings' });
    expect(link.lastState(presence.clientId)).toMatchObject({ boardId: null });
  });

  it('leaves out a field name that would fail the schema rather than the whole state', () => {
    const { store, presence } = setup();
    enter(store);
    store.setState({ selectedGoalId: 'g_1' });
    presence.setEditing({ itemId: 'g_1', field: 'x'.repeat(40) });
    expect(presence.awareness.getLocalState()).toEqual({ memberId: 'm_mei', boardId: 'b_goals', itemId: 'g_1', field: null });
  });

  it('sends nothing while offline, then its whole state again with a newer clock on reconnect', () => {
    const { store, link, presence } = setup();
    link.status = 'offline';
    enter(store);
    expect(link.sent).toHaveLength(0);
    link.status = 'online';
    presence.onDidConnect();
    const first = decodePresenceUpdate(link.sent.at(-1) as Uint8Array)[0];
    expect(first).toMatchObject({ clientId: presence.clientId, state: { memberId: 'm_mei' } });
    presence.onDidConnect();
    const second = decodePresenceUpdate(link.sent.at(-1) as Uint8Array)[0];
    expect(second?.clock).toBeGreaterThan(first?.clock ?? Infinity);
  });

  it('answers a query with its own state only, and sends a removal when the window closes', () => {
    const { store, link, presence } = setup();
    enter(store);
    presence.receive(rawUpdate([[7, 1, json('m_li')]]));
    presence.answerQuery();
    expect(decodePresenceUpdate(link.sent.at(-1) as Uint8Array).map((e) => e.clientId)).toEqual([presence.clientId]);
    presence.leave();
    expect(link.lastState(presence.clientId)).toBeNull();
  });
});

describe('a window hears the others', () => {
  it('puts every valid state of another client in the store, once per frame', () => {
    const { store, presence, frames } = setup();
    enter(store);
    presence.receive(rawUpdate([[7, 1, json('m_li', 'b_goals', 'g_1', 'title')]]));
    presence.receive(rawUpdate([[8, 1, json('m_ana')]]));
    expect(store.getState().presence).toEqual([]);
    expect(frames).toHaveLength(1);
    runFrames(frames);
    expect(store.getState().presence).toEqual([
      { clientId: 7, memberId: 'm_li', boardId: 'b_goals', itemId: 'g_1', field: 'title' },
      { clientId: 8, memberId: 'm_ana', boardId: 'b_goals', itemId: null, field: null },
    ]);
  });

  it('drops invalid states and any state claiming to be this window', () => {
    const { store, presence, frames } = setup();
    enter(store);
    presence.receive(
      rawUpdate([
        [7, 1, JSON.stringify({ memberId: 'm_li', boardId: null, itemId: null, field: null, name: 'Admin' })],
        [8, 1, '{"memberId":'],
        [9, 1, json('m_ana', 'b_goals', 'g_1', 'not a field!')],
        [presence.clientId, 99, json('m_stranger')],
        [10, 1, json('m_li')],
      ]),
    );
    runFrames(frames);
    expect(store.getState().presence.map((p) => p.clientId)).toEqual([10]);
    expect(presence.awareness.getLocalState()).toMatchObject({ memberId: 'm_mei' });
    // A known client whose state turns invalid is no longer shown.
    presence.receive(rawUpdate([[10, 2, '{"memberId":"m_li"}']]));
    runFrames(frames);
    expect(store.getState().presence).toEqual([]);
  });

  it('keeps the snapshot itself on renewals, which change nothing', () => {
    const { store, presence, frames } = setup();
    enter(store);
    presence.receive(rawUpdate([[7, 1, json('m_li')]]));
    runFrames(frames);
    const before = store.getState().presence;
    presence.receive(rawUpdate([[7, 2, json('m_li')]]));
    runFrames(frames);
    presence.publish();
    expect(store.getState().presence).toBe(before);
  });

  it('removes a client the peer says is gone, forgets everyone when the link drops, and takes them back after', () => {
    const { store, presence, frames } = setup();
    enter(store);
    presence.receive(rawUpdate([[7, 1, json('m_li')], [8, 1, json('m_ana')]]));
    presence.receive(rawUpdate([[8, 2, 'null']]));
    runFrames(frames);
    expect(store.getState().presence.map((p) => p.clientId)).toEqual([7]);
    presence.onDidDisconnect();
    runFrames(frames);
    expect(store.getState().presence).toEqual([]);
    expect(presence.awareness.getLocalState()).toMatchObject({ memberId: 'm_mei' });
    // The peer resends what it knows on the new link, at the same clock.
    presence.receive(rawUpdate([[7, 1, json('m_li')]]));
    runFrames(frames);
    expect(store.getState().presence.map((p) => p.clientId)).toEqual([7]);
  });

  it('a teammate whose LAN connection dropped and came back is shown again at once, with the clock it had', () => {
    const { store, presence, frames } = setup();
    enter(store);
    presence.receive(rawUpdate([[7, 4, json('m_li')]]));
    // The peer lost Li's laptop: a removal one clock later.
    presence.receive(rawUpdate([[7, 5, 'null']]));
    runFrames(frames);
    expect(store.getState().presence).toEqual([]);
    // Li's laptop is back; its peer re-announces the window with the clock it still has.
    presence.receive(rawUpdate([[7, 4, json('m_li', 'b_feedback')]]));
    runFrames(frames);
    expect(store.getState().presence).toEqual([{ clientId: 7, memberId: 'm_li', boardId: 'b_feedback', itemId: null, field: null }]);
  });

  it('understands a real y-protocols Awareness', () => {
    const { store, presence, frames } = setup();
    enter(store);
    const other = new Awareness(new Y.Doc());
    cleanups.push(() => other.destroy());
    other.setLocalState({ memberId: 'm_li', boardId: 'b_goals', itemId: 'g_1', field: 'title' });
    presence.receive(encodeAwarenessUpdate(other, [other.clientID]));
    runFrames(frames);
    expect(store.getState().presence).toEqual([{ clientId: other.clientID, memberId: 'm_li', boardId: 'b_goals', itemId: 'g_1', field: 'title' }]);
  });
});

describe('presence frames on the link client', () => {
  async function linkWithFakeTransport() {
    const fromClient: Uint8Array[] = [];
    const presenceUpdates: Uint8Array[] = [];
    let queries = 0;
    let transport: ClientTransport | null = null;
    const client = new LinkClient(
      async () => {
        transport = { send: (frame) => fromClient.push(frame), close: () => undefined, onMessage: null, onClose: null };
        return transport;
      },
      {
        onDidChangeStatus: () => undefined,
        onDidHello: () => undefined,
        onDidNotice: () => undefined,
        onDidSave: () => undefined,
        onDidPresence: (update) => presenceUpdates.push(update),
        onDidQueryPresence: () => queries++,
      },
    );
    client.start();
    await expect.poll(() => transport).not.toBeNull();
    const deliver = (frame: Uint8Array) => (transport as unknown as ClientTransport).onMessage?.(frame);
    cleanups.push(() => client.stop());
    return { client, fromClient, presenceUpdates, deliver, queries: () => queries, transport: () => transport as unknown as ClientTransport };
  }

  it('passes connection-level awareness updates and queries on, and ignores per-doc ones', async () => {
    const { presenceUpdates, deliver, queries } = await linkWithFakeTransport();
    const update = rawUpdate([[7, 1, json('m_li')]]);
    deliver(encodeFrame('', MessageType.awareness, (e) => encoding.writeVarUint8Array(e, update)));
    deliver(encodeFrame('b_goals', MessageType.awareness, (e) => encoding.writeVarUint8Array(e, update)));
    deliver(encodeFrame('', MessageType.queryAwareness, () => undefined));
    expect(presenceUpdates).toEqual([update]);
    expect(queries()).toBe(1);
  });

  it('sends presence as a connection-level awareness frame only while online, and never throws on a closed transport', async () => {
    const { client, fromClient, deliver, transport } = await linkWithFakeTransport();
    const update = rawUpdate([[7, 1, json('m_li')]]);
    client.sendPresence(update);
    expect(fromClient).toHaveLength(0);
    deliver(encodeJsonFrame(MessageType.hello, hello));
    expect(client.status).toBe('online');
    client.sendPresence(update);
    const head = readFrameHead(fromClient.at(-1) as Uint8Array);
    expect([head.docId, head.type]).toEqual(['', MessageType.awareness]);
    expect(readBytes(head.decoder)).toEqual(update);
    transport().send = () => {
      throw new Error('InvalidStateError: the port is closed');
    };
    expect(() => client.sendPresence(update)).not.toThrow();
  });
});
