// Row `memory`: a real peer process holding the standard board (1k, 10k and 30k cards in full
// runs), its heap used after a full GC against the board's encoded size. The board is on disk
// as one compacted record, which the peer loads at start; the heap is read through the peer's
// inspector, and an empty peer started the same way says what the process costs with no board.
import * as Y from 'yjs';
import { newBenchWorkspace, peerDataDir, startLanHub, writePeerData, type BenchWorkspace } from '../support/lan-hub';
import { INSPECT_ARGS, inspectorUrl, peerMemoryAfterGc, type PeerMemory } from '../support/peer-heap';
import type { BenchContext, BenchLine, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median } from '../support/timing';

const DOC_ID = 'bench.feedback-board';

/** Starts a peer on a data folder holding `state` (or nothing), reads its memory after GC, stops it. */
async function peerMemory(workspace: BenchWorkspace, state: Uint8Array | null): Promise<PeerMemory> {
  const dir = await peerDataDir('memory');
  await writePeerData(dir, workspace, new Map(state ? [[DOC_ID, [state]]] : []));
  const hub = await startLanHub({ dataDir: dir, ownsDataDir: true, nodeArgs: INSPECT_ARGS });
  try {
    // The peer loads every doc on disk before it says it is ready.
    return await peerMemoryAfterGc(inspectorUrl(hub.output()));
  } finally {
    await hub.close();
  }
}

const mb = (bytes: number) => formatValue(bytes, 'bytes');

export const memoryRow: BenchRow = {
  name: 'memory',
  description: 'a peer process holding the standard board (1k/10k/30k), heap used after GC vs the encoded size',
  async run(context: BenchContext): Promise<RowReport> {
    const workspace = newBenchWorkspace();
    const empty: PeerMemory[] = [];
    const lines: BenchLine[] = [];
    const notes: string[] = [];
    for (const cards of context.growthCards) {
      const board = context.feedbackBoard(cards);
      const state = Y.encodeStateAsUpdate(board.doc);
      const loaded: PeerMemory[] = [];
      for (let run = 0; run < context.runs; run++) {
        context.progress(`memory: ${cards / 1000}k cards, run ${run + 1}/${context.runs}`);
        loaded.push(await peerMemory(workspace, state));
        if (empty.length < context.runs) empty.push(await peerMemory(workspace, null));
      }
      const workload = `memory (${(cards / 1000).toFixed(0)}k cards)`;
      const encoded = { samples: [state.length], label: '(encoded)' };
      const emptyHeap = median(empty.map((m) => m.heapUsed));
      lines.push(
        { workload, metric: 'peer heap used after GC', unit: 'bytes', measured: { samples: loaded.map((m) => m.heapUsed) }, baseline: encoded, maxRatio: 6 },
        { workload, metric: 'of it, beyond an empty peer', unit: 'bytes', measured: { samples: loaded.map((m) => m.heapUsed - emptyHeap) }, baseline: encoded },
      );
      notes.push(
        `memory (${cards / 1000}k): encoded ${mb(state.length)}; peer after GC (medians): heap used ${mb(median(loaded.map((m) => m.heapUsed)))} of ${mb(median(loaded.map((m) => m.heapTotal)))} allocated, ` +
          `external ${mb(median(loaded.map((m) => m.external)))} (array buffers ${mb(median(loaded.map((m) => m.arrayBuffers)))}), RSS ${mb(median(loaded.map((m) => m.rss)))}; an empty peer: heap used ${mb(emptyHeap)}, RSS ${mb(median(empty.map((m) => m.rss)))}.`,
      );
    }
    notes.unshift(
      'memory: each run starts a real peer process (`peer.cjs --inspect=127.0.0.1:0`) on a data folder holding the board as one compacted record; the peer loads it before it says it is ready; the bench then forces two full GCs through the inspector and reads `process.memoryUsage()` inside the peer. The target (≤ 6×) is for the 30k board.',
    );
    return { lines, notes };
  },
};
