// The address the Network view tells teammates to type: the listening host when there is one,
// else a LAN address this laptop answered on, else one discovery uses; never loopback by choice.
import { describe, expect, it } from 'vitest';
import type { NetworkStatus } from '../../shared/api/network';
import { teammateAddress } from '../../renderer/src/network/own-address';

function status(patch: Partial<NetworkStatus>): NetworkStatus {
  return {
    running: true, lanPort: 4100, listening: true, listenHost: '0.0.0.0', inboundFromLan: 0, peers: [], addresses: [], pendingByDoc: {}, reachByDoc: {}, reachability: null, relay: null,
    discovery: { enabled: true, interfaces: [], mdnsResponseSeen: false, peersFound: 0, errors: [] },
    ...patch,
  };
}

describe('the address teammates type', () => {
  it('is the host the LAN port listens on, when it listens on one', () => {
    expect(teammateAddress(status({ listenHost: '192.168.1.20' }))).toBe('192.168.1.20:4100');
    expect(teammateAddress(status({ listenHost: 'fd00::5' }))).toBe('[fd00::5]:4100');
  });

  it('on every interface, is an address this laptop answered on, not loopback', () => {
    const reachability = { checking: false, checkedAt: 1, fromTeammates: [], self: [{ address: '127.0.0.1:4100', result: 'reachable' as const, checkedAt: 1 }, { address: '10.0.0.7:4100', result: 'reachable' as const, checkedAt: 1 }] };
    expect(teammateAddress(status({ reachability }))).toBe('10.0.0.7:4100');
  });

  it('falls back to the first IPv4 LAN address discovery uses', () => {
    const discovery = { enabled: true, interfaces: [{ name: 'lo', address: '127.0.0.1' }, { name: 'eth0', address: 'fe80::1' }, { name: 'eth0', address: '192.168.1.20' }], mdnsResponseSeen: false, peersFound: 0, errors: [] };
    expect(teammateAddress(status({ discovery }))).toBe('192.168.1.20:4100');
  });

  it('is nothing while the LAN port is closed or no address is known', () => {
    expect(teammateAddress(status({ listening: false }))).toBeNull();
    expect(teammateAddress(null)).toBeNull();
    expect(teammateAddress(status({}))).toBeNull();
  });
});
