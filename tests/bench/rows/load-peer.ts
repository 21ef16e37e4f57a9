// Row `load-peer`: the peer opening the standard board from its store on disk, open to
// ready, against `Y.applyUpdate` of the same state from memory, each timed in a new Node
// process (support/load-peer-process.ts). The store is written the way a peer fills it: the
// edit history appended in batches, one compaction, more appends.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import type { PeerLogger } from '../../../electron/peer/logger';
import { ReplicaStore } from '../../../electron/peer/store/replica-store';
import type { StoreLogger } from '../../../electron/peer/store/replica-store';
import { logFileName } from '../../../electron/peer/store/doc-file-names';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import type { LoadPeerResult } from '../support/load-peer-process';
import { median, sampleRoundRobin } from '../support/timing';

const DOC_ID = 'bench.feedback-board';
/** The history reaches the store in this many appends, as a sync session would deliver it. */
const APPEND_BATCHES = 200;
/** The store is compacted once, after this many of the batches; the rest follow as appends. */
const COMPACT_AFTER_BATCHES = 150;

const quietLogger: PeerLogger & StoreLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The history merged into `count` consecutive batches (one update each). */
function batchesOf(history: readonly Uint8Array[], count: number): Uint8Array[] {
  const size = Math.ceil(history.length / count);
  const batches: Uint8Array[] = [];
  for (let at = 0; at < history.length; at += size) batches.push(Y.mergeUpdates(history.slice(at, at + size)));
  return batches;
}

/** Writes the batches to a new store in `dir`, compacting after `compactAfter` of them if given. */
async function fillStore(dir: string, batches: readonly Uint8Array[], compactAfter?: number): Promise<{ records: number; bytes: number }> {
  const store = await ReplicaStore.open(dir, { logger: quietLogger });
  const replay = new Y.Doc({ gc: true });
  try {
    for (const [index, batch] of batches.entries()) {
      await store.append(DOC_ID, batch);
      if (compactAfter === undefined) continue;
      Y.applyUpdate(replay, batch);
      // What the peer's Replica does: the doc's whole state replaces the log.
      if (index + 1 === compactAfter) await store.compact(DOC_ID, Y.encodeStateAsUpdate(replay));
    }
    return { records: compactAfter === undefined ? batches.length : 1 + batches.length - compactAfter, bytes: (await stat(join(dir, 'docs', logFileName(DOC_ID)))).size };
  } finally {
    replay.destroy();
    await store.close();
  }
}

const PROCESS_SCRIPT = fileURLToPath(new URL('../support/load-peer-process.ts', import.meta.url));

/** One timed step of the row in a new Node process (support/load-peer-process.ts). */
function inNewProcess(mode: 'apply' | 'open' | 'read', path: string): LoadPeerResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', PROCESS_SCRIPT, mode, path, DOC_ID], { encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`load-peer: the ${mode} process failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as LoadPeerResult;
}

/** Opens the doc with a fresh store and Replica in a new process; only `new Replica` → `open` is on the clock. */
function timeReplicaOpen(dir: string, expected: { stateVector: Buffer; cards: number }): number {
  const opened = inNewProcess('open', dir);
  if (opened.warnings) throw new Error('the bench store reported damage');
  if (opened.items !== expected.cards || opened.stateVector !== expected.stateVector.toString('base64')) {
    throw new Error('the replica opened from the store does not hold the generated board');
  }
  return opened.ms;
}

/** The row at one board size. */
async function measureBoard(context: BenchContext, cards: number): Promise<RowReport> {
  const board = context.feedbackBoard(cards);
  const state = Y.encodeStateAsUpdate(board.doc);
  const expected = { stateVector: Buffer.from(Y.encodeStateVector(board.doc)), cards: board.cardIds.length };
  const root = await mkdtemp(join(tmpdir(), 'tandem-bench-load-peer-'));
  try {
    context.progress(`load-peer (${cards / 1000}k): writing ${board.history.length.toLocaleString('en-US')} updates to the store in ${APPEND_BATCHES} appends`);
    const batches = batchesOf(board.history, APPEND_BATCHES);
    const compacted = await fillStore(join(root, 'compacted'), batches, COMPACT_AFTER_BATCHES);
    const uncompacted = await fillStore(join(root, 'uncompacted'), batches);
    const stateFile = join(root, 'state.bin');
    await writeFile(stateFile, state);

    const samples = await sampleRoundRobin(
      {
        baseline: async () => inNewProcess('apply', stateFile).ms,
        compacted: async () => timeReplicaOpen(join(root, 'compacted'), expected),
        uncompacted: async () => timeReplicaOpen(join(root, 'uncompacted'), expected),
        readCompacted: async () => inNewProcess('read', join(root, 'compacted')).ms,
        readUncompacted: async () => inNewProcess('read', join(root, 'uncompacted')).ms,
      },
      { runs: context.runs, onRound: (round) => context.progress(`load-peer (${cards / 1000}k): ${round < 0 ? 'warm-up' : `run ${round + 1}/${context.runs}`}`) },
    );
    const workload = `load-peer (${(board.cardIds.length / 1000).toFixed(0)}k cards)`;
    const baseline = { samples: samples.baseline };
    return {
      lines: [
        { workload, metric: `open to ready (${compacted.records} records, compacted)`, unit: 'ms', measured: { samples: samples.compacted }, baseline, maxRatio: 1.2 },
        { workload, metric: `open to ready (${uncompacted.records} records, never compacted)`, unit: 'ms', measured: { samples: samples.uncompacted }, baseline },
      ],
      notes: [
        `load-peer (${cards / 1000}k): encoded state ${formatValue(state.length, 'bytes')} from ${board.history.length.toLocaleString('en-US')} transactions; log ${formatValue(compacted.bytes, 'bytes')} compacted, ${formatValue(uncompacted.bytes, 'bytes')} never compacted. ` +
          `Each timing runs in a new Node process (startup and reading its input off the clock), as a peer opening the board at start does: the baseline times only Y.applyUpdate of the pre-encoded state into a new Y.Doc; the store is read from the OS page cache (files just written), with a fresh ReplicaStore + Replica per run. ` +
          `Of open to ready, ReplicaStore.loadDoc alone (read + checksums) takes ${formatValue(median(samples.readCompacted), 'ms')} compacted, ${formatValue(median(samples.readUncompacted), 'ms')} never compacted.`,
      ],
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export const loadPeerRow: BenchRow = {
  name: 'load-peer',
  description: 'peer store opens the standard board (1k/10k/30k) from disk, open to ready, vs Y.applyUpdate from memory',
  async run(context: BenchContext): Promise<RowReport> {
    const reports: RowReport[] = [];
    for (const cards of context.growthCards) reports.push(await measureBoard(context, cards));
    return { lines: reports.flatMap((r) => r.lines), notes: reports.flatMap((r) => r.notes ?? []) };
  },
};
