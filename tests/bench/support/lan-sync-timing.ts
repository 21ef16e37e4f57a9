// One timed LAN sync between real peers: a peer is told to dial another through a wire meter
// (the `add-peer` request a renderer sends), and the clock runs from the TCP connect to "equal
// content", read two ways: saved on disk on the receiving side(s) (the sending peer's /healthz
// shows nothing pending for the other), and arrived in a renderer link of the receiving hub.
import type * as Y from 'yjs';
import type { LinkTestClient } from '../../integration/support/link-test-client';
import { hasStateVector } from './board-edits';
import type { LanHub } from './lan-hub';
import { toMonotonicMicros } from './peer-profile';
import { collectGarbage } from './timing';
import type { WireMeter } from './wire-meter';

const POLL_MS = 5;

/**
 * `add-peer` requests answered `internal` because the peer's own write of lan-peers.json raced
 * the request's (both use the same temp file name): the address was added and is dialled all
 * the same, so the run goes on and the rows report the count.
 */
export const addPeerRaces = { count: 0 };

export interface SyncTiming {
  /** Connect to every hub in `savedOn` reporting its teammate has confirmed everything on disk. */
  readonly savedMs: number;
  /** Connect to every watched link doc holding the expected state. */
  readonly linkMs: number;
  /** Connect to the last of the arrivals that say so (`Arrival.bytesAt`) having the bytes that made it hold it; null if none says. */
  readonly linkBytesMs: number | null;
  /** Connect to the listener's first bytes back (its half of the handshake). */
  readonly handshakeReplyMs: number;
  /** The `add-peer` request to the TCP connect (the dialer's tick). */
  readonly dialMs: number;
  readonly toListener: number;
  readonly toDialler: number;
  /** Connect and the last of the end points, on the monotonic clock (µs), to cut a peer's profile. */
  readonly window: { readonly fromMicros: number; readonly toMicros: number };
}

export interface SyncRun {
  /** The hub that dials, and a link client on it. */
  readonly dialler: LanHub;
  readonly diallerLink: LinkTestClient;
  readonly meter: WireMeter;
  /** Hubs that must list their teammate as connected with nothing pending. */
  readonly savedOn: readonly LanHub[];
  /** Link docs that must reach `expected`. */
  readonly watch: readonly Y.Doc[];
  /** Other ends that must reach it, each saying when it did (a link client in a process of its own). */
  readonly arrivals?: readonly Arrival[];
  readonly expected: ReadonlyMap<number, number>;
  readonly deadlineMs: number;
  /** How often the hubs' /healthz is read (5 ms by default); a status over thousands of docs costs the hub time of its own. */
  readonly pollMs?: number;
}

/** When an end reached the expected state (`performance.now()`), or null until it has. */
export interface Arrival {
  at(): number | null;
  /** When the last big frame before `at` reached the end (`performance.now()`): the time left to `at` is its apply. */
  bytesAt?(): number | null;
}

function arrival(doc: Y.Doc, expected: ReadonlyMap<number, number>): Arrival & { stop: () => void } {
  let at: number | null = hasStateVector(doc, expected) ? -1 : null;
  const onUpdate = () => {
    if (at === null && hasStateVector(doc, expected)) at = performance.now();
  };
  doc.on('update', onUpdate);
  return { at: () => at, stop: () => doc.off('update', onUpdate) };
}

async function nothingPending(hub: LanHub): Promise<boolean> {
  const peers = await hub.connectedPeers();
  return peers.length > 0 && peers.every((peer) => peer.pendingChanges === 0);
}

export async function timeSync(run: SyncRun): Promise<SyncTiming> {
  const docWatches = run.watch.map((doc) => arrival(doc, run.expected));
  const watches: readonly Arrival[] = [...docWatches, ...(run.arrivals ?? [])];
  try {
    run.meter.reset();
    collectGarbage();
    const requestedAt = performance.now();
    const response = (await run.diallerLink.request('add-peer', { address: run.meter.address })) as { ok: boolean };
    const raced = !response.ok && /rename '[^']*lan-peers\.json\.tmp-\d+'/.test(run.dialler.output());
    if (raced) addPeerRaces.count++;
    else if (!response.ok) throw new Error(`add-peer was refused: ${JSON.stringify(response)}; the hub printed:\n${run.dialler.output().slice(-4000)}`);
    let savedAt: number | null = null;
    let wire = run.meter.count();
    for (;;) {
      const now = performance.now();
      if (now - requestedAt > run.deadlineMs) throw new Error(`the peers did not sync within ${run.deadlineMs / 1000} s (wire: ${JSON.stringify(run.meter.count())})`);
      if (savedAt === null && run.meter.count().connectedAt !== null && (await Promise.all(run.savedOn.map(nothingPending))).every(Boolean)) {
        savedAt = performance.now();
        wire = run.meter.count();
      }
      if (savedAt !== null && watches.every((w) => w.at() !== null)) break;
      await new Promise((resolve) => setTimeout(resolve, run.pollMs ?? POLL_MS));
    }
    const connectedAt = wire.connectedAt as number;
    const linkAt = Math.max(connectedAt, ...watches.map((w) => w.at() as number));
    const bytesAts = watches.flatMap((w) => w.bytesAt?.() ?? []);
    return {
      savedMs: savedAt - connectedAt,
      linkMs: linkAt - connectedAt,
      linkBytesMs: bytesAts.length > 0 ? Math.max(...bytesAts) - connectedAt : null,
      handshakeReplyMs: (wire.firstReplyAt ?? connectedAt) - connectedAt,
      dialMs: connectedAt - requestedAt,
      toListener: wire.toListener,
      toDialler: wire.toDialler,
      window: { fromMicros: toMonotonicMicros(connectedAt), toMicros: toMonotonicMicros(Math.max(savedAt, linkAt)) },
    };
  } finally {
    for (const watch of docWatches) watch.stop();
  }
}
