// LAN sync as the peer runs it: the workspace secret (made, adopted from an invite, rotated),
// and, once the peer holds a workspace, the listener, the dialer, mDNS discovery and the
// LanPeer wired to the replica. Everything the Network view and /healthz show comes from here.
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { encodeInvite, INVITE_LIMITS, newWorkspaceSecret } from '../../../shared/lan/invite';
import type { PeerLogger } from '../logger';
import type { PresenceMembership, PresenceSource } from '../presence-hub';
import type { Replica } from '../replica';
import { lanInterfaces, LanDiscovery, type DiscoveryDiagnostics } from './discovery';
import { createLanHello } from './hello';
import { AckLedger, type TeammateReach } from './ack-ledger';
import { discoveryTag } from './keys';
import { forgetAddresses, LanDialer, rememberAddresses, type DialTarget } from './lan-dialer';
import { LanNetwork, type LanPortDiagnostics } from './lan-network';
import { LanPeer, type LanPeerSummary } from './lan-peer';
import { deleteWorkspaceSecret, ensureWorkspaceSecret, loadWorkspaceSecret, sameSecret, saveWorkspaceSecret } from './workspace-secret';

/** How this peer takes part in the LAN. */
export interface LanOptions {
  /** The LAN port; 0 = any free port. */
  readonly port: number;
  /** When `port` is taken, listen on any free port instead of failing. */
  readonly fallbackToAnyPort?: boolean;
  /** Address to listen on (default all interfaces); `127.0.0.1` keeps the LAN on this machine. */
  readonly listenHost?: string;
  /** Manual `host:port` peers, dialled whatever discovery finds. */
  readonly peers: readonly string[];
  /** mDNS/DNS-SD adverts and browsing. */
  readonly discovery: boolean;
}

/** What the peer lends the LAN service. */
export interface LanServiceHost {
  readonly dataDir: string;
  readonly peerId: string;
  readonly logger: PeerLogger;
  readonly replica: Replica;
  memberId(): string | null;
  /** The peer's presence relay, which LAN connections join. */
  joinPresence?(source: PresenceSource): PresenceMembership;
  /** Sends a big update from a teammate to this peer's windows before it is applied here (LanDocHost.relayAhead). */
  relayAhead?(docId: string, update: Uint8Array): Promise<(() => void) | null>;
}

/** The LAN as the Network view and /healthz see it. */
export interface LanStatus {
  readonly running: boolean;
  readonly lanPort: number | null;
  /** Teammates' peers known since start, connected first. */
  readonly peers: readonly LanPeerSummary[];
  readonly addresses: readonly Pick<DialTarget, 'address' | 'via' | 'peerId' | 'lastGoodAt' | 'lastError' | 'attempts'>[];
  readonly port: LanPortDiagnostics | null;
  readonly discovery: DiscoveryDiagnostics;
  /** LAN connections closed after bad input since start. */
  readonly protocolErrors: number;
  /** Per doc this peer holds: how many teammates' laptops have all of it on disk, of all that ever confirmed anything. */
  readonly reachByDoc: Readonly<Record<string, { readonly reached: number; readonly of: number }>>;
}

/** A teammate's laptop and whether something has reached it, as the item panel shows it. */
export interface TeammateReachStatus extends TeammateReach {
  readonly connected: boolean;
}

const NO_DISCOVERY: DiscoveryDiagnostics = { enabled: false, interfaces: [], mdnsResponseSeen: false, lastResponseAt: null, peersFound: 0, errors: [] };

interface Running {
  readonly workspaceId: string;
  readonly lanPeer: LanPeer;
  readonly network: LanNetwork;
  readonly dialer: LanDialer;
  readonly discovery: LanDiscovery | null;
  readonly ledger: AckLedger;
  readonly stopOpenWatch: () => void;
}

/** LAN sync as one peer runs it: secret, listener, dialer, discovery and sync, started once a workspace is held. */
export class LanService {
  private running: Running | null = null;
  private starting: Promise<void> | null = null;
  private readonly changeListeners = new Set<() => void>();
  /** Called with the LAN port once listening. */
  onDidStart: ((port: number) => void) | null = null;

  /** `options` null: secrets are kept, but this peer takes no part in the LAN. */
  constructor(
    private readonly host: LanServiceHost,
    private readonly options: LanOptions | null,
  ) {}

  /** Makes a secret for a workspace that has none (created now, or before LAN sync existed). */
  ensureSecret(workspaceId: string): Promise<Uint8Array> {
    return ensureWorkspaceSecret(this.host.dataDir, workspaceId, this.host.logger);
  }

  /** Whether this peer already holds `secret` for `workspaceId`. */
  async holdsSecret(workspaceId: string, secret: Uint8Array): Promise<boolean> {
    const current = await loadWorkspaceSecret(this.host.dataDir, workspaceId);
    return current !== null && sameSecret(current, secret);
  }

