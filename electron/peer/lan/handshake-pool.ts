// Who may hold a slot among the inbound connections still in their handshake. One address may
// hold only a few, and a full pool still admits an address it has never seen by dropping the
// oldest socket of the address that holds the most: 40 idle sockets from one machine cannot
// keep a teammate on another machine out.

export interface HandshakePoolLimits {
  /** Inbound sockets in their handshake at once, from every address together. */
  readonly max: number;
  /** Inbound sockets in their handshake at once from one address. */
  readonly perAddress: number;
}

export const DEFAULT_HANDSHAKE_POOL_LIMITS: HandshakePoolLimits = { max: 32, perAddress: 4 };

/** A slot in the pool: released when the handshake ends (opened or failed). */
export interface HandshakeSlot {
  release(): void;
}

interface Entry {
  readonly address: string;
  readonly evict: () => void;
  readonly admittedAt: number;
}

export type AdmitRefusal = 'address-busy' | 'pool-full';

export class HandshakePool {
  private readonly entries = new Set<Entry>();
  private readonly byAddress = new Map<string, Set<Entry>>();
  private admitted = 0;

  constructor(private readonly limits: HandshakePoolLimits = DEFAULT_HANDSHAKE_POOL_LIMITS) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * A slot for a socket from `address`, or why there is none. `evict` is called if the slot is
   * later taken back for an address the pool has not seen; it must close the socket.
   */
  admit(address: string, evict: () => void): HandshakeSlot | AdmitRefusal {
    const mine = this.byAddress.get(address);
    if ((mine?.size ?? 0) >= this.limits.perAddress) return 'address-busy';
    if (this.entries.size >= this.limits.max) {
      if (mine && mine.size > 0) return 'pool-full';
      this.evictFromBusiestAddress();
    }
    const entry: Entry = { address, evict, admittedAt: this.admitted++ };
    this.entries.add(entry);
    const set = mine ?? new Set<Entry>();
    set.add(entry);
    this.byAddress.set(address, set);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.remove(entry);
      },
    };
  }

  private evictFromBusiestAddress(): void {
    let busiest: Set<Entry> | null = null;
    for (const set of this.byAddress.values()) if (!busiest || set.size > busiest.size) busiest = set;
    let oldest: Entry | null = null;
    for (const entry of busiest ?? []) if (!oldest || entry.admittedAt < oldest.admittedAt) oldest = entry;
    if (!oldest) return;
    this.remove(oldest);
    oldest.evict();
  }

  private remove(entry: Entry): void {
    if (!this.entries.delete(entry)) return;
    const set = this.byAddress.get(entry.address);
    set?.delete(entry);
    if (set?.size === 0) this.byAddress.delete(entry.address);
  }
}
