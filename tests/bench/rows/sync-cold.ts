// Row `sync-cold`: peer B holds nothing, peer A holds the standard feedback board; B is told
// to dial A (through a wire meter) and the clock runs from the TCP connect, handshake and
// encryption included, to equal content. Baseline: `Y.encodeStateAsUpdate` + `Y.applyUpdate`
// of the same board in one process, and that update's size for the bytes on the wire.
import * as Y from 'yjs';
import { LinkTestClient, waitFor } from '../../integration/support/link-test-client';
import { docHash } from '../../support/doc-hash';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { startLanHub, newBenchWorkspace, peerDataDir, writePeerData, type LanHub } from '../support/lan-hub';
import { timeSync, type SyncTiming } from '../support/lan-sync-timing';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin, timeOnce } from '../support/timing';
import { startWireMeter } from '../support/wire-meter';

export const SYNC_DOC_ID = 'bench.feedback-board';
const SYNC_DEADLINE_MS = 180_000;

export const syncColdRow: BenchRow = {
  name: 'sync-cold',
  description: 'empty peer B dials peer A holding the standard board over loopback (handshake + encryption), connect to equal content, vs encode + apply in one process',
  async run(context: BenchContext): Promise<RowReport> {
    const board = context.feedbackBoard();
    const state = Y.encodeStateAsUpdate(board.doc);
    const expected = Y.decodeStateVector(Y.encodeStateVector(board.doc));
    const expectedHash = docHash(board.doc);
    const workspace = newBenchWorkspace();
    const aDir = await peerDataDir('sync-cold-a');
    await writePeerData(aDir, workspace, new Map([[SYNC_DOC_ID, [state]]]));
    const hubA = await startLanHub({ dataDir: aDir, ownsDataDir: true });
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
            let hubB: LanHub | undefined;
            let link: LinkTestClient | undefined;
            try {
              const bDir = await peerDataDir('sync-cold-b');
              await writePeerData(bDir, workspace, new Map());
              hubB = await startLanHub({ dataDir: bDir, ownsDataDir: true });
              link = await LinkTestClient.connect(hubB.port, hubB.token);
              await waitFor(() => link?.hello !== null);
              const doc = link.open(SYNC_DOC_ID);
              const timing = await timeSync({ diallerLink: link, meter, savedOn: [hubA], watch: [doc], expected, deadlineMs: SYNC_DEADLINE_MS });
              if (docHash(doc) !== expectedHash) throw new Error("B's board differs from A's after sync");
              if (measuring) timings.push(timing);
              return timing.savedMs;
            } finally {
              link?.close();
              await hubB?.close();
            }
          },
        },
        { runs: context.runs, onRound: (round) => ((measuring = round >= 0), context.progress(round < 0 ? 'sync-cold: warm-up' : `sync-cold: run ${round + 1}/${context.runs}`)) },
      );
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
        ],
      };
    } finally {
      await meter.close();
      await hubA.close();
    }
  },
};
