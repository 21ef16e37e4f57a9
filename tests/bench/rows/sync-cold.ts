// Row `sync-cold`: peer B holds nothing, peer A holds the standard feedback board; B is told
// to dial A (through a wire meter) and the clock runs from the TCP connect, handshake and
// encryption included, to equal content. Baseline: `Y.encodeStateAsUpdate` + `Y.applyUpdate`
// of the same board in one process, and that update's size for the bytes on the wire.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { LinkTestClient, waitFor } from '../../integration/support/link-test-client';
import { startLinkProcess, type LinkProcess } from '../support/link-process';
import { docHash } from '../../support/doc-hash';
import { ReplicaStore, type StoreLogger } from '../../../electron/peer/store/replica-store';
import { hasStateVector } from '../support/board-edits';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { newBenchWorkspace, peerDataDir, startLanHub, writePeerData, type BenchWorkspace, type LanHub } from '../support/lan-hub';
import { addPeerRaces, timeSync, type SyncTiming } from '../support/lan-sync-timing';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin, timeOnce } from '../support/timing';
import { cpuProfileArgs, describeWindow, profileWindow } from '../support/peer-profile';
import { startWireMeter, type WireMeter } from '../support/wire-meter';

export const SYNC_DOC_ID = 'bench.feedback-board';
const SYNC_DEADLINE_MS = 180_000;
const quietLogger: StoreLogger = { info: () => undefined, warn: () => undefined };

/**
 * One cold sync: a fresh empty B dials `hubA` through `meter`. With `watchLink`, a link client
 * on B in a process of its own (B's renderer: link-process.ts) has the board open from the start
 * and its arrival there is timed; without, the bench's link client opens the board only after
 * the clock stops, to compare content.
 */
export async function coldSync(hubA: LanHub, meter: WireMeter, workspace: BenchWorkspace, expected: { vector: Map<number, number>; hash: string }, options: { watchLink: boolean; nodeArgs?: readonly string[] }): Promise<SyncTiming> {
  let hubB: LanHub | undefined;
  let link: LinkTestClient | undefined;
  let renderer: LinkProcess | undefined;
  try {
    const bDir = await peerDataDir('sync-cold-b');
    await writePeerData(bDir, workspace, new Map());
    hubB = await startLanHub({ dataDir: bDir, ownsDataDir: true, ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) });
    const client = await LinkTestClient.connect(hubB.port, hubB.token);
    link = client;
    await waitFor(() => client.hello !== null);
    if (options.watchLink) renderer = await startLinkProcess({ port: hubB.port, token: hubB.token, docId: SYNC_DOC_ID, vector: [...expected.vector] }, SYNC_DEADLINE_MS);
    const timing = await timeSync({ dialler: hubB, diallerLink: client, meter, savedOn: [hubA], watch: [], arrivals: renderer ? [renderer] : [], expected: expected.vector, deadlineMs: SYNC_DEADLINE_MS });
    let hash: string;
    if (renderer) hash = await renderer.hash();
    else {
      const doc = client.open(SYNC_DOC_ID);
      await waitFor(() => hasStateVector(doc, expected.vector), SYNC_DEADLINE_MS);
      hash = docHash(doc);
    }
    if (hash !== expected.hash) throw new Error("B's board differs from A's after sync");
    return timing;
  } finally {
    link?.close();
    await renderer?.close();
    await hubB?.close();
  }
}

/** Milliseconds a new Node process takes to apply the update in `file` to a doc with an update listener (startup and reading off the clock). */
function applyInNewProcess(file: string): number {
  const script = `const Y = require(${JSON.stringify(createRequire(import.meta.url).resolve('yjs'))});
const state = new Uint8Array(require('node:fs').readFileSync(${JSON.stringify(file)}));
const doc = new Y.Doc();
doc.on('update', () => undefined);
const started = performance.now();
Y.applyUpdate(doc, state);
process.stdout.write(String(performance.now() - started));`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
  const ms = Number(result.stdout);
  if (result.status !== 0 || !Number.isFinite(ms)) throw new Error(`the apply in a new process failed: ${result.stderr}`);
  return ms;
}

