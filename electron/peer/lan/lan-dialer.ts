// The addresses this peer dials: manual `host:port` peers, addresses from an invite, remembered
// last-good addresses (kept in the data folder, so a restart finds teammates where multicast is
// blocked) and mDNS finds. Each is retried with exponential backoff and jitter, and none is
// dialled while the peer behind it is already connected.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { formatPeerAddress, parsePeerAddress } from '../../../shared/lan/address';
import { readJsonFile, writeJsonAtomic } from '../files';
import type { PeerLogger } from '../logger';
import type { LanVia } from './lan-connection';

const REMEMBERED_FILE = 'lan-peers.json';
const MAX_REMEMBERED = 16;
/** Sources in the order they win when two name the same address. */
const VIA_RANK: Record<LanVia, number> = { manual: 0, invite: 1, remembered: 2, mdns: 3, inbound: 4, memory: 5 };

const rememberedFile = z.object({
  peers: z.array(z.object({ address: z.string().max(300), peerId: z.string().max(64).nullable(), lastGoodAt: z.number() })).max(64),
});

type RememberedPeer = z.infer<typeof rememberedFile>['peers'][number];

async function readRemembered(dataDir: string): Promise<RememberedPeer[]> {
  const parsed = rememberedFile.safeParse(await readJsonFile(join(dataDir, REMEMBERED_FILE)).catch(() => undefined));
  return parsed.success ? parsed.data.peers : [];
}

/** Forgets every remembered address (this laptop left the workspace). */
export async function forgetAddresses(dataDir: string): Promise<void> {
  await rm(join(dataDir, REMEMBERED_FILE), { force: true });
}

/** Adds addresses (an invite's) to the remembered ones, ahead of the rest, so the next start dials them first. */
export async function rememberAddresses(dataDir: string, addresses: readonly string[]): Promise<void> {
  if (addresses.length === 0) return;
  const rest = (await readRemembered(dataDir)).filter((p) => !addresses.includes(p.address));
  const peers = [...addresses.map((address) => ({ address, peerId: null, lastGoodAt: 0 })), ...rest].slice(0, MAX_REMEMBERED);
  await writeJsonAtomic(join(dataDir, REMEMBERED_FILE), { peers });
}

/** How a dial ended: open (with the peer it reached) or refused/failed with a reason. */
export type DialOutcome = { readonly ok: true; readonly peerId: string; readonly closed: Promise<void> } | { readonly ok: false; readonly reason: string };

/** One address and how dialling it has gone. */
export interface DialTarget {
  readonly address: string;
  via: LanVia;
  peerId: string | null;
  attempts: number;
  nextAt: number;
  inFlight: boolean;
  open: boolean;
  lastGoodAt: number | null;
  lastError: string | null;
  /** Never dialled again (it is this very peer). */
  disabled: boolean;
}

export interface LanDialerOptions {
  readonly peerId: string;
  /** Where to remember last-good addresses; null keeps them in memory only. */
  readonly dataDir: string | null;
  readonly dial: (address: string, via: LanVia) => Promise<DialOutcome>;
  readonly isConnected: (peerId: string) => boolean;
  readonly logger: PeerLogger;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** How often due addresses are dialled (default 250 ms). */
  readonly tickMs?: number;
  readonly now?: () => number;
}

