// The LAN status as the renderer sees it: the peer's LanStatus mapped to the link's schema
// (pending counted only toward connected teammates), pushes throttled to two a second with the
// last change never lost, the sync state the top bar shows, and the LAN requests' schemas.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestSchema } from '../../shared/api/link';
import { networkStatusSchema, type NetworkStatus } from '../../shared/api/network';
import type { LanStatus } from '../../electron/peer/lan/lan-service';
import type { LanPeerSummary } from '../../electron/peer/lan/lan-peer';
import { NetworkStatusPusher, toNetworkStatus } from '../../electron/peer/network-status';
import type { PeerLogger } from '../../electron/peer/logger';
import { computeSyncState } from '../../renderer/src/network/sync-state';
import { networkEn } from '../../shared/i18n/network.en';
import { networkZhCN } from '../../shared/i18n/network.zh-CN';

const quiet: PeerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function peer(overrides: Partial<LanPeerSummary>): LanPeerSummary {
  return {
    peerId: 'p_b', memberId: 'm_b', device: 'laptop-b', address: '127.0.0.1:4100', via: 'invite', connected: true, connectedSince: 1, lastExchangeAt: 2,
    syncedDocs: 2, docs: 2, pendingByDoc: {}, pendingChanges: 0, ...overrides,
  };
}

function lan(peers: LanPeerSummary[]): LanStatus {
  return {
    running: true,
    lanPort: 4100,
    peers,
    addresses: [{ address: '127.0.0.1:4101', via: 'manual', peerId: null, lastGoodAt: null, lastError: 'ECONNREFUSED', attempts: 3 }],
    port: { listening: true, host: '127.0.0.1', port: 4100, inboundFromLan: 0, lastInboundFromLanAt: null, reachability: { checking: false, checkedAt: 5, self: [{ address: '127.0.0.1:4100', result: 'reachable', checkedAt: 5 }], fromTeammates: [] }, counters: {} as never },
    discovery: { enabled: false, interfaces: [], mdnsResponseSeen: false, lastResponseAt: null, peersFound: 0, errors: [] },
    protocolErrors: 0,
    reachByDoc: {},
  };
}

function status(peers: Partial<NetworkStatus['peers'][number]>[]): NetworkStatus {
  return toNetworkStatus(lan(peers.map((p) => peer(p as Partial<LanPeerSummary>))));
}

describe('network status on the local link', () => {
  it('maps the LAN status to the link schema, counting pending changes only toward connected teammates', () => {
    const mapped = toNetworkStatus(lan([peer({ pendingByDoc: { w: 3, b: 1 }, pendingChanges: 4 }), peer({ peerId: 'p_c', pendingByDoc: { w: 5 }, pendingChanges: 5 }), peer({ peerId: 'p_d', connected: false, pendingByDoc: { w: 99 }, pendingChanges: 99 })]));
    expect(networkStatusSchema.parse(mapped)).toEqual(mapped);
    expect(mapped.pendingByDoc).toEqual({ w: 5, b: 1 });
    expect(mapped).toMatchObject({ running: true, lanPort: 4100, listening: true, listenHost: '127.0.0.1', addresses: [{ address: '127.0.0.1:4101', via: 'manual', lastError: 'ECONNREFUSED' }] });
  });

  it('reads Offline with no teammate connected or no local peer, Syncing while changes are unacknowledged, then Up to date', () => {
    expect(computeSyncState(status([]), true)).toEqual({ kind: 'offline' });
    expect(computeSyncState(status([{ connected: false }]), true)).toEqual({ kind: 'offline' });
    expect(computeSyncState(status([{}]), false)).toEqual({ kind: 'offline' });
    expect(computeSyncState(null, true)).toEqual({ kind: 'off' });
    expect(computeSyncState(status([{ pendingChanges: 3 }, { peerId: 'p_c', pendingChanges: 2 }]), true)).toEqual({ kind: 'syncing', connected: 2, pending: 5 });
    expect(computeSyncState(status([{ syncedDocs: 1, docs: 2 }]), true)).toEqual({ kind: 'syncing', connected: 1, pending: 0 });
    expect(computeSyncState(status([{}, { peerId: 'p_c', connected: false, pendingChanges: 7 }]), true)).toEqual({ kind: 'up-to-date', connected: 1 });
  });

  it('accepts the LAN requests and refuses malformed ones', () => {
    expect(requestSchema.safeParse({ id: 1, op: 'get-invite', args: {} }).success).toBe(true);
    expect(requestSchema.safeParse({ id: 2, op: 'join-workspace', args: { as: 'new', code: 'TANDEM1-X', memberName: 'Li', team: 'operations' } }).success).toBe(true);
    expect(requestSchema.safeParse({ id: 3, op: 'join-workspace', args: { as: 'new', code: 'TANDEM1-X', memberName: 'Li', team: 'sales' } }).success).toBe(false);
    expect(requestSchema.safeParse({ id: 3, op: 'join-workspace', args: { as: 'existing', code: 'TANDEM1-X' } }).success).toBe(true);
    expect(requestSchema.safeParse({ id: 3, op: 'choose-member', args: { memberId: '' } }).success).toBe(false);
    expect(requestSchema.safeParse({ id: 4, op: 'add-peer', args: { address: 'x'.repeat(301) } }).success).toBe(false);
    expect(requestSchema.safeParse({ id: 5, op: 'network-status', args: {} }).success).toBe(true);
    expect(requestSchema.safeParse({ id: 6, op: 'rotate-secret', args: {} }).success).toBe(true);
  });
});

describe('network messages', () => {
  it('say the same things with the same placeholders in English and Chinese', () => {
    const flatten = (o: object, prefix = ''): [string, string][] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flatten(v as object, `${prefix}${k}.`)));
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const zh = new Map(flatten(networkZhCN));
    for (const [key, text] of flatten(networkEn)) expect(placeholders(zh.get(key) ?? ''), key).toEqual(placeholders(text));
    expect(zh.size).toBe(flatten(networkEn).length);
  });
});

describe('network status pushes', () => {
  afterEach(() => vi.useRealTimers());

  it('pushes at most twice a second, the first change at once and the last one always', async () => {
    vi.useFakeTimers();
    let reads = 0;
    const pushed: NetworkStatus[] = [];
    const pusher = new NetworkStatusPusher(async () => lan([peer({ pendingChanges: ++reads })]), (s) => pushed.push(s), quiet, 500, () => Date.now());
    pusher.didChange();
    await vi.advanceTimersByTimeAsync(0);
    expect(pushed).toHaveLength(1);
    for (let i = 0; i < 20; i++) {
      pusher.didChange();
      await vi.advanceTimersByTimeAsync(50);
    }
    // 1 s of changes every 50 ms: two more pushes, not twenty.
    expect(pushed.length).toBeLessThanOrEqual(3);
    await vi.advanceTimersByTimeAsync(600);
    const last = pushed.at(-1);
    expect(last?.peers[0]?.pendingChanges).toBe(reads);
    pusher.stop();
    pusher.didChange();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pushed.at(-1)).toBe(last);
  });
});
