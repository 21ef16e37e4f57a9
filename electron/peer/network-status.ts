// The LAN as the renderer's Network view and sync indicator see it: `LanStatus` mapped to the
// link's `NetworkStatus`, and a pusher that sends it to every renderer when it changes, at most
// twice a second (the first change at once, the last one always), so no renderer polls.
import type { NetworkStatus } from '../../shared/api/network';
import type { LanStatus } from './lan/lan-service';
import type { PeerLogger } from './logger';

/** The status the link carries; only connected teammates count toward what is still pending. */
export function toNetworkStatus(lan: LanStatus): NetworkStatus {
  const pendingByDoc: Record<string, number> = {};
  for (const peer of lan.peers) {
    if (!peer.connected) continue;
    for (const [docId, pending] of Object.entries(peer.pendingByDoc)) pendingByDoc[docId] = Math.max(pendingByDoc[docId] ?? 0, pending);
  }
  return {
    running: lan.running,
    lanPort: lan.lanPort,
    listening: lan.port?.listening ?? false,
    reachability: lan.port ? { ...lan.port.reachability, self: [...lan.port.reachability.self], fromTeammates: [...lan.port.reachability.fromTeammates] } : null,
    listenHost: lan.port?.host ?? null,
    inboundFromLan: lan.port?.inboundFromLan ?? 0,
    peers: lan.peers.map((p) => ({
      peerId: p.peerId,
      memberId: p.memberId,
      device: p.device,
      address: p.address,
      via: p.via,
      connected: p.connected,
      lastExchangeAt: p.lastExchangeAt,
      syncedDocs: p.syncedDocs,
      docs: p.docs,
      pendingChanges: p.pendingChanges,
    })),
    addresses: lan.addresses.map((a) => ({ address: a.address, via: a.via, lastGoodAt: a.lastGoodAt, lastError: a.lastError, attempts: a.attempts })),
    discovery: {
      enabled: lan.discovery.enabled,
      interfaces: lan.discovery.interfaces.map((i) => ({ name: i.name, address: i.address })),
      mdnsResponseSeen: lan.discovery.mdnsResponseSeen,
      peersFound: lan.discovery.peersFound,
      errors: lan.discovery.errors.slice(-20),
    },
    pendingByDoc,
    reachByDoc: { ...lan.reachByDoc },
    relay: null,
  };
}

export const NETWORK_PUSH_INTERVAL_MS = 500;

/** Throttles "the LAN changed" into at most one status read and push per interval. */
export class NetworkStatusPusher {
  private lastPushAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly read: () => Promise<LanStatus>,
    private readonly push: (status: NetworkStatus) => void,
    private readonly logger: PeerLogger,
    private readonly intervalMs = NETWORK_PUSH_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Something changed: a push follows now, or at the end of the current interval. */
  didChange(): void {
    if (this.stopped || this.timer) return;
    const wait = Math.max(0, this.lastPushAt + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastPushAt = this.now();
      this.read().then(
        (lan) => !this.stopped && this.push(toNetworkStatus(lan)),
        (error: unknown) => this.logger.warn('network status read failed', { error: String(error) }),
      );
    }, wait);
    this.timer.unref?.();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
