// Row `memory`: a real peer process holding the standard board (1k, 10k and 30k cards in full
// runs), what it holds after a full GC (JS heap used plus array buffers: a board nobody has open
// is kept as its encoded bytes, which live outside the JS heap) against the board's encoded
// size. The board is on disk as one compacted record, which the peer loads at start; memory is
// read through the peer's inspector, and an empty peer started the same way says what the
// process costs with no board. Measured twice: the hub idle (nobody has the board open), and
// with the board open in a window (a local link holding it), for what a board in use costs.
import * as Y from 'yjs';
import { LinkTestClient, waitFor } from '../../integration/support/link-test-client';
import { newBenchWorkspace, peerDataDir, startLanHub, writePeerData, type BenchWorkspace } from '../support/lan-hub';
import { INSPECT_ARGS, inspectorUrl, peerMemoryAfterGc, type PeerMemory } from '../support/peer-heap';
import type { BenchContext, BenchLine, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median } from '../support/timing';

const DOC_ID = 'bench.feedback-board';

/**
 * Starts a peer on a data folder holding `state` (or nothing), reads its memory after GC, stops
 * it. With `open`, a window (a local link) has the board open and synced while it is read.
 */
async function peerMemory(workspace: BenchWorkspace, state: Uint8Array | null, open = false): Promise<PeerMemory> {
  const dir = await peerDataDir('memory');
  await writePeerData(dir, workspace, new Map(state ? [[DOC_ID, [state]]] : []));
  const hub = await startLanHub({ dataDir: dir, ownsDataDir: true, nodeArgs: INSPECT_ARGS });
  let window: LinkTestClient | null = null;
  try {
    if (open && state) {
      window = await LinkTestClient.connect(hub.port, hub.token);
      const board = window.open(DOC_ID);
      const want = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
      await waitFor(() => [...want].every(([client, clock]) => Y.getState(board.store, client) >= clock), 120_000);
    }
    // The peer loads every doc on disk before it says it is ready.
    return await peerMemoryAfterGc(inspectorUrl(hub.output()));
  } finally {
    window?.close();
    await hub.close();
  }
}

/** What the process holds for its data: the JS heap used and the array buffers outside it. */
const held = (memory: PeerMemory) => memory.heapUsed + memory.arrayBuffers;

const mb = (bytes: number) => formatValue(bytes, 'bytes');

export const memoryRow: BenchRow = {
  name: 'memory',
  description: 'a peer process holding the standard board (1k/10k/30k), heap used + array buffers after GC vs the encoded size, idle and with the board open',
  async run(context: BenchContext): Promise<RowReport> {
    const workspace = newBenchWorkspace();
    const empty: PeerMemory[] = [];
    const lines: BenchLine[] = [];
    const notes: string[] = [];
    for (const cards of context.growthCards) {
      const board = context.feedbackBoard(cards);
      const state = Y.encodeStateAsUpdate(board.doc);
      const loaded: PeerMemory[] = [];
      const opened: PeerMemory[] = [];
      for (let run = 0; run < context.runs; run++) {
        context.progress(`memory: ${cards / 1000}k cards, run ${run + 1}/${context.runs}`);
        loaded.push(await peerMemory(workspace, state));
        // Informative, and slow for a big board (a whole sync to a window): once per size.
        if (run === 0) opened.push(await peerMemory(workspace, state, true));
        if (empty.length < context.runs) empty.push(await peerMemory(workspace, null));
      }
      const workload = `memory (${(cards / 1000).toFixed(0)}k cards)`;
      const encoded = { samples: [state.length], label: '(encoded)' };
      const emptyHeld = median(empty.map(held));
      lines.push(
        { workload, metric: 'idle peer, heap used + array buffers after GC', unit: 'bytes', measured: { samples: loaded.map(held) }, baseline: encoded, maxRatio: 6 },
        { workload, metric: 'of it, beyond an empty peer', unit: 'bytes', measured: { samples: loaded.map((m) => held(m) - emptyHeld) }, baseline: encoded },
        { workload, metric: 'board open in a window, the same', unit: 'bytes', measured: { samples: opened.map(held) }, baseline: encoded },
      );
      const describe = (label: string, runs: PeerMemory[]) =>
        `${label}: heap used ${mb(median(runs.map((m) => m.heapUsed)))} of ${mb(median(runs.map((m) => m.heapTotal)))} allocated, external ${mb(median(runs.map((m) => m.external)))} (array buffers ${mb(median(runs.map((m) => m.arrayBuffers)))}), RSS ${mb(median(runs.map((m) => m.rss)))}`;
      notes.push(`memory (${cards / 1000}k): encoded ${mb(state.length)}; after GC (medians): ${describe('idle', loaded)}; ${describe('board open', opened)}; ${describe('an empty peer', empty)}.`);
    }
    notes.unshift(
      'memory: each run starts a real peer process (`peer.cjs --inspect=127.0.0.1:0`) on a data folder holding the board as one compacted record; the peer loads it before it says it is ready; the bench then forces two full GCs through the inspector and reads `process.memoryUsage()` inside the peer. Idle: nobody has the board open, so the peer keeps it dormant (its encoded bytes, outside the JS heap, hence heap + array buffers). Board open: a window (a local link) has synced the board, so the peer holds it as a Y.Doc. The target (≤ 6×) is for the idle 30k board.',
    );
    return { lines, notes };
  },
};
