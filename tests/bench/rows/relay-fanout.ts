// Row `relay-fanout`: a company relay of two node processes sharing one Redis, 20 laptops (half
// on each node) each holding the same 100 boards. One laptop at a time edits one board and the
// clock runs until every other laptop holds the edit; the relay nodes' CPU (from /proc) is
// divided by the edits. Tandem's laptops seal every edit into the envelope doc and open what
// arrives (RelayLink, as the peer runs it); the baseline is the same engine, nodes and laptops
// syncing the boards themselves with plain Hocuspocus providers, no encryption, in the same
// rounds. End-to-end encryption must cost the relay and the people waiting for an edit little.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { relayKeys } from '../../../electron/peer/relay/relay-keys';
import { RelayLink } from '../../../electron/peer/relay/relay-link';
import { relayCredential } from '../../../shared/relay/relay-names';
import { waitFor } from '../../integration/support/link-test-client';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { startRelayProcess, type RunningRelayNode } from '../../support/relay-node';
import { SeededRandom } from '../support/prng';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median } from '../support/timing';

// Idle windows span whole periods of the nodes' Redis heal (every 10 s), so each holds as many
// heals as the others. Each fleet's idle is read alone in its steady state: read as "both, less
// sealed" right after the plain providers connected, before their first heartbeats (every 15 s),
// their share came out near zero.
const SHAPE = { full: { docs: 100, laptops: 20, edits: 200, idleMs: 20_000 }, quick: { docs: 20, laptops: 6, edits: 40, idleMs: 10_000 } };
/** After the last of a fleet's laptops has gone, before the other's idle CPU is read alone: the nodes store and unload its docs. */
const UNLOAD_MS = 5_000;
/** After a fleet's first sync, before its idle CPU is read: stores and announcements settle. */
const SETTLE_MS = 2_500;
/** After a fleet's first sync, before its idle CPU is read alone: past the first heartbeats (every 15 s). */
const STEADY_MS = 16_000;
const SEEN_DEADLINE_MS = 10_000;
/**
 * The CPU phases' edits start one per this many ms (or as soon as the previous one is seen, if
 * later). The nodes store each changed doc at most every 2 s whatever the edit rate, a cost per
 * second: unpaced, the side whose laptops take longer to open an edit (this process opens every
 * sealed blob for 19 laptops) had the same edits spread over more seconds and so more stores.
 */
const CPU_PACE_MS = 10;
const CONNECT_DEADLINE_MS = 120_000;
/** What a laptop's link calls an edit typed in its window. */
const TYPED = Object.freeze({ source: 'link', linkId: 'window' });
const WORDS = 'export csv dashboard slow login sso mobile offline sync board goal kpi filter search sort'.split(' ');

/** One side of the comparison: laptops holding the same docs, each on one relay node. */
interface Fleet {
  /** Every laptop has finished its first sync of every doc. */
  ready(): boolean;
  /** Laptop `laptop`'s copy of doc `doc`. */
  doc(laptop: number, doc: number): Y.Doc;
  destroy(): void;
}

/** Tandem's way: a RelayLink per laptop sealing each doc into its envelope. */
function sealedFleet(nodes: readonly string[], shape: { docs: number; laptops: number }): Fleet {
  const keys = relayKeys(new Uint8Array(32).fill(7));
  const links: RelayLink[] = [];
  const docs: Y.Doc[][] = [];
  for (let l = 0; l < shape.laptops; l++) {
    const link = new RelayLink({ urls: [nodes[l % nodes.length]!], keys, sender: `laptop-${l}`, memberId: () => `m_${l}`, device: null, minDelayMs: 100, maxDelayMs: 1_000 });
    links.push(link);
    docs.push(Array.from({ length: shape.docs }, (_, d) => {
      const doc = new Y.Doc();
      link.sync(`b_fanout${d}`, doc);
      return doc;
    }));
  }
  return {
    ready: () => links.every((link) => link.status().connected && link.status().docsPending === 0),
    doc: (laptop, doc) => docs[laptop]![doc]!,
    destroy: () => links.forEach((link) => link.destroy()),
  };
}