  /** Stores an invite's secret (and remembers its addresses to dial first); a different secret replaces the old one now. */
  async adoptInvite(workspaceId: string, secret: Uint8Array, addresses: readonly string[]): Promise<void> {
    const current = await loadWorkspaceSecret(this.host.dataDir, workspaceId);
    if (!current || !sameSecret(current, secret)) await saveWorkspaceSecret(this.host.dataDir, workspaceId, secret);
    await rememberAddresses(this.host.dataDir, addresses);
    const running = this.running;
    if (running && current && !sameSecret(current, secret)) this.useSecret(running, secret);
    for (const address of addresses) running?.dialer.add(address, 'invite');
  }

  /** Stops LAN sync and forgets the secret and every remembered address (this laptop left the workspace). */
  async forget(): Promise<void> {
    await this.stop();
    await deleteWorkspaceSecret(this.host.dataDir);
    await rm(join(this.host.dataDir, 'lan-acks.json'), { force: true });
    await forgetAddresses(this.host.dataDir);
    this.changed();
  }

  /** A new secret: every connection made with the old one closes, and peers holding it are refused from now on. */
  async rotateSecret(workspaceId: string): Promise<void> {
    const secret = newWorkspaceSecret();
    await saveWorkspaceSecret(this.host.dataDir, workspaceId, secret);
    this.host.logger.info('the workspace secret was rotated; teammates need a new invite', { workspaceId });
    if (this.running) this.useSecret(this.running, secret);
    this.changed();
  }

  /** An invite code for the workspace, with this peer's LAN addresses when it is listening, and the relay's node addresses when one is used. */
  async invite(workspaceId: string, workspaceName: string | undefined, relays: readonly string[] = []): Promise<string> {
    const secret = await this.ensureSecret(workspaceId);
    const name = workspaceName?.trim() ? workspaceName.slice(0, INVITE_LIMITS.maxNameLength) : undefined;
    return encodeInvite({ workspaceId, secret, addresses: this.listenAddresses(), relays, ...(name ? { workspaceName: name } : {}) });
  }

  /** Calls `listener` when what `status()` returns may have changed (a connection, an ack, a save, an address). Listeners never throw. */
  onDidChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Dials `address` (`host:port`) from now on, and after restarts; false when it is not an address. */
  async addPeer(address: string): Promise<boolean> {
    const running = this.running;
    if (!running) return false;
    const target = running.dialer.add(address, 'manual');
    if (!target) return false;
    // The dialer writes its own list: a second writer here would race it.
    await running.dialer.remember();
    this.changed();
    return true;
  }

  /** Checks again whether this laptop's LAN port is reachable; false when LAN sync is not running. */
  async checkReachability(): Promise<boolean> {
    const running = this.running;
    if (!running) return false;
    await running.network.checkReachability();
    return true;
  }

  /** Starts LAN sync for the workspace (once; later calls wait for the first). */
  start(workspaceId: string): Promise<void> {
    if (!this.options || this.running) return Promise.resolve();
    this.starting ??= this.startRunning(workspaceId, this.options).finally(() => (this.starting = null));
    return this.starting;
  }

  /** The replica has `docId` on disk up to `stateVector`, after an update applied with `origin`. */
  didSave(docId: string, stateVector: Uint8Array, origin?: unknown): void {
    this.running?.lanPeer.didSave(docId, stateVector, origin);
    this.changed();
  }

  /**
   * A teammate's laptop acknowledged `docId` through the relay: it counts as reached like one
   * that acknowledged over the LAN (the same ledger, by its peer id), so "on K of M" counts
   * laptops, not paths. Only docs this peer holds are recorded.
   */
  didAckThroughRelay(docId: string, ack: { peerId: string; memberId: string | null; device: string | null; stateVector: Uint8Array }): void {
    const running = this.running;
    if (!running || ack.peerId === this.host.peerId || !this.host.replica.isOpen(docId)) return;
    let stateVector: Map<number, number>;
    try {
      stateVector = Y.decodeStateVector(ack.stateVector);
    } catch {
      return;
    }
    running.ledger.describe(ack.peerId, ack.memberId, ack.device);
    running.ledger.record(ack.peerId, docId, stateVector);
    this.changed();
  }

  /** For each teammate's laptop ever seen, whether `need` (clocks of a change, or a doc's state) of `docId` is on its disk, and since when. */
  reach(docId: string, need: ReadonlyMap<number, number>): TeammateReachStatus[] {
    const running = this.running;
    if (!running) return [];
    return running.ledger.reachOf(docId, need).map((r) => ({ ...r, connected: running.lanPeer.isConnected(r.peerId) }));
  }