/** Keeps dialling every known address that is not connected, with backoff; remembers those that worked. */
export class LanDialer {
  private readonly targets = new Map<string, DialTarget>();
  private readonly backoff: { initialMs: number; maxMs: number };
  private readonly now: () => number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: LanDialerOptions) {
    this.backoff = options.backoff ?? { initialMs: 1_000, maxMs: 30_000 };
    this.now = options.now ?? Date.now;
  }

  /** Loads remembered addresses and starts dialling. */
  async start(): Promise<void> {
    if (this.options.dataDir) {
      for (const entry of await readRemembered(this.options.dataDir)) {
        const target = this.add(entry.address, 'remembered', entry.peerId);
        if (target) target.lastGoodAt = entry.lastGoodAt;
      }
    }
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 250);
    this.timer.unref();
    this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Adds an address to dial (ignored if invalid). `peerId`, when known (mDNS says it), lets the
   * dialer skip a peer already connected; `delayMs` holds the first attempt back.
   */
  add(text: string, via: LanVia, peerId: string | null = null, delayMs = 0): DialTarget | null {
    const parsed = parsePeerAddress(text);
    if (!parsed) {
      this.options.logger.warn('ignored an invalid peer address', { address: text.slice(0, 100), via });
      return null;
    }
    const address = formatPeerAddress(parsed);
    const existing = this.targets.get(address);
    if (existing) {
      if (VIA_RANK[via] < VIA_RANK[existing.via]) existing.via = via;
      if (peerId) existing.peerId = peerId;
      if (!existing.inFlight && !existing.open && existing.nextAt > this.now() + delayMs && via !== 'remembered') existing.nextAt = this.now() + delayMs;
      return existing;
    }
    const target: DialTarget = { address, via, peerId, attempts: 0, nextAt: this.now() + delayMs, inFlight: false, open: false, lastGoodAt: null, lastError: null, disabled: false };
    this.targets.set(address, target);
    return target;
  }

  /** Every address known, best source first. */
  list(): readonly Readonly<DialTarget>[] {
    return [...this.targets.values()].sort((a, b) => VIA_RANK[a.via] - VIA_RANK[b.via] || (a.address < b.address ? -1 : 1));
  }

  /** Dials now every address not connected (after a secret rotation or an interface change). */
  retryAll(): void {
    for (const target of this.targets.values()) target.nextAt = Math.min(target.nextAt, this.now());
    this.tick();
  }

  private tick(): void {
    const now = this.now();
    for (const target of this.targets.values()) {
      if (target.disabled || target.inFlight || target.open || target.nextAt > now) continue;
      if (target.peerId && this.options.isConnected(target.peerId)) {
        target.nextAt = now + this.backoff.initialMs;
        continue;
      }
      void this.attempt(target);
    }
  }

  private async attempt(target: DialTarget): Promise<void> {
    target.inFlight = true;
    let outcome: DialOutcome;
    try {
      outcome = await this.options.dial(target.address, target.via);
    } catch (error) {
      outcome = { ok: false, reason: String(error) };
    }
    target.inFlight = false;
    if (!outcome.ok) {
      target.attempts++;
      target.lastError = outcome.reason;
      if (outcome.reason === 'self-connection') target.disabled = true;
      target.nextAt = this.now() + this.delay(target.attempts);
      return;
    }
    target.open = true;
    target.attempts = 0;
    target.lastError = null;
    target.peerId = outcome.peerId;
    target.lastGoodAt = this.now();
    void this.remember();
    await outcome.closed;
    target.open = false;
    target.nextAt = this.now() + this.delay(1);
  }

  /** Exponential from `initialMs` up to `maxMs`, ±20 % so peers restarted together do not dial in lockstep. */
  private delay(attempts: number): number {
    const base = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  /** Writes the last-good (and typed-in) addresses, newest first, one write at a time; resolves once written. */
  remember(): Promise<void> {
    const dataDir = this.options.dataDir;
    if (!dataDir) return Promise.resolve();
    // Addresses typed in or from an invite are kept even before they first work: the person asked for them.
    const peers = [...this.targets.values()]
      .filter((t) => t.lastGoodAt !== null || t.via === 'manual' || t.via === 'invite')
      .sort((a, b) => (b.lastGoodAt ?? 0) - (a.lastGoodAt ?? 0))
      .slice(0, MAX_REMEMBERED)
      .map((t) => ({ address: t.address, peerId: t.peerId, lastGoodAt: t.lastGoodAt ?? 0 }));
    this.saving = this.saving
      .then(() => writeJsonAtomic(join(dataDir, REMEMBERED_FILE), { peers }))
      .catch((error: unknown) => this.options.logger.warn('could not remember peer addresses', { error: String(error) }));
    return this.saving;
  }
}