/** The engine on its own: a plain Hocuspocus provider per doc, the doc itself on the relay. */
function plainFleet(nodes: readonly string[], shape: { docs: number; laptops: number }): Fleet {
  const keys = relayKeys(new Uint8Array(32).fill(8));
  const sockets: HocuspocusProviderWebsocket[] = [];
  const providers: HocuspocusProvider[] = [];
  const docs: Y.Doc[][] = [];
  let synced = 0;
  for (let l = 0; l < shape.laptops; l++) {
    const socket = new HocuspocusProviderWebsocket({ url: nodes[l % nodes.length]!, WebSocketPolyfill: WebSocket, minDelay: 100, maxDelay: 1_000, maxAttempts: 0 });
    sockets.push(socket);
    docs.push(Array.from({ length: shape.docs }, (_, d) => {
      const doc = new Y.Doc();
      let counted = false;
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: keys.envelopeName(`b_fanout${d}`),
        document: doc,
        token: relayCredential(keys.token),
        onSynced: ({ state }) => {
          if (!state || counted) return;
          counted = true;
          synced++;
        },
      });
      provider.attach();
      providers.push(provider);
      return doc;
    }));
  }
  return {
    ready: () => synced === shape.laptops * shape.docs,
    doc: (laptop, doc) => docs[laptop]![doc]!,
    destroy: () => {
      providers.forEach((provider) => provider.destroy());
      sockets.forEach((socket) => socket.destroy());
    },
  };
}

/** CPU time a process has used so far (user + system), in ms, from /proc. */
function cpuMs(pid: number, msPerTick: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3 of stat(5), utime 14 and stime 15.
  return (Number(fields[11]) + Number(fields[12])) * msPerTick;
}

function clockTickMs(): number {
  const ticks = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim());
  return 1000 / (Number.isFinite(ticks) && ticks > 0 ? ticks : 100);
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * One edit by laptop `writer` on doc `target`; resolves with each other laptop's edit-to-seen
 * time once every one of them holds it.
 */
async function editAndWait(fleet: Fleet, laptops: number, writer: number, target: number, key: string, value: string): Promise<number[]> {
  const seenMs: number[] = [];
  const waiting = new Set<number>();
  const unobserve: (() => void)[] = [];
  let started = 0;
  const allSeen = new Promise<void>((resolve) => {
    for (let l = 0; l < laptops; l++) {
      if (l === writer) continue;
      waiting.add(l);
      const items = fleet.doc(l, target).getMap<string>('items');
      const observer = (event: Y.YMapEvent<string>) => {
        if (!event.keysChanged.has(key) || !waiting.delete(l)) return;
        seenMs.push(performance.now() - started);
        if (waiting.size === 0) resolve();
      };
      items.observe(observer);
      unobserve.push(() => items.unobserve(observer));
    }
  });
  const doc = fleet.doc(writer, target);
  let timer: NodeJS.Timeout | undefined;
  try {
    started = performance.now();
    doc.transact(() => doc.getMap<string>('items').set(key, value), TYPED);
    await Promise.race([allSeen, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`relay-fanout: edit ${key} not seen by ${waiting.size} laptops within ${SEEN_DEADLINE_MS / 1000} s`)), SEEN_DEADLINE_MS)))]);
  } finally {
    clearTimeout(timer);
    unobserve.forEach((stop) => stop());
  }
  return seenMs;
}

type Side = 'sealed' | 'plain';

/** The relay nodes' CPU per ms of wall time while nobody types, after `settleMs`. */
async function idleCpuPerMs(relayCpuMs: () => number, idleMs: number, settleMs: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const before = relayCpuMs();
  const startedAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  return (relayCpuMs() - before) / (performance.now() - startedAt);
}

interface Round {
  /** p99 of every (edit, receiving laptop) pair's edit-to-seen time, per side. */
  readonly p99: Record<Side, number>;
  /** The relay nodes' CPU over each side's CPU phase, and that phase's length (ms). */
  readonly cpu: Record<Side, { readonly cpuMs: number; readonly wallMs: number }>;
}

