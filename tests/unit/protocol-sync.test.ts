// One doc's sync session over an in-memory link: first contact, live edits both ways with
// no echo, resync after a reconnect, and relaying through a hub.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCheckIn, addKpi, createGoal, readGoalsBoard, updateGoal, type TxOrigin } from '../../shared/model';
import { MessageType, readFrameHead } from '../../shared/protocol/frame';
import { createDocSyncSession, type DocSyncSession } from '../../shared/protocol/sync-session';
import { contentHash, goalInput, newBoard, replicaOf } from './support/docs';

const DOC_ID = 'board:b_goals';
const TODAY = '2026-05-15';

interface Link {
  readonly left: DocSyncSession;
  readonly right: DocSyncSession;
  /** Frames each side has sent since the last `resetCounts`. */
  readonly sent: { left: number; right: number };
  readonly syncedCalls: { left: number; right: number };
  /** Delivers queued frames until none is left; fails if frames keep coming (an echo loop). */
  flush(): void;
  resetCounts(): void;
  /** The transport goes away: sends throw, queued frames are lost. */
  disconnect(): void;
  /** The transport is back: both sessions start over with step 1. */
  reconnect(): void;
  destroy(): void;
}

/** Two sessions joined by an in-memory transport that queues frames, as a socket would. */
function link(leftDoc: Y.Doc, rightDoc: Y.Doc, name = 'link'): Link {
  const queue: { to: 'left' | 'right'; frame: Uint8Array }[] = [];
  const sent = { left: 0, right: 0 };
  const syncedCalls = { left: 0, right: 0 };
  let connected = true;
  const sender = (from: 'left' | 'right') => (frame: Uint8Array) => {
    if (!connected) throw new Error('link closed');
    sent[from]++;
    queue.push({ to: from === 'left' ? 'right' : 'left', frame });
  };
  const originOf = (side: string): TxOrigin => ({ source: 'link', linkId: `${name}:${side}` });
  const left = createDocSyncSession({ docId: DOC_ID, doc: leftDoc, send: sender('left'), origin: originOf('left'), onSynced: () => syncedCalls.left++ });
  const right = createDocSyncSession({ docId: DOC_ID, doc: rightDoc, send: sender('right'), origin: originOf('right'), onSynced: () => syncedCalls.right++ });
  return {
    left,
    right,
    sent,
    syncedCalls,
    flush() {
      for (let delivered = 0; queue.length > 0; delivered++) {
        if (delivered > 10_000) throw new Error('frames keep coming: an echo loop');
        const { to, frame } = queue.shift() as { to: 'left' | 'right'; frame: Uint8Array };
        const head = readFrameHead(frame);
        expect([head.docId, head.type]).toEqual([DOC_ID, MessageType.sync]);
        (to === 'left' ? left : right).receive(head.decoder);
      }
    },
    resetCounts() {
      sent.left = sent.right = 0;
    },
    disconnect() {
      connected = false;
      queue.length = 0;
    },
    reconnect() {
      connected = true;
      left.restart();
      right.restart();
    },
    destroy() {
      left.destroy();
      right.destroy();
    },
  };
}

function expectSameBoard(a: Y.Doc, b: Y.Doc): void {
  expect(contentHash(b)).toBe(contentHash(a));
  expect(readGoalsBoard(b, TODAY)).toEqual(readGoalsBoard(a, TODAY));
}

