// The sync status the top bar shows, computed from what the local peer reports: which
// teammates' peers are connected, whether their first full sync finished, and how many of this
// laptop's changes they have not yet acknowledged on disk. Never from a timer.
import type { NetworkStatus } from '../../../shared/api/network';

export type SyncState =
  | { readonly kind: 'off' }
  | { readonly kind: 'offline' }
  | { readonly kind: 'syncing'; readonly connected: number; readonly pending: number }
  | { readonly kind: 'up-to-date'; readonly connected: number };

/** `linkOnline`: whether this window reaches its own local peer at all. */
export function computeSyncState(network: NetworkStatus | null, linkOnline: boolean): SyncState {
  if (!linkOnline) return { kind: 'offline' };
  if (!network) return { kind: 'off' };
  if (!network.running) return { kind: 'off' };
  const connected = network.peers.filter((p) => p.connected);
  if (connected.length === 0) return { kind: 'offline' };
  const pending = connected.reduce((sum, p) => sum + p.pendingChanges, 0);
  const firstSyncDone = connected.every((p) => p.syncedDocs >= p.docs);
  if (pending > 0 || !firstSyncDone) return { kind: 'syncing', connected: connected.length, pending };
  return { kind: 'up-to-date', connected: connected.length };
}
