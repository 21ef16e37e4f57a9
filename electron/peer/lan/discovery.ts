// Finding teammates' peers by mDNS/DNS-SD: a `_tandem._tcp` advert on every non-loopback IPv4
// interface carrying only the workspace's discovery tag, the LAN port and the peer id; a
// browser that reports peers with our tag; rediscovery when interfaces change; and what the
// diagnostics need: the interfaces used and whether any mDNS answer from another machine came.
import type { EventEmitter } from 'node:events';
import os from 'node:os';
import Bonjour from 'bonjour-service';
import type { PeerLogger } from '../logger';

export const SERVICE_TYPE = 'tandem';
const PEER_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** A network interface discovery runs on. */
export interface LanInterface {
  readonly name: string;
  readonly address: string;
}

/** A peer of this workspace seen by mDNS, with the addresses to dial it at (`host:port`), best first. */
export interface DiscoveredPeer {
  readonly peerId: string;
  readonly addresses: readonly string[];
}

/** What the diagnostics panel says about discovery. */
export interface DiscoveryDiagnostics {
  readonly enabled: boolean;
  readonly interfaces: readonly LanInterface[];
  /** An mDNS answer from another machine has arrived: multicast works on this network. */
  readonly mdnsResponseSeen: boolean;
  readonly lastResponseAt: number | null;
  readonly peersFound: number;
  readonly errors: readonly string[];
}

/** The parts of bonjour-service discovery uses; tests inject a fake. */
export interface MdnsResponder {
  publish(config: { name: string; type: string; protocol: 'tcp'; port: number; host: string; txt: Record<string, string>; probe: boolean; disableIPv6: boolean }): unknown;
  find(config: { type: string; protocol: 'tcp' }, onUp: (service: MdnsService) => void): { update(): void; stop(): void; on(event: 'txt-update' | 'srv-update', listener: (service: MdnsService) => void): unknown };
  /** Every mDNS response packet, with its sender. */
  onResponse(listener: (from: string) => void): void;
  destroy(): void;
}

export interface MdnsService {
  readonly port: number;
  readonly txt?: unknown;
  readonly addresses?: readonly string[];
  readonly referer?: { readonly address: string };
}

export interface DiscoveryOptions {
  readonly peerId: string;
  readonly tag: string;
  readonly port: number;
  readonly logger: PeerLogger;
  readonly onPeer: (peer: DiscoveredPeer) => void;
  /** Interfaces changed: addresses worth dialling again. */
  readonly onInterfacesChanged?: () => void;
  readonly pollMs?: number;
  readonly requeryMs?: number;
  readonly interfaces?: () => LanInterface[];
  readonly createResponder?: (iface: LanInterface, onError: (error: Error) => void) => MdnsResponder;
}

