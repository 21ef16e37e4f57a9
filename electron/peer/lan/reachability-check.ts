// When and how this laptop's LAN port is checked, and what the diagnostics say of it: a
// self-check (a connect to each address it listens on) and a dial-back by each connected
// teammate, on start, when the addresses change, when a teammate connects, on "Check again",
// and every few minutes otherwise.
import type { PeerLogger } from '../logger';
import type { LanSyncConnection } from './lan-connection';
import { probeTcp, type DialBackResult, type Probe, type ProbeResult } from './reachability';

/** One address of this laptop and how a connect to it went, when. */
export interface AddressCheck {
  /** `host:port`. */
  readonly address: string;
  readonly result: ProbeResult;
  readonly checkedAt: number;
}

/** A teammate's peer connecting back to this laptop. */
export interface TeammateCheck extends AddressCheck {
  readonly peerId: string;
}

/** What the diagnostics show about reaching this laptop's port. */
export interface ReachabilityReport {
  readonly checking: boolean;
  /** When the last full check (self-check and every connected teammate) finished; null before the first. */
  readonly checkedAt: number | null;
  readonly self: readonly AddressCheck[];
  readonly fromTeammates: readonly TeammateCheck[];
}

export interface LanReachabilityOptions {
  /** The IPs this peer listens on (the listen host, or every LAN interface's address). */
  readonly listenHosts: () => string[];
  readonly port: () => number;
  /** The open sync connections, each of which may be asked for a dial-back. */
  readonly connections: () => readonly LanSyncConnection[];
  readonly logger: PeerLogger;
  readonly onDidChange: () => void;
  readonly probe?: Probe;
  readonly now?: () => number;
  /** Checked again this often without a reason. */
  readonly recheckMs?: number;
  /** How often the listen addresses are compared with the last check's. */
  readonly addressPollMs?: number;
}

const hostPort = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** Checks of this laptop's LAN port, kept for the diagnostics. */
export class LanReachability {
  private self: AddressCheck[] = [];
  private readonly fromTeammates = new Map<string, TeammateCheck[]>();
  /** Connections already asked (or being asked), so a new one is asked once. */
  private readonly asked = new WeakSet<LanSyncConnection>();
  private checkedAt: number | null = null;
  private running: Promise<void> | null = null;
  private addressesKey = '';
  private timers: ReturnType<typeof setInterval>[] = [];
  private stopped = false;
  private readonly probe: Probe;
  private readonly now: () => number;

  constructor(private readonly options: LanReachabilityOptions) {
    this.probe = options.probe ?? ((host, port) => probeTcp(host, port));
    this.now = options.now ?? Date.now;
  }

  /** Checks now, then every few minutes and whenever the listen addresses change. */
  start(): void {
    void this.check();
    const every = (ms: number, run: () => void) => {
      const timer = setInterval(run, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.recheckMs ?? 5 * 60_000, () => void this.check());
    every(this.options.addressPollMs ?? 5_000, () => {
      if (this.key() !== this.addressesKey) void this.check();
    });
  }

  stop(): void {
    this.stopped = true;
    this.timers.forEach((timer) => clearInterval(timer));
    this.timers = [];
  }

  /** A full check: this laptop's own addresses, and a dial-back by every connected teammate. Joins one already running. */
  check(): Promise<void> {
    this.running ??= this.runCheck().finally(() => {
      this.running = null;
      this.changed();
    });
    this.changed();
    return this.running;
  }

  /** Connections changed: a teammate that connected since is asked to dial back. */
  didChangeConnections(): void {
    if (this.stopped || this.running) return;
    for (const connection of this.options.connections()) {
      if (!this.asked.has(connection) && connection.remoteWelcome) void this.askTeammate(connection);
    }
  }

  report(): ReachabilityReport {
    return { checking: this.running !== null, checkedAt: this.checkedAt, self: [...this.self], fromTeammates: [...this.fromTeammates.values()].flat() };
  }

  private key(): string {
    return `${this.options.listenHosts().join(',')}:${this.options.port()}`;
  }

  private async runCheck(): Promise<void> {
    if (this.stopped) return;
    this.addressesKey = this.key();
    const hosts = this.options.listenHosts();
    const port = this.options.port();
    const self = await Promise.all(hosts.map(async (host): Promise<AddressCheck> => ({ address: hostPort(host, port), result: await this.probe(host, port), checkedAt: this.now() })));
    if (this.stopped) return;
    this.self = self;
    // Results for addresses no longer listened on say nothing about this laptop any more.
    const current = new Set(self.map((c) => c.address));
    for (const [peerId, checks] of this.fromTeammates) {
      const kept = checks.filter((c) => current.has(c.address));
      if (kept.length) this.fromTeammates.set(peerId, kept);
      else this.fromTeammates.delete(peerId);
    }
    await Promise.all(this.options.connections().map((connection) => this.askTeammate(connection)));
    this.checkedAt = this.now();
    const failed = self.filter((c) => c.result !== 'reachable').map((c) => `${c.address} ${c.result}`);
    this.options.logger.info('lan port checked', { self: self.length, selfFailed: failed, teammates: this.fromTeammates.size });
  }

  private async askTeammate(connection: LanSyncConnection): Promise<void> {
    if (!connection.remoteWelcome) return;
    this.asked.add(connection);
    const hosts = this.options.listenHosts();
    const port = this.options.port();
    const answer = await connection.requestDialBack(hosts, port);
    if (this.stopped || !answer || answer.refused) return;
    const checkedAt = this.now();
    const checks = answer.results
      .filter((r): r is { address: string; result: Exclude<DialBackResult, 'not-allowed'> } => r.result !== 'not-allowed' && hosts.includes(r.address))
      .map((r) => ({ peerId: connection.info.remotePeerId, address: hostPort(r.address, port), result: r.result, checkedAt }));
    // A teammate that could check none of the addresses (it sees this laptop through another address) leaves the last word standing.
    if (checks.length) this.fromTeammates.set(connection.info.remotePeerId, checks);
    if (!this.running) this.changed();
  }

  private changed(): void {
    if (this.stopped) return;
    try {
      this.options.onDidChange();
    } catch (error) {
      this.options.logger.error('reachability listener threw', { error: String(error) });
    }
  }
}