/**
 * One measured round. Latency: the same edits on both sides, alternating edit by edit, so
 * whatever else the machine and the relay do (a store, Redis's heal, a GC) falls on both alike.
 * CPU: each side's edits alone, paced, with the relay nodes' CPU read before and after (what
 * they spend anyway with both fleets connected is taken off once that is measured, at the end).
 */
async function measureRound(fleets: Record<Side, Fleet>, shape: { docs: number; laptops: number; edits: number }, rng: SeededRandom, round: number, relayCpuMs: () => number): Promise<Round> {
  const seen: Record<Side, number[]> = { sealed: [], plain: [] };
  for (let e = 0; e < shape.edits; e++) {
    const writer = rng.int(shape.laptops);
    const target = rng.int(shape.docs);
    const value = rng.words(WORDS, 6);
    for (const side of ['sealed', 'plain'] as const) seen[side].push(...(await editAndWait(fleets[side], shape.laptops, writer, target, `r${round}_${e}`, value)));
  }
  const cpu = { sealed: { cpuMs: 0, wallMs: 0 }, plain: { cpuMs: 0, wallMs: 0 } };
  const order: Side[] = round % 2 === 0 ? ['sealed', 'plain'] : ['plain', 'sealed'];
  for (const side of order) {
    const before = relayCpuMs();
    const startedAt = performance.now();
    for (let e = 0; e < shape.edits; e++) {
      await editAndWait(fleets[side], shape.laptops, rng.int(shape.laptops), rng.int(shape.docs), `c${round}_${e}`, rng.words(WORDS, 6));
      const wait = startedAt + (e + 1) * CPU_PACE_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    cpu[side] = { cpuMs: relayCpuMs() - before, wallMs: performance.now() - startedAt };
  }
  return { p99: { sealed: percentile(seen.sealed, 99), plain: percentile(seen.plain, 99) }, cpu };
}

export const relayFanoutRow: BenchRow = {
  name: 'relay-fanout',
  description: '100 boards × 20 laptops over two relay nodes sharing Redis: edit-to-seen p99 and relay CPU per edit, sealed (Tandem) vs the same engine syncing the boards unencrypted, same run',
  async run(context: BenchContext): Promise<RowReport> {
    const shape = context.quick ? SHAPE.quick : SHAPE.full;
    const msPerTick = clockTickMs();
    const dataDir = await mkdtemp(join(tmpdir(), 'tandem-bench-fanout-'));
    let redis: TestRedis | undefined;
    const nodes: RunningRelayNode[] = [];
    const fleets: Fleet[] = [];
    try {
      redis = await startRedis();
      for (const name of ['fanout-a', 'fanout-b']) nodes.push(await startRelayProcess({ dataDir, redisUrl: redis.url, name }));
      const urls = nodes.map((node) => node.url);
      const pids = nodes.map((node) => node.pid);
      context.progress(`relay-fanout: ${shape.laptops} laptops × ${shape.docs} boards connecting to two relay nodes`);
      const relayCpuMs = () => pids.reduce((sum, pid) => sum + cpuMs(pid, msPerTick), 0);
      // Idle: what holding the boards costs the relay when nobody types, each fleet alone in its
      // steady state (heartbeats under way): sealed now, unencrypted once the sealed fleet has gone
      // at the end; and both together after the rounds, the background taken off the CPU phases.
      const sealed = sealedFleet(urls, shape);
      fleets.push(sealed);
      await waitFor(() => sealed.ready(), CONNECT_DEADLINE_MS);
      context.progress('relay-fanout: relay CPU with the sealed fleet connected and idle');
      const idleSealed = await idleCpuPerMs(relayCpuMs, shape.idleMs, STEADY_MS);
      const plain = plainFleet(urls, shape);
      fleets.push(plain);
      await waitFor(() => plain.ready(), CONNECT_DEADLINE_MS);
      const phases: Round['cpu'][] = [];
      const rng = new SeededRandom(context.seed);
      const p99: Record<Side, number[]> = { sealed: [], plain: [] };
      const cpu: Record<Side, number[]> = { sealed: [], plain: [] };
      for (let round = -1; round < context.runs; round++) {
        context.progress(round < 0 ? 'relay-fanout: warm-up' : `relay-fanout: run ${round + 1}/${context.runs}`);
        const result = await measureRound({ sealed, plain }, shape, rng, round + 1, relayCpuMs);
        if (round < 0) continue;
        for (const side of ['sealed', 'plain'] as const) p99[side].push(result.p99[side]);
        phases.push(result.cpu);
      }
      context.progress('relay-fanout: relay CPU with both fleets connected and idle');
      const idleBoth = await idleCpuPerMs(relayCpuMs, shape.idleMs, SETTLE_MS);
      for (const phase of phases) for (const side of ['sealed', 'plain'] as const) cpu[side].push(Math.max(0, phase[side].cpuMs - idleBoth * phase[side].wallMs) / shape.edits);
      sealed.destroy();
      fleets.splice(fleets.indexOf(sealed), 1);
      await new Promise((resolve) => setTimeout(resolve, UNLOAD_MS));
      context.progress('relay-fanout: relay CPU with the unencrypted fleet alone, connected and idle');
      const idlePerS = { sealed: idleSealed * 1000, plain: (await idleCpuPerMs(relayCpuMs, shape.idleMs, 0)) * 1000 };
      const workload = `relay-fanout (${shape.docs} boards × ${shape.laptops} laptops)`;
      const baseline = { label: '(unencrypted)' };
      return {
        lines: [
          { workload, metric: 'edit-to-seen p99', unit: 'ms', measured: { samples: p99.sealed }, baseline: { ...baseline, samples: p99.plain }, maxRatio: 1.2 },
          { workload, metric: 'relay CPU per edit (both nodes)', unit: 'ms', measured: { samples: cpu.sealed }, baseline: { ...baseline, samples: cpu.plain }, maxRatio: 1.2 },
          { workload, metric: 'relay CPU per second, idle (both nodes)', unit: 'ms', measured: { samples: [idlePerS.sealed] }, baseline: { ...baseline, samples: [idlePerS.plain] }, maxRatio: 1.2 },
        ],
        notes: [
          `relay-fanout: two relay node processes (Hocuspocus, one Redis, one data folder), ${shape.laptops} laptops in this process split between them, each holding the same ${shape.docs} boards; ${shape.edits} edits per side and run, one at a time, each by a random laptop on a random board, ` +
            `timed until each of the other ${shape.laptops - 1} laptops holds it (p99 over every edit and laptop; the two sides' edits alternate, edit by edit). Sealed: Tandem's RelayLink, every edit sealed (AES-256-GCM) into the board's envelope doc and opened on arrival. ` +
            `Unencrypted: the same nodes and laptops, a plain Hocuspocus provider per board. Relay CPU per edit is user + system time of both node processes over a further ${shape.edits} edits of one side alone, one every ${formatValue(CPU_PACE_MS, 'ms')} (or once the previous is seen, if later), so both sides' edits span the same seconds of the nodes' stores every 2 s (/proc, ${formatValue(msPerTick, 'ms')} ticks), less the idle rate of both fleets connected (read after the rounds) times that phase's length, divided by the edits. ` +
            `Idle: the nodes' CPU over ${formatValue(shape.idleMs, 'ms')} (whole periods of their 10 s Redis heal) with nobody typing and one fleet connected: sealed alone before the rounds (from 16 s after its first sync, past the first heartbeats), unencrypted alone after them, once the sealed laptops had gone and their docs were unloaded; Tandem's links carry one awareness heartbeat per laptop, the plain providers one per board per laptop, as the provider does by default. ` +
            `Medians: p99 sealed ${formatValue(median(p99.sealed), 'ms')}, unencrypted ${formatValue(median(p99.plain), 'ms')}; CPU per edit sealed ${formatValue(median(cpu.sealed), 'ms')}, unencrypted ${formatValue(median(cpu.plain), 'ms')}.`,
        ],
      };
    } finally {
      fleets.forEach((fleet) => fleet.destroy());
      for (const node of nodes) await node.stop('SIGKILL');
      await redis?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
