// Row `live-latency`: hubs A and B hold the standard board and are connected; a link client on
// A retitles cards at 20 Hz while 5 more hubs each have a window sending presence at 10 Hz;
// latency from the edit on A's link to the edit observed in a link client on B's hub (what B's
// renderer would see), p50 / p99 and edits lost, against a WebSocket echo of the same size in
// the same run and at the same time.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { logFileName } from '../../../electron/peer/store/doc-file-names';
import { LinkTestClient, waitFor } from '../../integration/support/link-test-client';
import { hasStateVector } from '../support/board-edits';
import { newBenchWorkspace, peerDataDir, startLanHub, writePeerData, type LanHub } from '../support/lan-hub';
import { moveWindows, PresenceWindow } from '../support/presence-window';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median } from '../support/timing';
import { startWsEcho } from '../support/ws-echo';
import { SYNC_DOC_ID } from './sync-cold';

const EDITS_PER_SECOND = 20;
const PRESENCE_PEERS = 5;
const PRESENCE_PER_SECOND = 10;
const STREAM_MS = { quick: 5_000, full: 30_000 };
const WARM_UP_MS = 2_000;
/** How long after the last edit one still counts as arriving rather than lost. */
const GRACE_MS = 3_000;
/** An edit this slow counts toward a stall in the notes' timeline. */
const SLOW_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

async function linkWithBoard(hub: LanHub, expected: ReadonlyMap<number, number>): Promise<{ link: LinkTestClient; doc: Y.Doc }> {
  const link = await LinkTestClient.connect(hub.port, hub.token);
  const doc = link.open(SYNC_DOC_ID);
  await waitFor(() => hasStateVector(doc, expected), 120_000);
  return { link, doc };
}

/** Retitles cards on `doc` at `perSecond` for `ms`, paced by elapsed time, stamping each in `sentAt` by sequence number. */
async function editStream(doc: Y.Doc, cardIds: readonly string[], sentAt: number[], perSecond: number, ms: number): Promise<number[]> {
  const items = doc.getMap<Y.Map<unknown>>('items');
  const seqs: number[] = [];
  const total = Math.floor((ms / 1000) * perSecond);
  const began = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - began) / 1000) * perSecond));
      while (seqs.length < due) {
        const seq = sentAt.length;
        sentAt.push(performance.now());
        seqs.push(seq);
        items.get(cardIds[seq % cardIds.length] as string)?.set('title', `live ${seq}`);
      }
      if (seqs.length >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1000 / perSecond / 2);
  });
  return seqs;
}

