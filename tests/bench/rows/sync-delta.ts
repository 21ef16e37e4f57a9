// Row `sync-delta`: peers A and B hold the standard board and have each made 1,000 edits while
// apart; B is told to dial A again (through a wire meter) and the clock runs from the TCP
// connect to equal content on both sides. Baseline: the two state-vector diffs encoded and
// applied in one process, and their sizes for the bytes on the wire.
import { cpSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as Y from 'yjs';
import { LinkTestClient, waitFor } from '../../integration/support/link-test-client';
import { docHash } from '../../support/doc-hash';
import { editCards, hasStateVector, replicaOf } from '../support/board-edits';
import { newBenchWorkspace, peerDataDir, startLanHub, writePeerData, type LanHub } from '../support/lan-hub';
import { addPeerRaces, timeSync, type SyncTiming } from '../support/lan-sync-timing';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin, timeOnce } from '../support/timing';
import { startWireMeter } from '../support/wire-meter';
import { SYNC_DOC_ID } from './sync-cold';

const EDITS_PER_SIDE = 1_000;
const SYNC_DEADLINE_MS = 120_000;
/** The laptops' client ids while apart (the board's own three are the generator's). */
const CLIENT_A = 0x0a0a0a;
const CLIENT_B = 0x0b0b0b;

/** A link client on `hub` with the board open and loaded up to `expected`. */
async function linkWithBoard(hub: LanHub, expected: ReadonlyMap<number, number>): Promise<{ link: LinkTestClient; doc: Y.Doc }> {
  const link = await LinkTestClient.connect(hub.port, hub.token);
  const doc = link.open(SYNC_DOC_ID);
  await waitFor(() => hasStateVector(doc, expected), 60_000);
  return { link, doc };
}