  /**
   * The LAN as the windows and /healthz see it. With `perDoc: false` the per-doc parts (the reach
   * and each teammate's `pendingByDoc`) are left empty and only totals are counted: /healthz,
   * read every few milliseconds by monitors and the benchmarks, then costs little per doc held.
   */
  async status({ perDoc = true }: { perDoc?: boolean } = {}): Promise<LanStatus> {
    const running = this.running;
    const reachByDoc: Record<string, { reached: number; of: number }> = {};
    // Every doc's state is read once, for the pending counts and for the reach alike.
    const vectors = running ? await running.lanPeer.docVectors() : new Map<string, ReadonlyMap<number, number>>();
    if (running && perDoc) {
      const of = running.ledger.known().length;
      for (const [docId, have] of vectors) reachByDoc[docId] = { reached: running.ledger.reachedCount(docId, have), of };
    }
    return {
      reachByDoc,
      running: running !== null,
      lanPort: running?.network.port ?? null,
      peers: running ? await running.lanPeer.status(perDoc, true) : [],
      addresses: (running?.dialer.list() ?? []).map(({ address, via, peerId, lastGoodAt, lastError, attempts }) => ({ address, via, peerId, lastGoodAt, lastError, attempts })),
      port: running?.network.diagnostics() ?? null,
      discovery: running?.discovery?.diagnostics() ?? NO_DISCOVERY,
      protocolErrors: running?.lanPeer.protocolErrors ?? 0,
    };
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const running = this.running;
    this.running = null;
    if (!running) return;
    running.discovery?.stop();
    running.dialer.stop();
    running.stopOpenWatch();
    running.lanPeer.stop();
    await running.network.close();
    await running.ledger.flush();
    this.changed();
  }

  private async startRunning(workspaceId: string, options: LanOptions): Promise<void> {
    const { dataDir, peerId, logger, replica } = this.host;
    const secret = await this.ensureSecret(workspaceId);
    const ledger = await AckLedger.load(dataDir, logger);
    const lanPeer = new LanPeer({
      ledger,
      peerId,
      memberId: () => this.host.memberId(),
      device: os.hostname().slice(0, 64) || null,
      host: { listDocIds: () => replica.heldDocIds(), openDoc: (docId) => replica.open(docId), savedStateVector: (docId) => replica.savedStateVector(docId), holds: (docId) => replica.isOpen(docId), loadedDoc: (docId) => replica.loadedDoc(docId), hold: (docId) => replica.hold(docId), dormantDoc: (docId) => replica.dormantDoc(docId), relayAhead: this.host.relayAhead?.bind(this.host), storeAhead: (docId, update, origin, onApplied) => replica.storeAhead(docId, update, origin, onApplied), settle: (docId) => replica.settle(docId) },
      logger,
      joinPresence: this.host.joinPresence?.bind(this.host),
    });
    lanPeer.addKnown(ledger.known());
    const stopOpenWatch = replica.onDidOpen((docId) => lanPeer.didOpenDoc(docId));
    let network: LanNetwork;
    try {
      network = await LanNetwork.listen({
        listenHost: options.listenHost ?? '0.0.0.0',
        port: options.port,
        fallbackToAnyPort: options.fallbackToAnyPort ?? false,
        secret,
        hello: createLanHello({ appVersion: __TANDEM_VERSION__, peerId, workspaceId }),
        lanPeer,
        logger,
        onDidChangeReachability: () => this.changed(),
      });
    } catch (error) {
      stopOpenWatch();
      lanPeer.stop();
      throw error;
    }
    const dialer = new LanDialer({ peerId, dataDir, dial: network.dial, isConnected: (id) => lanPeer.isConnected(id), logger });
    for (const address of options.peers) dialer.add(address, 'manual');
    await dialer.start();
    const discovery = options.discovery
      ? new LanDiscovery({
          peerId,
          tag: discoveryTag(secret),
          port: network.port,
          logger,
          // Both sides see each other's adverts: the lower peer id dials at once, the other only if that fails.
          onPeer: (found) => found.addresses.forEach((address) => dialer.add(address, 'mdns', found.peerId, peerId < found.peerId ? 0 : 3_000)),
          onInterfacesChanged: () => dialer.retryAll(),
        })
      : null;
    discovery?.start();
    lanPeer.onDidChange(() => this.changed());
    this.running = { workspaceId, lanPeer, network, dialer, discovery, ledger, stopOpenWatch };
    logger.info('lan sync started', { port: network.port, host: options.listenHost ?? '0.0.0.0', discovery: options.discovery, manualPeers: options.peers.length });
    this.onDidStart?.(network.port);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.changeListeners) {
      try {
        listener();
      } catch (error) {
        this.host.logger.error('lan status listener threw', { error: String(error) });
      }
    }
  }

  private useSecret(running: Running, secret: Uint8Array): void {
    running.network.setSecret(secret);
    running.lanPeer.closeAll();
    running.discovery?.setTag(discoveryTag(secret));
    running.dialer.retryAll();
  }

  /** The addresses an invite carries: the one listened on, or every LAN interface's. */
  private listenAddresses(): string[] {
    const running = this.running;
    const host = this.options?.listenHost;
    if (!running) return [];
    const hosts = host && host !== '0.0.0.0' && host !== '::' ? [host] : lanInterfaces().map((i) => i.address);
    return hosts.slice(0, INVITE_LIMITS.maxAddresses).map((h) => (h.includes(':') ? `[${h}]:${running.network.port}` : `${h}:${running.network.port}`));
  }
}
