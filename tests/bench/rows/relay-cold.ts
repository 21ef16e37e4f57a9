// Row `relay-cold`: a new laptop pulls the standard board through the company relay. Peer A
// holds the board and has sealed it into the relay (a real relay node process); each run starts
// a fresh empty peer B with the board open in its link, then tells it to use the relay (through
// a wire meter in front of the node), and the clock runs from the meter accepting B's
// connection to B's peer saying the whole board is on its disk (sync-cold also starts at the
// connect; the request-to-connect time is shown beside it). Baseline: the LAN `sync-cold` of
// the same board in the same run (an empty B dialling A), for time and for bytes on the wire.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { LinkTestClient, waitFor } from '../../integration/support/link-test-client';
import { docHash } from '../../support/doc-hash';
import { startRelayProcess, type RunningRelayNode } from '../../support/relay-node';
import { hasStateVector } from '../support/board-edits';
import { newBenchWorkspace, peerDataDir, startLanHub, writePeerData, type BenchWorkspace, type LanHub } from '../support/lan-hub';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin } from '../support/timing';
import { startWireMeter, type WireMeter } from '../support/wire-meter';
import { coldSync, SYNC_DOC_ID } from './sync-cold';

const PULL_DEADLINE_MS = 180_000;

interface Pull {
  /** The relay connection accepted to the board saved on B. */
  readonly ms: number;
  /** The Network view's request to that connection. */
  readonly connectMs: number;
  readonly bytes: number;
}

/** True when the peer says it has `docId` on disk up to `vector`. */
function savedUpTo(client: LinkTestClient, docId: string, vector: Map<number, number>): boolean {
  const saved = client.saved.get(docId);
  if (!saved) return false;
  const have = Y.decodeStateVector(saved);
  for (const [id, clock] of vector) if ((have.get(id) ?? 0) < clock) return false;
  return true;
}

/** One fresh empty laptop, told to use the relay at `meter`, until the board is saved on it. */
async function relayPull(meter: WireMeter, workspace: BenchWorkspace, expected: { vector: Map<number, number>; hash: string }): Promise<Pull> {
  let hubB: LanHub | undefined;
  const links: LinkTestClient[] = [];
  try {
    const bDir = await peerDataDir('relay-cold-b');
    await writePeerData(bDir, workspace, new Map());
    hubB = await startLanHub({ dataDir: bDir, ownsDataDir: true });
    const hub = hubB;
    const connectLink = async () => {
      const client = await LinkTestClient.connect(hub.port, hub.token);
      links.push(client);
      await waitFor(() => client.hello !== null);
      return client;
    };
    // B's window has the board open (which is how B knows to pull it), but the board it is sent
    // is not applied here: this process keeps the clock, and applying 12 MB would hold the
    // `saved` frame back by a second. The content is compared through a second window after.
    const window = await connectLink();
    window.openForSavedOnly(SYNC_DOC_ID);
    await waitFor(() => window.saved.has(SYNC_DOC_ID), 30_000);
    meter.reset();
    const started = performance.now();
    const response = (await window.request('set-relay', { url: `ws://${meter.address}` })) as { ok: boolean };
    if (!response.ok) throw new Error('the peer refused the relay address');
    await waitFor(() => savedUpTo(window, SYNC_DOC_ID, expected.vector), PULL_DEADLINE_MS);
    const savedAt = performance.now();
    const { toListener, toDialler, connectedAt } = meter.count();
    if (connectedAt === null) throw new Error('B saved the board without connecting to the relay');
    const doc = (await connectLink()).open(SYNC_DOC_ID);
    await waitFor(() => hasStateVector(doc, expected.vector), PULL_DEADLINE_MS);
    if (docHash(doc) !== expected.hash) throw new Error("B's board differs from A's after the relay pull");
    return { ms: savedAt - connectedAt, connectMs: connectedAt - started, bytes: toListener + toDialler };
  } finally {
    for (const link of links) link.close();
    await hubB?.close();
  }
}