describe('two laptops on a link', () => {
  it('exchange what each lacks on first contact, in four frames', () => {
    const alice = newBoard();
    createGoal(alice, goalInput({ title: 'Alice’s goal' }));
    const bob = newBoard();
    createGoal(bob, goalInput({ title: 'Bob’s goal' }));
    const l = link(alice, bob);
    expect([l.left.synced, l.right.synced]).toEqual([false, false]);
    l.flush();
    expect([l.left.synced, l.right.synced]).toEqual([true, true]);
    expect(l.syncedCalls).toEqual({ left: 1, right: 1 });
    expect(l.sent).toEqual({ left: 2, right: 2 });
    expectSameBoard(alice, bob);
    expect(readGoalsBoard(bob, TODAY).goals.map((g) => g.title).sort()).toEqual(['Alice’s goal', 'Bob’s goal']);
  });

  it('send each live edit once, both ways, and never echo it back', () => {
    const alice = newBoard();
    const bob = newBoard();
    const l = link(alice, bob);
    l.flush();
    l.resetCounts();

    const goalId = createGoal(alice, goalInput({ title: 'Live' }));
    l.flush();
    expect(l.sent).toEqual({ left: 1, right: 0 });
    expectSameBoard(alice, bob);

    l.resetCounts();
    const kpiId = addKpi(bob, { goalId, name: 'Signups', unit: 'number', direction: 'increase', baseline: 0, target: 10 });
    for (let day = 1; day <= 5; day++) addCheckIn(bob, { kpiId, value: day, date: `2026-05-0${day}`, authorId: 'm_bob' });
    updateGoal(bob, { id: goalId, description: 'Typed on Bob’s laptop' });
    l.flush();
    expect(l.sent).toEqual({ left: 0, right: 7 });
    expectSameBoard(alice, bob);
    expect(readGoalsBoard(alice, TODAY).goals[0]?.kpis[0]?.current).toBe(5);
  });

  it('converge when both edit at once and the frames cross', () => {
    const alice = newBoard();
    const goalId = createGoal(alice, goalInput({ description: 'Plan' }));
    const bob = replicaOf(alice);
    const l = link(alice, bob);
    l.flush();
    l.resetCounts();
    updateGoal(alice, { id: goalId, title: 'Alice typed this' });
    updateGoal(bob, { id: goalId, description: 'Plan, agreed' });
    l.flush();
    expect(l.sent).toEqual({ left: 1, right: 1 });
    expectSameBoard(alice, bob);
    expect(readGoalsBoard(alice, TODAY).goals[0]).toMatchObject({ title: 'Alice typed this', description: 'Plan, agreed' });
  });

  it('resync edits made offline once the link is restarted', () => {
    const alice = newBoard();
    const bob = newBoard();
    const l = link(alice, bob);
    l.flush();
    l.disconnect();

    // Edits while offline must not throw, even though the transport does.
    const goalId = createGoal(alice, goalInput({ title: 'Written on the train' }));
    createGoal(bob, goalInput({ title: 'Written at the office' }));
    updateGoal(alice, { id: goalId, confidence: 50 });
    expect(readGoalsBoard(bob, TODAY).goals.map((g) => g.title)).toEqual(['Written at the office']);

    l.resetCounts();
    l.reconnect();
    expect([l.left.synced, l.right.synced]).toEqual([false, false]);
    l.flush();
    expect([l.left.synced, l.right.synced]).toEqual([true, true]);
    expect(l.syncedCalls).toEqual({ left: 2, right: 2 });
    expect(l.sent).toEqual({ left: 2, right: 2 });
    expectSameBoard(alice, bob);
    expect(readGoalsBoard(bob, TODAY).goals).toHaveLength(2);
  });

  it('keep the doc’s other update listeners working when the transport throws', () => {
    const alice = newBoard();
    const l = link(alice, newBoard());
    l.flush();
    l.disconnect();
    const seen: Uint8Array[] = [];
    alice.on('update', (u: Uint8Array) => seen.push(u));
    createGoal(alice, goalInput());
    createGoal(alice, goalInput());
    expect(seen).toHaveLength(2);
  });

  it('stop sending once the session is destroyed', () => {
    const alice = newBoard();
    const bob = newBoard();
    const l = link(alice, bob);
    l.flush();
    l.destroy();
    l.resetCounts();
    createGoal(alice, goalInput());
    l.flush();
    expect(l.sent).toEqual({ left: 0, right: 0 });
  });
});

describe('a hub between two laptops', () => {
  it('relays an edit from one to the other without sending it back', () => {
    const alice = newBoard();
    const hub = new Y.Doc();
    const bob = new Y.Doc();
    const aliceHub = link(alice, hub, 'alice-hub');
    const hubBob = link(hub, bob, 'hub-bob');
    aliceHub.flush();
    hubBob.flush();
    aliceHub.resetCounts();
    hubBob.resetCounts();

    createGoal(alice, goalInput({ title: 'Via the hub' }));
    aliceHub.flush();
    hubBob.flush();
    aliceHub.flush();
    expect(aliceHub.sent).toEqual({ left: 1, right: 0 });
    expect(hubBob.sent).toEqual({ left: 1, right: 0 });
    expectSameBoard(alice, bob);
    expectSameBoard(alice, hub);
  });
});