export const liveLatencyRow: BenchRow = {
  name: 'live-latency',
  description: `A retitles cards at ${EDITS_PER_SECOND} Hz while ${PRESENCE_PEERS} more peers send presence at ${PRESENCE_PER_SECOND} Hz: edit on A's link to seen in B's link, p50 / p99 and lost, vs a WebSocket echo of the same size`,
  async run(context: BenchContext): Promise<RowReport> {
    const streamMs = context.quick ? STREAM_MS.quick : STREAM_MS.full;
    const board = context.feedbackBoard();
    const state = Y.encodeStateAsUpdate(board.doc);
    const vector = Y.decodeStateVector(Y.encodeStateVector(board.doc));
    const workspace = newBenchWorkspace();
    const hubs: LanHub[] = [];
    const links: LinkTestClient[] = [];
    const windows: PresenceWindow[] = [];
    const echo = await startWsEcho();
    try {
      const start = async (name: string, peers: readonly LanHub[]) => {
        const dir = await peerDataDir(`live-latency-${name}`);
        await writePeerData(dir, workspace, new Map([[SYNC_DOC_ID, [state]]]));
        const hub = await startLanHub({ dataDir: dir, ownsDataDir: true, peers: peers.map((p) => `127.0.0.1:${p.lanPort}`) });
        hubs.push(hub);
        return hub;
      };
      context.progress(`live-latency: starting A, B and ${PRESENCE_PEERS} presence peers`);
      const hubA = await start('a', []);
      const hubB = await start('b', [hubA]);
      for (let i = 0; i < PRESENCE_PEERS; i++) await start(`p${i}`, [hubA, hubB]);
      const meshStarted = Date.now();
      while ((await hubA.connectedPeers()).length < PRESENCE_PEERS + 1 || (await hubB.connectedPeers()).length < PRESENCE_PEERS + 1) {
        if (Date.now() - meshStarted > 60_000) throw new Error('A and B never connected to every peer');
        await sleep(200);
      }
      const editor = await linkWithBoard(hubA, vector);
      links.push(editor.link);
      const observer = await linkWithBoard(hubB, vector);
      links.push(observer.link);
      for (const [i, hub] of hubs.slice(2).entries()) windows.push(await PresenceWindow.open(hub, `m_bench${i}`, 'b_bench'));

      const sentAt: number[] = [];
      const latency = new Map<number, number>();
      observer.doc.getMap('items').observeDeep((events) => {
        const now = performance.now();
        for (const event of events) {
          if (!(event.target instanceof Y.Map) || !(event as Y.YMapEvent<unknown>).keysChanged.has('title')) continue;
          const seq = Number(/^live (\d+)$/.exec(String(event.target.get('title')))?.[1] ?? Number.NaN);
          const at = sentAt[seq];
          if (at !== undefined && !latency.has(seq)) latency.set(seq, now - at);
        }
      });
      // The size of one edit as the link carries it: the update plus the frame's doc id and types.
      let editBytes = 0;
      const measureEdit = (update: Uint8Array) => (editBytes = update.length + SYNC_DOC_ID.length + 4);
      editor.doc.once('update', measureEdit);

      // A peer's doc log shrinks when the peer compacts it (the whole board encoded and written
      // again), so stalls can be matched with compactions.
      const logs = [['A', hubA], ['B', hubB]].map(([name, hub]) => ({ name: name as string, path: join((hub as LanHub).dataDir, 'docs', logFileName(SYNC_DOC_ID)), size: 0 }));
      const sizeOf = (path: string) => {
        try {
          return statSync(path).size;
        } catch {
          return 0;
        }
      };
      const round = async (ms: number) => {
        const began = performance.now();
        const compactions: string[] = [];
        for (const log of logs) log.size = sizeOf(log.path);
        const watch = setInterval(() => {
          for (const log of logs) {
            const size = sizeOf(log.path);
            if (size < log.size) compactions.push(`${log.name} +${((performance.now() - began) / 1000).toFixed(1)} s`);
            log.size = size;
          }
        }, 50);
        const [seqs, , echoed] = await Promise.all([
          editStream(editor.doc, board.cardIds, sentAt, EDITS_PER_SECOND, ms),
          moveWindows(windows, PRESENCE_PER_SECOND, ms),
          echo.stream({ bytes: Math.max(editBytes, 40), perSecond: EDITS_PER_SECOND, ms, graceMs: GRACE_MS }),
        ]);
        const waitUntil = performance.now() + GRACE_MS;
        while (seqs.some((seq) => !latency.has(seq)) && performance.now() < waitUntil) await sleep(20);
        clearInterval(watch);
        const seen = seqs.flatMap((seq) => (latency.has(seq) ? [latency.get(seq) as number] : []));
        // Slow edits in bursts: consecutive sends at most 250 ms apart.
        const bursts: { at: number; edits: number; worst: number }[] = [];
        let last = Number.NEGATIVE_INFINITY;
        for (const seq of seqs) {
          const ms = latency.get(seq) ?? Number.POSITIVE_INFINITY;
          if (ms < SLOW_MS) continue;
          const at = (sentAt[seq] as number) - began;
          const burst = at - last <= 250 ? bursts[bursts.length - 1] : undefined;
          if (burst) Object.assign(burst, { edits: burst.edits + 1, worst: Math.max(burst.worst, ms) });
          else bursts.push({ at, edits: 1, worst: ms });
          last = at;
        }
        const stalls = bursts.map((b) => `+${(b.at / 1000).toFixed(1)} s ×${b.edits} (worst ${formatValue(b.worst, 'ms')})`);
        return { edits: seqs.length, seen, lost: seqs.length - seen.length, echo: echoed, timeline: `slow edits (≥ ${SLOW_MS} ms) ${stalls.join(', ') || 'none'}; compactions ${compactions.join(', ') || 'none'}` };
      };

      context.progress(`live-latency: warm-up (${WARM_UP_MS / 1000} s)`);
      await round(WARM_UP_MS);
      const p50: number[] = [];
      const p99: number[] = [];
      const lost: number[] = [];
      const echoP50: number[] = [];
      const echoP99: number[] = [];
      let echoLost = 0;
      let edits = 0;
      let worst = 0;
      const timelines: string[] = [];
      for (let run = 0; run < context.runs; run++) {
        context.progress(`live-latency: run ${run + 1}/${context.runs} (${streamMs / 1000} s)`);
        const result = await round(streamMs);
        p50.push(percentile(result.seen, 0.5));
        p99.push(percentile(result.seen, 0.99));
        lost.push(result.lost);
        echoP50.push(percentile(result.echo.rtts, 0.5));
        echoP99.push(percentile(result.echo.rtts, 0.99));
        echoLost += result.echo.lost;
        edits += result.edits;
        worst = Math.max(worst, ...result.seen);
        timelines.push(`run ${run + 1}: ${result.timeline}`);
      }
      const workload = `live-latency (${(board.cardIds.length / 1000).toFixed(0)}k cards, ${EDITS_PER_SECOND} Hz + ${PRESENCE_PEERS}×${PRESENCE_PER_SECOND} Hz presence)`;
      const p99Target = 2 * median(echoP99) + 2;
      return {
        lines: [
          { workload, metric: "edit on A's link to seen in B's link, p50", unit: 'ms', measured: { samples: p50 }, baseline: { samples: echoP50, label: '(echo p50)' } },
          { workload, metric: "edit on A's link to seen in B's link, p99", unit: 'ms', measured: { samples: p99 }, baseline: { samples: echoP99, label: '(echo p99)' }, maxValue: p99Target, targetLabel: `≤ 2× echo p99 + 2 ms (${formatValue(p99Target, 'ms')})` },
          { workload, metric: 'edits lost (not seen within 3 s)', unit: 'count', measured: { samples: lost }, maxValue: 0 },
        ],
        notes: [
          `live-latency: ${hubs.length} hub processes (LAN on loopback, --no-discovery), all holding the board; B dials A, each presence peer dials A and B (a star, not a full mesh). ` +
            `A link client on A retitles a card ${EDITS_PER_SECOND} times a second (one transaction each, ${editBytes} B a frame); "seen" is when B's link client (B's renderer, what the user sees) has applied it: A's peer applies it and relays it over the LAN from its update event (the fsync runs beside, not before), B's peer does the same towards its link. ` +
            `Meanwhile one window on each of the ${PRESENCE_PEERS} presence peers changes its presence ${PRESENCE_PER_SECOND} times a second; A's and B's links receive those too. Baseline: a ws echo server in its own process, ${Math.max(editBytes, 40)} B messages at ${EDITS_PER_SECOND} Hz in the same seconds, round trip (${echoLost} lost). ` +
            `${context.runs} runs of ${streamMs / 1000} s after a ${WARM_UP_MS / 1000} s warm-up, ${edits} edits measured; the table shows the median of the runs' percentiles; per run p99 ${p99.map((v) => formatValue(v, 'ms')).join(', ')}; worst single edit ${formatValue(worst, 'ms')}. All timing in the bench process, which hosts every client.`,
          `live-latency timeline (offsets from each run's start): ${timelines.join('; ')}.`,
        ],
      };
    } finally {
      for (const window of windows) window.close();
      for (const link of links) link.close();
      for (const hub of hubs) await hub.close();
      await echo.close();
    }
  },
};
