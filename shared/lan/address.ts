// Peer addresses as people type them and invites carry them: `host:port`, where host is an
// IPv4 address, a bracketed IPv6 address (`[fd00::7]:4100`) or a DNS name. Shared so the
// invite decoder, the manual-peer field and the peer all accept exactly the same strings.

/** A validated peer address. `host` has no brackets; `formatPeerAddress` adds them back. */
export interface PeerAddress {
  readonly host: string;
  readonly port: number;
  readonly kind: 'ipv4' | 'ipv6' | 'name';
}

const IPV4_PART = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_RE = new RegExp(`^${IPV4_PART}(?:\\.${IPV4_PART}){3}$`);
const LABEL_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const HEX_GROUP_RE = /^[0-9a-f]{1,4}$/i;

export function isIpv4(host: string): boolean {
  return IPV4_RE.test(host);
}

/** IPv6 in any RFC 4291 text form (`::`, an IPv4 tail); zone ids are refused, since they mean nothing on another laptop. */
export function isIpv6(host: string): boolean {
  if (host.length > 45 || !host.includes(':')) return false;
  const halves = host.split('::');
  if (halves.length > 2) return false;
  let groups = 0;
  for (const [h, half] of halves.entries()) {
    if (half === '') continue;
    const parts = half.split(':');
    for (const [i, part] of parts.entries()) {
      const last = h === halves.length - 1 && i === parts.length - 1;
      if (last && isIpv4(part)) groups += 2;
      else if (HEX_GROUP_RE.test(part)) groups += 1;
      else return false;
    }
  }
  return halves.length === 2 ? groups < 8 : groups === 8;
}

/** A DNS name: labels of letters, digits and inner hyphens, at most 253 characters, not ending in an all-digit label (that would be a mistyped IPv4). */
export function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.split('.');
  if (!labels.every((label) => LABEL_RE.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/** Parses `host:port` (`[v6]:port` for IPv6), or returns null if any part is invalid. Port 1–65535. */
export function parsePeerAddress(text: string): PeerAddress | null {
  let host: string;
  let portText: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || text[close + 1] !== ':') return null;
    host = text.slice(1, close);
    portText = text.slice(close + 2);
    if (!isIpv6(host)) return null;
  } else {
    const colon = text.lastIndexOf(':');
    if (colon <= 0) return null;
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (!isIpv4(host) && !isHostName(host)) return null;
  }
  if (!/^[1-9]\d{0,4}$/.test(portText)) return null;
  const port = Number(portText);
  if (port > 65_535) return null;
  const kind = isIpv6(host) ? 'ipv6' : isIpv4(host) ? 'ipv4' : 'name';
  return { host: kind === 'name' ? host.toLowerCase() : host, port, kind };
}

export function formatPeerAddress(address: Pick<PeerAddress, 'host' | 'port'>): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