export const syncDeltaRow: BenchRow = {
  name: 'sync-delta',
  description: 'peers A and B each make 1,000 edits to the standard board while apart, then reconnect: connect to equal content, vs the two state-vector diffs encoded and applied',
  async run(context: BenchContext): Promise<RowReport> {
    const racesBefore = addPeerRaces.count;
    const board = context.feedbackBoard();
    const state = Y.encodeStateAsUpdate(board.doc);
    const apart = (clientId: number, seed: number) => {
      const doc = replicaOf([state], clientId);
      const edits = Y.mergeUpdates(editCards(doc, { cardIds: board.cardIds, ownerIds: board.ownerIds, count: EDITS_PER_SIDE, seed }));
      const vector = Y.decodeStateVector(Y.encodeStateVector(doc));
      doc.destroy();
      return { edits, vector };
    };
    const a = apart(CLIENT_A, context.seed + 1);
    const b = apart(CLIENT_B, context.seed + 2);
    const merged = replicaOf([state, a.edits, b.edits]);
    const expected = Y.decodeStateVector(Y.encodeStateVector(merged));
    const expectedHash = docHash(merged);
    merged.destroy();

    // Both data folders are written once and copied for each run, so every run starts apart.
    const workspace = newBenchWorkspace();
    const templates = { a: await peerDataDir('sync-delta-a'), b: await peerDataDir('sync-delta-b') };
    await writePeerData(templates.a, workspace, new Map([[SYNC_DOC_ID, [state, a.edits]]]));
    await writePeerData(templates.b, workspace, new Map([[SYNC_DOC_ID, [state, b.edits]]]));
    const timings: SyncTiming[] = [];
    const diffBytes: number[] = [];
    let measuring = false;
    try {
      const samples = await sampleRoundRobin(
        {
          baseline: async () => {
            const docA = replicaOf([state, a.edits]);
            const docB = replicaOf([state, b.edits]);
            let bytes = 0;
            const ms = await timeOnce(() => {
              const toB = Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB));
              const toA = Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA));
              Y.applyUpdate(docB, toB);
              Y.applyUpdate(docA, toA);
              bytes = toB.length + toA.length;
            });
            if (!hasStateVector(docA, expected) || !hasStateVector(docB, expected)) throw new Error('the baseline did not merge both sides');
            docA.destroy();
            docB.destroy();
            if (measuring) diffBytes.push(bytes);
            return ms;
          },
          peers: async () => {
            const hubs: LanHub[] = [];
            const links: LinkTestClient[] = [];
            try {
              const dirs = { a: await peerDataDir('sync-delta-run-a'), b: await peerDataDir('sync-delta-run-b') };
              cpSync(templates.a, dirs.a, { recursive: true });
              cpSync(templates.b, dirs.b, { recursive: true });
              const hubA = await startLanHub({ dataDir: dirs.a, ownsDataDir: true });
              hubs.push(hubA);
              const hubB = await startLanHub({ dataDir: dirs.b, ownsDataDir: true });
              hubs.push(hubB);
              const onA = await linkWithBoard(hubA, a.vector);
              links.push(onA.link);
              const onB = await linkWithBoard(hubB, b.vector);
              links.push(onB.link);
              const meter = await startWireMeter(hubA.lanPort);
              try {
                const timing = await timeSync({ dialler: hubB, diallerLink: onB.link, meter, savedOn: [hubA, hubB], watch: [onA.doc, onB.doc], expected, deadlineMs: SYNC_DEADLINE_MS });
                if (docHash(onA.doc) !== expectedHash || docHash(onB.doc) !== expectedHash) throw new Error('A and B differ from the expected merge after sync');
                if (measuring) timings.push(timing);
                return timing.savedMs;
              } finally {
                await meter.close();
              }
            } finally {
              for (const link of links) link.close();
              for (const hub of hubs) await hub.close();
            }
          },
        },
        { runs: context.runs, onRound: (round) => ((measuring = round >= 0), context.progress(round < 0 ? 'sync-delta: warm-up' : `sync-delta: run ${round + 1}/${context.runs}`)) },
      );
      const workload = `sync-delta (${(board.cardIds.length / 1000).toFixed(0)}k cards, ${EDITS_PER_SIDE.toLocaleString('en-US')} edits each side)`;
      const baseline = { samples: samples.baseline };
      const of = (pick: (t: SyncTiming) => number) => timings.map(pick);
      return {
        lines: [
          { workload, metric: 'connect to saved on both (nothing pending either way)', unit: 'ms', measured: { samples: samples.peers }, baseline, maxRatio: 1.5 },
          { workload, metric: "connect to in both renderer links", unit: 'ms', measured: { samples: of((t) => t.linkMs) }, baseline },
          { workload, metric: 'bytes on the wire, both ways', unit: 'bytes', measured: { samples: of((t) => t.toListener + t.toDialler) }, baseline: { samples: diffBytes, label: '(diffs)' }, maxRatio: 1.1 },
        ],
        notes: [
          `sync-delta: both peers hold the board (${formatValue(state.length, 'bytes')}) plus their own ${EDITS_PER_SIDE.toLocaleString('en-US')} edits (9 in 10 a field, 1 in 10 a description word, one transaction each; ${formatValue(a.edits.length, 'bytes')} and ${formatValue(b.edits.length, 'bytes')} merged), ` +
            `fresh processes on copies of the same two data folders each run, a link client on each with the board loaded before the clock. B is sent \`add-peer\` for a TCP relay in front of A; the clock runs from the relay's accept to both /healthz (polled every 5 ms) listing the other with nothing pending (each side fsynced and acknowledged the other's edits), ` +
            `and, on the second line, to both link clients holding the merged state vector. Content hashes compared after every run. Wire (median): A→B ${formatValue(median(of((t) => t.toDialler)), 'bytes')}, B→A ${formatValue(median(of((t) => t.toListener)), 'bytes')}; A's first handshake reply ${formatValue(median(of((t) => t.handshakeReplyMs)), 'ms')} after connect. ` +
            `Baseline bytes: the two diffs only (state vectors not counted).`,
          ...(addPeerRaces.count > racesBefore ? [`sync-delta: the peer answered \`add-peer\` with "internal" ${addPeerRaces.count - racesBefore} time(s): its own write of lan-peers.json raced the request's (writeJsonAtomic's temp name is per process); the address was added and dialled anyway, so those runs count.`] : []),
        ],
      };
    } finally {
      await rm(templates.a, { recursive: true, force: true });
      await rm(templates.b, { recursive: true, force: true });
    }
  },
};
