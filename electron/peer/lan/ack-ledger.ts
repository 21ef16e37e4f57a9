// What each teammate's laptop has confirmed on disk, per doc, kept across restarts: the state
// vector of its latest "saved" acknowledgement and a short history of when acknowledgements
// arrived. From it the peer says how many teammates' laptops hold a board ("on K of M") and
// when a given change reached each of them, even while they are away. Written to
// `lan-acks.json` (owner-only, atomic) at most every few seconds.
import { join } from 'node:path';
import * as Y from 'yjs';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from '../files';
import type { PeerLogger } from '../logger';

const ACKS_FILE = 'lan-acks.json';
/** Acknowledgements remembered per teammate and doc, to say when a change first reached them. */
const HISTORY = 24;
const MAX_TEAMMATES = 500;
const MAX_CLIENTS_PER_VECTOR = 20_000;
const SAVE_DELAY_MS = 3_000;

type StateVector = Map<number, number>;

interface DocAcks {
  /** Every acknowledgement merged: what the teammate has confirmed of this doc. */
  acked: StateVector;
  /** Oldest first: when acknowledgements arrived and what they covered then. */
  history: { at: number; sv: StateVector }[];
}

export interface Teammate {
  readonly peerId: string;
  memberId: string | null;
  device: string | null;
  lastAckAt: number | null;
  readonly docs: Map<string, DocAcks>;
}

/** One teammate's laptop and whether a change (or a whole doc) has reached it. */
export interface TeammateReach {
  readonly peerId: string;
  readonly memberId: string | null;
  readonly device: string | null;
  /** When the first acknowledgement covering it arrived; null while it has not. */
  readonly reachedAt: number | null;
  /** The oldest acknowledgement remembered already covered it: it arrived at `reachedAt` or earlier. */
  readonly reachedBy: boolean;
}

const fileSchema = z.object({
  teammates: z
    .array(
      z.object({
        peerId: z.string().min(1).max(64),
        memberId: z.string().max(64).nullable(),
        device: z.string().max(64).nullable(),
        lastAckAt: z.number().nullable(),
        docs: z.record(z.string().max(128), z.object({ sv: z.string().max(2_000_000), at: z.number() })),
      }),
    )
    .max(MAX_TEAMMATES),
});

/** True when `have` holds every clock of `need`. */
export function covers(have: StateVector, need: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of need) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

function toBase64(sv: StateVector): string {
  return Buffer.from(Y.encodeStateVector(sv)).toString('base64');
}

function fromBase64(text: string): StateVector | null {
  try {
    return Y.decodeStateVector(new Uint8Array(Buffer.from(text, 'base64')));
  } catch {
    return null;
  }
}

