// The renderer's "While you were away" bookkeeping: the state vector saved while caught up, kept
// as the baseline from the moment the laptop goes offline, and the summary shown once the
// boards are up to date again, until dismissed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import type { NetworkStatus } from '../../shared/api/network';
import { createGoal, updateGoal } from '../../shared/model';
import { AwayTracker } from '../../renderer/src/conflicts/away-tracker';
import { createAppStore } from '../../renderer/src/state/store';
import { ALICE, BOB } from './feedback-fixtures';
import { goalInput, newBoard, replicaOf, syncBoth } from './support/docs';

function network(connected: boolean): NetworkStatus {
  const peer = { peerId: 'p', memberId: ALICE, device: null, address: 'a', via: 'manual', connected, lastExchangeAt: null, syncedDocs: 2, docs: 2, pendingChanges: 0 } as const;
  // Only what the sync status reads; the rest of the status does not matter here.
  return { running: true, lanPort: 1, listening: true, listenHost: null, inboundFromLan: 0, peers: [peer], addresses: [], discovery: { enabled: false, interfaces: [], mdnsResponseSeen: false, peersFound: 0, errors: [] }, pendingByDoc: {} } as unknown as NetworkStatus;
}

describe('the away tracker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows what a teammate changed while this laptop was offline, and nothing after dismissing', () => {
    const alice = newBoard(1);
    const goalId = createGoal(alice, goalInput({ title: 'Grow activation', createdBy: ALICE }));
    const bob: Y.Doc = replicaOf(alice, 2);
    const store = createAppStore('en');
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    const tracker = new AwayTracker({ store, boards: { all: () => [{ boardId: 'b1', kind: 'goals', doc: bob }] } }, storage);
    store.setState({ identity: { id: 'ws1', memberId: BOB } as never, link: 'online', network: network(true) });
    vi.advanceTimersByTime(2_000);
    // First catch-up on this laptop: nothing to report, the baseline is saved.
    expect(store.getState().awayChanges).toBeNull();
    expect(saved.has('tandem.caughtUp.ws1')).toBe(true);

    store.setState({ network: network(false) });
    updateGoal(alice, { id: goalId, statusOverride: 'at-risk', actorId: ALICE }, 5_000);
    createGoal(alice, goalInput({ title: 'Written while Bob was away', createdBy: ALICE }), 6_000);
    updateGoal(bob, { id: goalId, title: 'Grow activation fast', actorId: BOB });
    syncBoth(alice, bob);
    tracker.onDidChangeBoard();
    vi.advanceTimersByTime(5_000);
    expect(store.getState().awayChanges).toBeNull();

    store.setState({ network: network(true) });
    vi.advanceTimersByTime(2_000);
    expect(store.getState().awayChanges?.b1?.map((c) => [c.kind, c.by, c.title])).toEqual([
      ['goal-status', ALICE, 'Grow activation fast'],
      ['goal-created', ALICE, 'Written while Bob was away'],
    ]);

    tracker.dismiss();
    expect(store.getState().awayChanges).toBeNull();
    store.setState({ network: network(false) });
    store.setState({ network: network(true) });
    vi.advanceTimersByTime(2_000);
    expect(store.getState().awayChanges).toBeNull();
  });
});