/** One more cold sync with both peers under `--cpu-prof`, never timed: where each spent the window. */
async function profiledColdSync(aDir: string, workspace: BenchWorkspace, expected: { vector: Map<number, number>; hash: string }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-bench-profile-'));
  try {
    const hubA = await startLanHub({ dataDir: aDir, nodeArgs: cpuProfileArgs(dir, 'a') });
    let timing: SyncTiming;
    const meter = await startWireMeter(hubA.lanPort);
    try {
      timing = await coldSync(hubA, meter, workspace, expected, { watchLink: false, nodeArgs: cpuProfileArgs(dir, 'b') });
    } finally {
      await meter.close();
      await hubA.close();
    }
    const { fromMicros, toMicros } = timing.window;
    return `sync-cold profile (one extra run under --cpu-prof, ${formatValue(timing.savedMs, 'ms')} to saved): A ${describeWindow(profileWindow(dir, 'a', fromMicros, toMicros))}. B ${describeWindow(profileWindow(dir, 'b', fromMicros, toMicros))}.`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The row at one board size; `detailed` adds the parts of the work and a profiled run (the standard board). */
async function measureBoard(context: BenchContext, cards: number, detailed: boolean): Promise<RowReport> {
  const racesBefore = addPeerRaces.count;
  const board = context.feedbackBoard(cards);
  const state = Y.encodeStateAsUpdate(board.doc);
  const expected = { vector: Y.decodeStateVector(Y.encodeStateVector(board.doc)), hash: docHash(board.doc) };
  const workspace = newBenchWorkspace();
  const aDir = await peerDataDir('sync-cold-a');
  await writePeerData(aDir, workspace, new Map([[SYNC_DOC_ID, [state]]]));
  const hubA = await startLanHub({ dataDir: aDir });
  const meter = await startWireMeter(hubA.lanPort);
  const stateFile = join(aDir, 'bench-state.bin');
  writeFileSync(stateFile, state);
  const timings: SyncTiming[] = [];
  let measuring = false;
  try {
    // Parts of the work, for the notes: what the peers do beyond the baseline.
    const parts: Record<string, () => Promise<number>> = detailed
      ? {
          encode: () => timeOnce(() => Y.encodeStateAsUpdate(board.doc)),
          apply: () => {
            const doc = new Y.Doc();
            return timeOnce(() => Y.applyUpdate(doc, state)).finally(() => doc.destroy());
          },
          applyObserved: () => {
            // A replica listens for updates (to persist and relay them), so Yjs encodes the applied update again.
            const doc = new Y.Doc();
            doc.on('update', () => undefined);
            return timeOnce(() => Y.applyUpdate(doc, state)).finally(() => doc.destroy());
          },
          // The same apply in a new Node process (cold JIT, small heap), as B is when it receives the board.
          coldApply: async () => applyInNewProcess(stateFile),
          // The store's append (write + fsync) of the whole board, as B's replica does on receiving it.
          persist: async () => {
            const dir = await mkdtemp(join(tmpdir(), 'tandem-bench-persist-'));
            const store = await ReplicaStore.open(dir, { logger: quietLogger });
            try {
              return await timeOnce(() => store.append(SYNC_DOC_ID, state));
            } finally {
              await store.close();
              await rm(dir, { recursive: true, force: true });
            }
          },
        }
      : {};
    const samples: Partial<Record<string, number[]>> = await sampleRoundRobin(
      {
        baseline: () =>
          timeOnce(() => {
            const doc = new Y.Doc();
            Y.applyUpdate(doc, Y.encodeStateAsUpdate(board.doc));
            doc.destroy();
          }),
        ...parts,
        peers: async () => {
          const timing = await coldSync(hubA, meter, workspace, expected, { watchLink: false });
          if (measuring) timings.push(timing);
          return timing.savedMs;
        },
        peersWithRenderer: async () => (await coldSync(hubA, meter, workspace, expected, { watchLink: true })).linkMs,
      },
      { runs: context.runs, onRound: (round) => ((measuring = round >= 0), context.progress(`sync-cold (${cards / 1000}k): ${round < 0 ? 'warm-up' : `run ${round + 1}/${context.runs}`}`)) },
    );
    await meter.close();
    await hubA.close();
    const at = (name: string) => median(samples[name] ?? []);
    const profile: string[] = [];
    if (detailed) {
      context.progress('sync-cold: one more run under --cpu-prof (not timed)');
      profile.push(await profiledColdSync(aDir, workspace, expected));
    }
    const workload = `sync-cold (${(board.cardIds.length / 1000).toFixed(0)}k cards)`;
    const baseline = { samples: samples.baseline ?? [] };
    const of = (pick: (t: SyncTiming) => number) => timings.map(pick);
    return {
      lines: [
        { workload, metric: 'connect to saved on B (A sees nothing pending)', unit: 'ms', measured: { samples: samples.peers ?? [] }, baseline, maxRatio: 1.25 },
        { workload, metric: "connect to in B's renderer link (own runs, board open on B)", unit: 'ms', measured: { samples: samples.peersWithRenderer ?? [] }, baseline },
        { workload, metric: 'bytes on the wire, both ways', unit: 'bytes', measured: { samples: of((t) => t.toListener + t.toDialler) }, baseline: { samples: [state.length], label: '(update)' }, maxRatio: 1.05 },
      ],
      notes: [
        `sync-cold (${cards / 1000}k): A holds the board as one compacted record (${formatValue(state.length, 'bytes')} encoded); each run starts a fresh empty B (off the clock) with a link client, then sends B the renderer's \`add-peer\` request for a TCP relay in front of A. ` +
          `The clock starts at the relay's TCP accept (the dialer's 250 ms tick before it, median ${formatValue(median(of((t) => t.dialMs)), 'ms')}, is excluded) and stops when A's /healthz (polled every 5 ms) lists B with nothing pending, i.e. B has fsynced the whole board and acknowledged it; ` +
          `"in B's renderer link" is timed in runs of its own where a link client in a Node process of its own (as a window's renderer is; support/link-process.ts) has the board open before the connect, and stops when the bench hears from it that it holds A's state vector (B's peer relayed the bytes to it as they came and applied them too); in the other runs the bench's link opens the board after the clock stops. Content hashes compared after every run. ` +
          `Wire (median): A→B ${formatValue(median(of((t) => t.toDialler)), 'bytes')}, B→A ${formatValue(median(of((t) => t.toListener)), 'bytes')}; A's first handshake reply ${formatValue(median(of((t) => t.handshakeReplyMs)), 'ms')} after connect. Baseline: encode + apply of the generated board in the bench process` +
          (detailed
            ? ` (encode alone ${formatValue(at('encode'), 'ms')}, apply alone ${formatValue(at('apply'), 'ms')}, apply into a doc with an update listener, as a replica's is, ${formatValue(at('applyObserved'), 'ms')}; the same in a new Node process ${formatValue(at('coldApply'), 'ms')}; the store's append + fsync of the whole update ${formatValue(at('persist'), 'ms')}).`
            : '.'),
        ...profile,
        ...(addPeerRaces.count > racesBefore ? [`sync-cold: the peer answered \`add-peer\` with "internal" ${addPeerRaces.count - racesBefore} time(s): its own write of lan-peers.json raced the request's (writeJsonAtomic's temp name is per process); the address was added and dialled anyway, so those runs count.`] : []),
      ],
    };
  } finally {
    await meter.close();
    await hubA.close();
    await rm(aDir, { recursive: true, force: true });
  }
}

export const syncColdRow: BenchRow = {
  name: 'sync-cold',
  description: 'empty peer B dials peer A holding the standard board (1k/10k/30k) over loopback (handshake + encryption), connect to equal content, vs encode + apply in one process',
  async run(context: BenchContext): Promise<RowReport> {
    const reports: RowReport[] = [];
    for (const cards of context.growthCards) reports.push(await measureBoard(context, cards, cards === context.boardCards));
    return { lines: reports.flatMap((r) => r.lines), notes: reports.flatMap((r) => r.notes ?? []) };
  },
};