export class AckLedger {
  private readonly teammates = new Map<string, Teammate>();
  /** `reachedCount`'s last answer per doc, dropped when an acknowledgement of the doc is kept. */
  private readonly counted = new Map<string, { need: ReadonlyMap<number, number>; reached: number }>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dataDir: string | null,
    private readonly logger: PeerLogger,
    private readonly now: () => number,
  ) {}

  /** The ledger of `dataDir` (null: in memory only). A damaged file is logged and started afresh. */
  static async load(dataDir: string | null, logger: PeerLogger, now: () => number = Date.now): Promise<AckLedger> {
    const ledger = new AckLedger(dataDir, logger, now);
    if (!dataDir) return ledger;
    const parsed = fileSchema.safeParse(await readJsonFile(join(dataDir, ACKS_FILE)).catch(() => undefined));
    if (!parsed.success) return ledger;
    for (const entry of parsed.data.teammates) {
      const docs = new Map<string, DocAcks>();
      for (const [docId, { sv, at }] of Object.entries(entry.docs)) {
        const acked = fromBase64(sv);
        if (acked) docs.set(docId, { acked, history: [{ at, sv: acked }] });
      }
      ledger.teammates.set(entry.peerId, { peerId: entry.peerId, memberId: entry.memberId, device: entry.device, lastAckAt: entry.lastAckAt, docs });
    }
    return ledger;
  }

  /** Every teammate's laptop that ever acknowledged something, by peer id. */
  known(): readonly Teammate[] {
    return [...this.teammates.values()];
  }

  /** Who a teammate's peer says it is (from its welcome). */
  describe(peerId: string, memberId: string | null, device: string | null): void {
    const teammate = this.teammate(peerId);
    if (teammate.memberId === memberId && teammate.device === device) return;
    teammate.memberId = memberId;
    teammate.device = device;
    this.scheduleSave();
  }

  /** A teammate's laptop has `docId` on disk up to `sv`. */
  record(peerId: string, docId: string, sv: ReadonlyMap<number, number>): void {
    // A state vector longer than any real doc's (one entry per editing session) is not kept.
    if (sv.size > MAX_CLIENTS_PER_VECTOR) return;
    const teammate = this.teammate(peerId);
    const at = this.now();
    let doc = teammate.docs.get(docId);
    if (!doc) teammate.docs.set(docId, (doc = { acked: new Map(), history: [] }));
    if (covers(doc.acked, sv)) return;
    for (const [client, clock] of sv) if ((doc.acked.get(client) ?? 0) < clock) doc.acked.set(client, clock);
    doc.history.push({ at, sv: new Map(doc.acked) });
    this.counted.delete(docId);
    if (doc.history.length > HISTORY) doc.history.shift();
    teammate.lastAckAt = at;
    this.scheduleSave();
  }

  /**
   * For each teammate's laptop, whether `need` (a doc's state, or the clocks of one change) is
   * on its disk and since when. Teammates that never acknowledged this doc are listed as not reached.
   */
  reachOf(docId: string, need: ReadonlyMap<number, number>): TeammateReach[] {
    return this.known().map((teammate) => {
      const doc = teammate.docs.get(docId);
      const first = doc?.history.find((entry) => covers(entry.sv, need));
      return {
        peerId: teammate.peerId,
        memberId: teammate.memberId,
        device: teammate.device,
        reachedAt: first?.at ?? null,
        reachedBy: first !== undefined && first === doc?.history[0],
      };
    });
  }

  /**
   * How many teammates' laptops have `need` of `docId` on disk: `reachOf` counted, without a list
   * per doc. A status counts every doc held on each read, so the count is kept until a new
   * acknowledgement of the doc is kept or another `need` is asked about: `need` is compared by
   * identity and must never be changed after the call (the status's state vectors never are).
   */
  reachedCount(docId: string, need: ReadonlyMap<number, number>): number {
    const counted = this.counted.get(docId);
    if (counted?.need === need) return counted.reached;
    let reached = 0;
    for (const teammate of this.teammates.values()) if (teammate.docs.get(docId)?.history.some((entry) => covers(entry.sv, need))) reached++;
    this.counted.set(docId, { need, reached });
    return reached;
  }

  /** Writes what is pending now (on stop). */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      this.saving = this.saving.then(() => this.save());
    }
    await this.saving;
  }

  private teammate(peerId: string): Teammate {
    let teammate = this.teammates.get(peerId);
    if (!teammate) {
      teammate = { peerId, memberId: null, device: null, lastAckAt: null, docs: new Map() };
      this.teammates.set(peerId, teammate);
    }
    return teammate;
  }

  private scheduleSave(): void {
    if (!this.dataDir || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.saving = this.saving.then(() => this.save());
    }, SAVE_DELAY_MS);
    this.saveTimer.unref?.();
  }

  private async save(): Promise<void> {
    if (!this.dataDir) return;
    const teammates = this.known()
      .slice(-MAX_TEAMMATES)
      .map((t) => ({
        peerId: t.peerId,
        memberId: t.memberId,
        device: t.device,
        lastAckAt: t.lastAckAt,
        docs: Object.fromEntries([...t.docs].map(([docId, doc]) => [docId, { sv: toBase64(doc.acked), at: doc.history.at(-1)?.at ?? 0 }])),
      }));
    try {
      await writeJsonAtomic(join(this.dataDir, ACKS_FILE), { teammates });
    } catch (error) {
      this.logger.warn('could not keep teammates’ acknowledgements', { error: String(error) });
    }
  }
}
