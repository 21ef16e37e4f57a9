// Row `sync-cold`: peer B holds nothing, peer A holds the standard feedback board; B is told
// to dial A (through a wire meter) and the clock runs from the TCP connect, handshake and
// encryption included, to equal content. Baseline: `Y.encodeStateAsUpdate` + `Y.applyUpdate`
// of the same board in one process, and that update's size for the bytes on the wire.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { LinkTestClient, waitFor } from '../../integration/support/link-test-client';
import { docHash } from '../../support/doc-hash';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { newBenchWorkspace, peerDataDir, startLanHub, writePeerData, type BenchWorkspace, type LanHub } from '../support/lan-hub';
import { timeSync, type SyncTiming } from '../support/lan-sync-timing';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin, timeOnce } from '../support/timing';
import { cpuProfileArgs, describeWindow, profileWindow } from '../support/peer-profile';
import { startWireMeter, type WireMeter } from '../support/wire-meter';

export const SYNC_DOC_ID = 'bench.feedback-board';
const SYNC_DEADLINE_MS = 180_000;

/** One cold sync: a fresh empty B with a link client on the board dials `hubA` through `meter`. */
async function coldSync(hubA: LanHub, meter: WireMeter, workspace: BenchWorkspace, expected: { vector: Map<number, number>; hash: string }, nodeArgs?: readonly string[]): Promise<SyncTiming> {
  let hubB: LanHub | undefined;
  let link: LinkTestClient | undefined;
  try {
    const bDir = await peerDataDir('sync-cold-b');
    await writePeerData(bDir, workspace, new Map());
    hubB = await startLanHub({ dataDir: bDir, ownsDataDir: true, ...(nodeArgs ? { nodeArgs } : {}) });
    const client = await LinkTestClient.connect(hubB.port, hubB.token);
    link = client;
    await waitFor(() => client.hello !== null);
    const doc = client.open(SYNC_DOC_ID);
    const timing = await timeSync({ diallerLink: client, meter, savedOn: [hubA], watch: [doc], expected: expected.vector, deadlineMs: SYNC_DEADLINE_MS });
    if (docHash(doc) !== expected.hash) throw new Error("B's board differs from A's after sync");
    return timing;
  } finally {
    link?.close();
    await hubB?.close();
  }
}

/** One more cold sync with both peers under `--cpu-prof`, never timed: where each spent the window. */
async function profiledColdSync(aDir: string, workspace: BenchWorkspace, expected: { vector: Map<number, number>; hash: string }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-bench-profile-'));
  try {
    const hubA = await startLanHub({ dataDir: aDir, nodeArgs: cpuProfileArgs(dir, 'a') });
    let timing: SyncTiming;
    const meter = await startWireMeter(hubA.lanPort);
    try {
      timing = await coldSync(hubA, meter, workspace, expected, cpuProfileArgs(dir, 'b'));
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

export const syncColdRow: BenchRow = {
  name: 'sync-cold',
  description: 'empty peer B dials peer A holding the standard board over loopback (handshake + encryption), connect to equal content, vs encode + apply in one process',
  async run(context: BenchContext): Promise<RowReport> {
    const board = context.feedbackBoard();
    const state = Y.encodeStateAsUpdate(board.doc);
    const expected = { vector: Y.decodeStateVector(Y.encodeStateVector(board.doc)), hash: docHash(board.doc) };
    const workspace = newBenchWorkspace();
    const aDir = await peerDataDir('sync-cold-a');
    await writePeerData(aDir, workspace, new Map([[SYNC_DOC_ID, [state]]]));
    const hubA = await startLanHub({ dataDir: aDir });
    const meter = await startWireMeter(hubA.lanPort);
    const timings: SyncTiming[] = [];
    let measuring = false;
    try {
      const samples = await sampleRoundRobin(
        {
          baseline: () =>
            timeOnce(() => {
              const doc = new Y.Doc();
              Y.applyUpdate(doc, Y.encodeStateAsUpdate(board.doc));
              doc.destroy();
            }),
          peers: async () => {
            const timing = await coldSync(hubA, meter, workspace, expected);
            if (measuring) timings.push(timing);
            return timing.savedMs;
          },
        },
        { runs: context.runs, onRound: (round) => ((measuring = round >= 0), context.progress(round < 0 ? 'sync-cold: warm-up' : `sync-cold: run ${round + 1}/${context.runs}`)) },
      );
      await meter.close();
      await hubA.close();
      context.progress('sync-cold: one more run under --cpu-prof (not timed)');
      const profile = await profiledColdSync(aDir, workspace, expected);
      const workload = `sync-cold (${(board.cardIds.length / 1000).toFixed(0)}k cards)`;
      const baseline = { samples: samples.baseline };
      const of = (pick: (t: SyncTiming) => number) => timings.map(pick);
      return {
        lines: [
          { workload, metric: 'connect to saved on B (A sees nothing pending)', unit: 'ms', measured: { samples: samples.peers }, baseline, maxRatio: 1.25 },
          { workload, metric: "connect to in B's renderer link", unit: 'ms', measured: { samples: of((t) => t.linkMs) }, baseline },
          { workload, metric: 'bytes on the wire, both ways', unit: 'bytes', measured: { samples: of((t) => t.toListener + t.toDialler) }, baseline: { samples: [state.length], label: '(update)' }, maxRatio: 1.05 },
        ],
        notes: [
          `sync-cold: A holds the board as one compacted record (${formatValue(state.length, 'bytes')} encoded); each run starts a fresh empty B (off the clock), opens the board in a link client on B, then sends B the renderer's \`add-peer\` request for a TCP relay in front of A. ` +
            `The clock starts at the relay's TCP accept (the dialer's 250 ms tick before it, median ${formatValue(median(of((t) => t.dialMs)), 'ms')}, is excluded) and stops when A's /healthz (polled every 5 ms) lists B with nothing pending, i.e. B has fsynced the whole board and acknowledged it; ` +
            `"in B's renderer link" stops when the link client's doc holds A's state vector (B's peer applied it and relayed it to the link, which applied it again). Content hashes compared after every run. ` +
            `Wire (median): A→B ${formatValue(median(of((t) => t.toDialler)), 'bytes')}, B→A ${formatValue(median(of((t) => t.toListener)), 'bytes')}; A's first handshake reply ${formatValue(median(of((t) => t.handshakeReplyMs)), 'ms')} after connect. Baseline: encode + apply of the generated board in the bench process.`,
          profile,
        ],
      };
    } finally {
      await meter.close();
      await hubA.close();
      await rm(aDir, { recursive: true, force: true });
    }
  },
};
