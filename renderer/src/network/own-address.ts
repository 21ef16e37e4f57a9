// The address a teammate should type to add this laptop ("Teammates can add this laptop as
// 192.168.1.20:4100"): the LAN port on the address it listens on, or, when it listens on every
// interface, on its first LAN address (one a teammate reached, else one discovery uses).
import type { NetworkStatus } from '../../../shared/api/network';

const ANY_HOST = new Set(['0.0.0.0', '::', '']);
const isLoopback = (host: string) => host.startsWith('127.') || host === '::1' || host === 'localhost';
const hostOf = (address: string) => (address.startsWith('[') ? address.slice(1, address.indexOf(']')) : address.slice(0, address.lastIndexOf(':')));
const withPort = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** `host:port` for teammates, or null while the LAN port is closed. */
export function teammateAddress(network: NetworkStatus | null): string | null {
  if (!network || !network.listening || network.lanPort === null) return null;
  const port = network.lanPort;
  const listenHost = network.listenHost ?? '';
  if (!ANY_HOST.has(listenHost)) return withPort(listenHost, port);
  const reached = network.reachability?.self.find((check) => check.result === 'reachable' && !isLoopback(hostOf(check.address)));
  if (reached) return withPort(hostOf(reached.address), port);
  const interfaces = network.discovery.interfaces.map((i) => i.address).filter((a) => !isLoopback(a));
  const lan = interfaces.find((a) => !a.includes(':')) ?? interfaces[0];
  return lan ? withPort(lan, port) : null;
}