export const relayColdRow: BenchRow = {
  name: 'relay-cold',
  description: 'a new laptop pulls the standard board through a relay node (sealed, end to end), connect to saved, vs the LAN sync-cold of the same run',
  async run(context: BenchContext): Promise<RowReport> {
    const board = context.feedbackBoard();
    const state = Y.encodeStateAsUpdate(board.doc);
    const expected = { vector: Y.decodeStateVector(Y.encodeStateVector(board.doc)), hash: docHash(board.doc) };
    const workspace = newBenchWorkspace();
    const relayDir = await mkdtemp(join(tmpdir(), 'tandem-bench-relay-'));
    const aDir = await peerDataDir('relay-cold-a');
    let relay: RunningRelayNode | undefined;
    let hubA: LanHub | undefined;
    let relayMeter: WireMeter | undefined;
    let lanMeter: WireMeter | undefined;
    try {
      relay = await startRelayProcess({ dataDir: relayDir, name: 'bench-relay' });
      await writePeerData(aDir, workspace, new Map([[SYNC_DOC_ID, [state]]]));
      hubA = await startLanHub({ dataDir: aDir, hubArgs: ['--relay', relay.url] });
      relayMeter = await startWireMeter(relay.port);
      lanMeter = await startWireMeter(hubA.lanPort);
      const [relayM, lanM, a] = [relayMeter, lanMeter, hubA];
      const pulls: Pull[] = [];
      const lanBytes: number[] = [];
      let measuring = false;
      const samples = await sampleRoundRobin(
        {
          relay: async () => {
            const pull = await relayPull(relayM, workspace, expected);
            if (measuring) pulls.push(pull);
            return pull.ms;
          },
          lan: async () => {
            const timing = await coldSync(a, lanM, workspace, expected, { watchLink: false });
            if (measuring) lanBytes.push(timing.toListener + timing.toDialler);
            return timing.savedMs;
          },
        },
        { runs: context.runs, onRound: (round) => ((measuring = round >= 0), context.progress(round < 0 ? 'relay-cold: warm-up (A has sealed the board into the relay by now)' : `relay-cold: run ${round + 1}/${context.runs}`)) },
      );
      const workload = `relay-cold (${(board.cardIds.length / 1000).toFixed(0)}k cards)`;
      return {
        lines: [
          { workload, metric: 'relay connect to saved on B', unit: 'ms', measured: { samples: samples.relay }, baseline: { samples: samples.lan, label: '(LAN sync-cold)' }, maxRatio: 1.5 },
          { workload, metric: 'Network view request to relay connect (info)', unit: 'ms', measured: { samples: pulls.map((p) => p.connectMs) } },
          { workload, metric: 'bytes on the wire to and from the relay', unit: 'bytes', measured: { samples: pulls.map((p) => p.bytes) }, baseline: { samples: lanBytes, label: '(LAN sync-cold)' }, maxRatio: 1.2 },
        ],
        notes: [
          `relay-cold: a relay node process (Hocuspocus, file storage, no Redis) holds the board as A sealed it (AES-256-GCM; ${formatValue(state.length, 'bytes')} encoded). Each run starts a fresh empty B with a link client that has the board open (its frames of the board are dropped unread, so that this process, which keeps the clock, does not spend a second applying the board while B's \`saved\` frame waits; a second link compares the content after the clock stops), then sends the Network view's \`set-relay\` request naming a TCP meter in front of the node; ` +
            `the clock runs from the meter accepting B's connection (then the WebSocket upgrade, the relay's auth hook, the envelope's sync, opening and applying the sealed blobs, B's fsync) to B's peer telling its link the whole board is saved, as sync-cold's runs from the connect. ` +
            `The time from the request to that connect (saving the relay address, starting the provider) is the info line. ` +
            `The baseline is the LAN sync-cold in the same rounds: B dials A through a meter, clock from the TCP accept to A seeing B hold everything. Medians: relay ${formatValue(median(samples.relay), 'ms')}, LAN ${formatValue(median(samples.lan), 'ms')}; bytes relay ${formatValue(median(pulls.map((p) => p.bytes)), 'bytes')}, LAN ${formatValue(median(lanBytes), 'bytes')}. Content hashes compared after every run.`,
        ],
      };
    } finally {
      await relayMeter?.close();
      await lanMeter?.close();
      await hubA?.close();
      await relay?.stop('SIGKILL');
      await rm(aDir, { recursive: true, force: true });
      await rm(relayDir, { recursive: true, force: true });
    }
  },
};
