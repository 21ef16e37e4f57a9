// Discovery against a fake multicast domain: adverts carry only the tag, port and peer id;
// only peers with our tag are reported, never ourselves; an answer from another machine (not
// our own echo) is what says multicast works; interface changes and a new tag re-advertise.
// The dialer: backoff, no dial to a connected peer, remembered last-good addresses.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../electron/peer/logger';
import { LanDiscovery, type DiscoveredPeer, type LanInterface, type MdnsResponder, type MdnsService } from '../../electron/peer/lan/discovery';
import { LanDialer, type DialOutcome } from '../../electron/peer/lan/lan-dialer';

const logger = createLogger(() => {});
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

type Published = Parameters<MdnsResponder['publish']>[0] & { from: string };

/** Every responder on one simulated link: a publish is heard by every browser, with its sender's address. */
function fakeDomain() {
  const adverts: Published[] = [];
  const browsers = new Set<{ onUp: (s: MdnsService) => void }>();
  const responseListeners = new Set<(from: string) => void>();
  const announce = (advert: Published) => {
    for (const listener of responseListeners) listener(advert.from);
    for (const browser of browsers) browser.onUp({ port: advert.port, txt: advert.txt, addresses: [advert.from], referer: { address: advert.from } });
  };
  const create = (iface: LanInterface): MdnsResponder => {
    const mine: Published[] = [];
    const myBrowsers: { onUp: (s: MdnsService) => void }[] = [];
    return {
      publish: (config) => {
        const advert = { ...config, from: iface.address };
        mine.push(advert);
        adverts.push(advert);
        announce(advert);
      },
      find: (_config, onUp) => {
        const browser = { onUp };
        browsers.add(browser);
        myBrowsers.push(browser);
        for (const advert of adverts) onUp({ port: advert.port, txt: advert.txt, addresses: [advert.from], referer: { address: advert.from } });
        return { update: () => {}, stop: () => void browsers.delete(browser), on: () => undefined };
      },
      onResponse: (listener) => void responseListeners.add(listener),
      destroy: () => mine.forEach((advert) => adverts.splice(adverts.indexOf(advert), 1)),
    };
  };
  return { adverts, create };
}

function discovery(domain: ReturnType<typeof fakeDomain>, peerId: string, tag: string, address: string, found: DiscoveredPeer[] = [], interfaces?: () => LanInterface[]) {
  const d = new LanDiscovery({ peerId, tag, port: 4100, logger, onPeer: (p) => found.push(p), interfaces: interfaces ?? (() => [{ name: 'eth0', address }]), createResponder: domain.create, pollMs: 10 });
  d.start();
  stops.push(() => d.stop());
  return { d, found };
}

describe('mDNS discovery', () => {
  it('advertises only the tag, port and peer id, and reports only other peers with our tag', () => {
    const domain = fakeDomain();
    const a = discovery(domain, 'p_aaaa', 'tag1', '10.0.0.1');
    discovery(domain, 'p_bbbb', 'tag1', '10.0.0.2');
    discovery(domain, 'p_cccc', 'othertag', '10.0.0.3');
    expect(a.found.map((p) => p.peerId)).toEqual(['p_bbbb']);
    expect(a.found[0]?.addresses).toEqual(['10.0.0.2:4100']);
    const advert = domain.adverts.find((x) => x.name === 'p_aaaa');
    expect(advert).toMatchObject({ type: 'tandem', protocol: 'tcp', port: 4100, host: 'p_aaaa.local' });
    expect(advert?.txt).toEqual({ v: '1', t: 'tag1', p: 'p_aaaa' });
  });

  it('says multicast works only once an answer from another machine arrives', () => {
    const domain = fakeDomain();
    const a = discovery(domain, 'p_aaaa', 'tag1', '10.0.0.1');
    expect(a.d.diagnostics()).toMatchObject({ enabled: true, mdnsResponseSeen: false, interfaces: [{ name: 'eth0', address: '10.0.0.1' }] });
    discovery(domain, 'p_bbbb', 'tag1', '10.0.0.2');
    expect(a.d.diagnostics()).toMatchObject({ mdnsResponseSeen: true, peersFound: 1 });
  });

  it('advertises again when the interfaces change or the tag is rotated', async () => {
    const domain = fakeDomain();
    let interfaces: LanInterface[] = [];
    const changed = vi.fn();
    const d = new LanDiscovery({ peerId: 'p_aaaa', tag: 'tag1', port: 4100, logger, onPeer: () => {}, onInterfacesChanged: changed, interfaces: () => interfaces, createResponder: domain.create, pollMs: 10 });
    d.start();
    stops.push(() => d.stop());
    expect(domain.adverts).toHaveLength(0);
    interfaces = [{ name: 'wlan0', address: '192.168.1.20' }];
    await vi.waitFor(() => expect(domain.adverts.map((a) => a.from)).toEqual(['192.168.1.20']));
    expect(changed).toHaveBeenCalled();
    d.setTag('tag2');
    expect(domain.adverts.map((a) => a.txt.t)).toEqual(['tag2']);
  });
});

describe('the dialer', () => {
  it('backs off after failures, skips a connected peer, and remembers the last good address', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-dialer-'));
    stops.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const attempts: number[] = [];
    let reachable = false;
    let connected = false;
    let closeConnection: () => void = () => {};
    const dial = async (): Promise<DialOutcome> => {
      attempts.push(Date.now());
      if (!reachable) return { ok: false, reason: 'ECONNREFUSED' };
      connected = true;
      return { ok: true, peerId: 'p_hub', closed: new Promise<void>((resolve) => (closeConnection = () => ((connected = false), resolve()))) };
    };
    const dialer = new LanDialer({ peerId: 'p_me', dataDir, dial, isConnected: () => connected, logger, backoff: { initialMs: 40, maxMs: 160 }, tickMs: 5 });
    dialer.add('127.0.0.1:4100', 'manual');
    expect(dialer.add('not an address', 'manual')).toBeNull();
    await dialer.start();
    stops.push(() => dialer.stop());
    await vi.waitFor(() => expect(attempts.length).toBeGreaterThanOrEqual(4), { timeout: 2_000 });
    const gaps = attempts.slice(1).map((t, i) => t - (attempts[i] as number));
    expect(gaps[2]).toBeGreaterThan(gaps[0] as number);
    reachable = true;
    await vi.waitFor(() => expect(connected).toBe(true), { timeout: 2_000 });
    const before = attempts.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(attempts.length).toBe(before);
    await vi.waitFor(() => expect(JSON.parse(readFileSync(join(dataDir, 'lan-peers.json'), 'utf8')).peers).toMatchObject([{ address: '127.0.0.1:4100', peerId: 'p_hub' }]));
    closeConnection();
    await vi.waitFor(() => expect(connected).toBe(true), { timeout: 2_000 });
    expect(dialer.list()).toMatchObject([{ address: '127.0.0.1:4100', via: 'manual', peerId: 'p_hub', attempts: 0 }]);
  });
});