/** Non-loopback IPv4 interfaces, one address each (multicast membership is per interface). */
export function lanInterfaces(): LanInterface[] {
  const out: LanInterface[] = [];
  for (const [name, addresses] of Object.entries(os.networkInterfaces())) {
    const ipv4 = (addresses ?? []).find((a) => a.family === 'IPv4' && !a.internal);
    if (ipv4) out.push({ name, address: ipv4.address });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

function bonjourResponder(iface: LanInterface, onError: (error: Error) => void): MdnsResponder {
  // Bound to 0.0.0.0 (a socket bound to the interface address would not receive multicast on Linux), sending through the interface.
  const bonjour = new Bonjour({ interface: iface.address, bind: '0.0.0.0' } as ConstructorParameters<typeof Bonjour>[0], onError);
  const mdns = (bonjour as unknown as { server?: { mdns?: EventEmitter } }).server?.mdns;
  mdns?.on('warning', () => {}); // e.g. a membership that cannot be added yet; discovery retries on its own
  return {
    publish: (config) => bonjour.publish(config),
    find: (config, onUp) => bonjour.find(config, onUp as (service: unknown) => void) as unknown as ReturnType<MdnsResponder['find']>,
    onResponse: (listener) => mdns?.on('response', (_packet: unknown, rinfo: { address: string }) => listener(rinfo.address)),
    destroy: () => {
      bonjour.unpublishAll();
      bonjour.destroy();
    },
  };
}

/** mDNS adverts and browsing on every LAN interface, under the workspace's discovery tag. */
export class LanDiscovery {
  private responders: { responder: MdnsResponder; browser: ReturnType<MdnsResponder['find']> }[] = [];
  private interfaces: LanInterface[] = [];
  private readonly found = new Set<string>();
  private readonly errors: string[] = [];
  private tag: string;
  private responseSeenAt: number | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private requeryTimer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: DiscoveryOptions) {
    this.tag = options.tag;
  }

  start(): void {
    this.restart(this.listInterfaces());
    this.pollTimer = setInterval(() => this.poll(), this.options.pollMs ?? 5_000);
    this.requeryTimer = setInterval(() => this.responders.forEach((r) => r.browser.update()), this.options.requeryMs ?? 30_000);
    this.pollTimer.unref();
    this.requeryTimer.unref();
  }

  stop(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.requeryTimer) clearInterval(this.requeryTimer);
    this.pollTimer = this.requeryTimer = null;
    this.teardown();
  }

  /** Advertises and browses under a new tag (the secret was rotated). */
  setTag(tag: string): void {
    this.tag = tag;
    this.found.clear();
    if (this.pollTimer) this.restart(this.interfaces);
  }

  diagnostics(): DiscoveryDiagnostics {
    return {
      enabled: true,
      interfaces: [...this.interfaces],
      mdnsResponseSeen: this.responseSeenAt !== null,
      lastResponseAt: this.responseSeenAt,
      peersFound: this.found.size,
      errors: [...this.errors],
    };
  }

  private listInterfaces(): LanInterface[] {
    return (this.options.interfaces ?? lanInterfaces)();
  }

  private poll(): void {
    const next = this.listInterfaces();
    const key = (list: LanInterface[]) => list.map((i) => `${i.name}=${i.address}`).join(',');
    if (key(next) === key(this.interfaces)) return;
    this.options.logger.info('lan interfaces changed; discovering again', { interfaces: next.map((i) => i.name) });
    this.restart(next);
    this.options.onInterfacesChanged?.();
  }

  private restart(interfaces: LanInterface[]): void {
    this.teardown();
    this.interfaces = interfaces;
    if (interfaces.length === 0) this.options.logger.info('no network interface for discovery; manual peers only');
    const create = this.options.createResponder ?? bonjourResponder;
    const own = new Set(interfaces.map((i) => i.address));
    for (const iface of interfaces) {
      try {
        const responder = create(iface, (error) => this.recordError(iface, error));
        responder.onResponse((from) => {
          if (!own.has(from) && !from.startsWith('127.')) this.responseSeenAt = Date.now();
        });
        responder.publish({
          name: this.options.peerId,
          type: SERVICE_TYPE,
          protocol: 'tcp',
          port: this.options.port,
          // Our own host label, so the advert does not carry the laptop's name either.
          host: `${this.options.peerId}.local`,
          txt: { v: '1', t: this.tag, p: this.options.peerId },
          probe: false,
          disableIPv6: true,
        });
        const browser = responder.find({ type: SERVICE_TYPE, protocol: 'tcp' }, (service) => this.seen(service));
        browser.on('txt-update', (service) => this.seen(service));
        browser.on('srv-update', (service) => this.seen(service));
        this.responders.push({ responder, browser });
      } catch (error) {
        this.recordError(iface, error as Error);
      }
    }
  }

  private seen(service: MdnsService): void {
    const txt = (service.txt ?? {}) as Record<string, unknown>;
    const peerId = typeof txt.p === 'string' ? txt.p : '';
    if (txt.t !== this.tag || !PEER_ID_RE.test(peerId) || peerId === this.options.peerId) return;
    if (!Number.isInteger(service.port) || service.port < 1 || service.port > 65_535) return;
    const hosts = [service.referer?.address, ...(service.addresses ?? [])].filter((a): a is string => typeof a === 'string' && /^\d{1,3}(\.\d{1,3}){3}$/.test(a));
    const addresses = [...new Set(hosts)].map((host) => `${host}:${service.port}`);
    if (addresses.length === 0) return;
    if (!this.found.has(peerId)) this.options.logger.info('lan peer found by mDNS', { peerId, addresses });
    this.found.add(peerId);
    this.options.onPeer({ peerId, addresses });
  }

  private recordError(iface: LanInterface, error: Error): void {
    const message = `${iface.name}: ${error.message}`.slice(0, 200);
    this.options.logger.warn('mDNS error', { interface: iface.name, error: error.message });
    this.errors.push(message);
    if (this.errors.length > 20) this.errors.shift();
  }

  private teardown(): void {
    for (const { responder, browser } of this.responders) {
      try {
        browser.stop();
        responder.destroy();
      } catch (error) {
        this.options.logger.warn('mDNS teardown failed', { error: String(error) });
      }
    }
    this.responders = [];
  }
}
