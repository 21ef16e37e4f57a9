// The save indicator's question, "is anything of this doc only in this window?", as the link
// client answers it: my own edits count until the peer says they are on its disk; a teammate's
// edits, which reach this window through the peer, never make the indicator say "Saving…".
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Hello } from '../../shared/api/link';
import { encodeFrame, encodeJsonFrame, MessageType } from '../../shared/protocol/frame';
import { LinkClient } from '../../renderer/src/link/link-client';
import type { ClientTransport } from '../../renderer/src/link/transports';

const DOC_ID = 'b_workshop';
const hello: Hello = { protocol: 1, appVersion: '0.0.0-test', peerId: 'p_test', workspace: { id: 'w_test', memberId: 'm_mei' }, notices: [] };
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A LinkClient on a transport this test plays the peer on. */
async function windowOnFakePeer() {
  let transport: ClientTransport | null = null;
  let connections = 0;
  const client = new LinkClient(
    async () => {
      connections++;
      transport = { send: () => undefined, close: () => undefined, onMessage: null, onClose: null };
      return transport;
    },
    { onDidChangeStatus: () => undefined, onDidHello: () => undefined, onDidNotice: () => undefined, onDidSave: () => undefined },
  );
  cleanups.push(() => client.stop());
  client.start();
  const connect = async (count: number) => {
    await expect.poll(() => connections).toBe(count);
    transport!.onMessage?.(encodeJsonFrame(MessageType.hello, hello));
  };
  await connect(1);
  const deliver = (frame: Uint8Array) => transport!.onMessage?.(frame);
  return {
    client,
    /** The peer sends any frame. */
    deliver,
    /** The peer sends an update (a teammate's edit it received). */
    fromPeer: (update: Uint8Array) => deliver(encodeFrame(DOC_ID, MessageType.sync, (e) => syncProtocol.writeUpdate(e, update))),
    /** The peer says it has `doc` on disk up to its current state. */
    saved: (doc: Y.Doc) => deliver(encodeFrame(DOC_ID, MessageType.saved, (e) => encoding.writeVarUint8Array(e, Y.encodeStateVector(doc)))),
    /** The link drops and comes back. */
    reconnect: async () => {
      transport!.onClose?.('gone');
      await connect(2);
    },
  };
}

/** A teammate's doc whose every edit is handed on as an update. */
function teammate(): { doc: Y.Doc; edit: (key: string) => Uint8Array } {
  const doc = new Y.Doc();
  return {
    doc,
    edit: (key) => {
      let update: Uint8Array | undefined;
      const take = (u: Uint8Array) => (update = u);
      doc.on('update', take);
      doc.getMap('notes').set(key, `text of ${key}`);
      doc.off('update', take);
      return update!;
    },
  };
}

it("a teammate's edits arriving through the peer keep the window saved; my own edit is not saved until the peer says so", async () => {
  const { client, fromPeer, saved } = await windowOnFakePeer();
  const doc = new Y.Doc();
  client.addDoc(DOC_ID, doc);
  expect(client.isSaved(DOC_ID)).toBe(true);
  const li = teammate();
  for (let i = 0; i < 20; i++) {
    fromPeer(li.edit(`li-${i}`));
    expect(client.isSaved(DOC_ID), `after the teammate's edit ${i}`).toBe(true);
  }
  expect(doc.getMap('notes').size).toBe(20);
  doc.getMap('notes').set('mine', 'typed in this window');
  expect(client.isSaved(DOC_ID)).toBe(false);
  // A teammate's edit arriving meanwhile does not make mine saved.
  fromPeer(li.edit('li-late'));
  expect(client.isSaved(DOC_ID)).toBe(false);
  saved(doc);
  expect(client.isSaved(DOC_ID)).toBe(true);
});

it('after the link drops, what came from the old connection counts only once the new peer says it has it on disk', async () => {
  const { client, fromPeer, saved, reconnect } = await windowOnFakePeer();
  const doc = new Y.Doc();
  client.addDoc(DOC_ID, doc);
  const li = teammate();
  fromPeer(li.edit('li-1'));
  expect(client.isSaved(DOC_ID)).toBe(true);
  // The peer may have restarted without its folder: it must say what it holds.
  await reconnect();
  expect(client.isSaved(DOC_ID)).toBe(false);
  saved(doc);
  expect(client.isSaved(DOC_ID)).toBe(true);
});

it('an update from the peer that unlocks one this window held back (from its own cache) does not count the unlocked one as the peer’s', async () => {
  const { client, fromPeer, saved } = await windowOnFakePeer();
  const doc = new Y.Doc();
  client.addDoc(DOC_ID, doc);
  // Another window of mine wrote twice; this window's cache has only the second write, which waits for the first.
  const other = teammate();
  const first = other.edit('one');
  const second = other.edit('two');
  Y.applyUpdate(doc, second, 'cache');
  expect(doc.store.pendingStructs).not.toBeNull();
  fromPeer(first);
  expect(doc.getMap('notes').get('two')).toBe('text of two');
  expect(client.isSaved(DOC_ID)).toBe(false);
  saved(doc);
  expect(client.isSaved(DOC_ID)).toBe(true);
});

it('the peer saying it holds less than it said before (it lost its data) makes my edits unsaved again; a message that does not decode says nothing is saved', async () => {
  const { client, saved, deliver } = await windowOnFakePeer();
  const doc = new Y.Doc();
  client.addDoc(DOC_ID, doc);
  doc.getMap('notes').set('mine', 'typed in this window');
  // Another of my windows wrote too: two clients in the doc, both on the peer's disk.
  const other = teammate();
  Y.applyUpdate(doc, other.edit('theirs'), 'cache');
  saved(doc);
  expect(client.isSaved(DOC_ID)).toBe(true);
  // The peer now holds only the other window's client.
  saved(other.doc);
  expect(client.isSaved(DOC_ID)).toBe(false);
  saved(doc);
  expect(client.isSaved(DOC_ID)).toBe(true);
  // A state vector cut short: the link is dropped, and nothing counts as saved until the peer says so again.
  const whole = Y.encodeStateVector(doc);
  deliver(encodeFrame(DOC_ID, MessageType.saved, (e) => encoding.writeVarUint8Array(e, whole.subarray(0, whole.length - 1))));
  expect(client.isSaved(DOC_ID)).toBe(false);
});
