// Row `presence-fanout`: 10 real hub processes in a full mesh on loopback, one window (a link
// client with a y-protocols Awareness) on each moving between items at 30 Hz: awareness messages
// each window receives per second against the ideal (N − 1) × rate; then no movement at all,
// and the messages each window receives per remote window, against one per 15 s (renewals).
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { newBenchWorkspace, peerDataDir, startLanHub, writePeerData, type LanHub } from '../support/lan-hub';
import { moveWindows, PresenceWindow } from '../support/presence-window';
import { formatValue } from '../support/table';
import { median } from '../support/timing';

const PEERS = 10;
const MOVES_PER_SECOND = 30;
const MOVING_MS = { quick: 3_000, full: 10_000 };
const IDLE_MS = { quick: 16_000, full: 30_000 };
const MESH_DEADLINE_MS = 60_000;
const RENEWAL_PERIOD_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `count` hubs of one workspace, each dialling every hub started before it. */
export async function startMesh(count: number, name: string, progress: (message: string) => void): Promise<LanHub[]> {
  const workspace = newBenchWorkspace();
  const hubs: LanHub[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const dir = await peerDataDir(`${name}-${i}`);
      await writePeerData(dir, workspace, new Map());
      hubs.push(await startLanHub({ dataDir: dir, ownsDataDir: true, peers: hubs.map((hub) => `127.0.0.1:${hub.lanPort}`) }));
    }
    progress(`${name}: ${count} hubs started, waiting for the full mesh`);
    const started = Date.now();
    for (;;) {
      const degrees = await Promise.all(hubs.map(async (hub) => (await hub.connectedPeers()).length));
      if (degrees.every((d) => d === count - 1)) return hubs;
      if (Date.now() - started > MESH_DEADLINE_MS) throw new Error(`no full mesh after ${MESH_DEADLINE_MS / 1000} s: connected peers per hub ${degrees.join(', ')}`);
      await sleep(200);
    }
  } catch (error) {
    for (const hub of hubs) await hub.close();
    throw error;
  }
}

export const presenceFanoutRow: BenchRow = {
  name: 'presence-fanout',
  description: `${PEERS} hubs in a full mesh, one window each moving at ${MOVES_PER_SECOND} Hz: presence messages received per window per second vs (N − 1) × rate; idle: per remote window vs 1 per 15 s`,
  async run(context: BenchContext): Promise<RowReport> {
    const movingMs = context.quick ? MOVING_MS.quick : MOVING_MS.full;
    const idleMs = context.quick ? IDLE_MS.quick : IDLE_MS.full;
    const hubs = await startMesh(PEERS, 'presence-fanout', context.progress);
    const windows: PresenceWindow[] = [];
    try {
      for (const [i, hub] of hubs.entries()) windows.push(await PresenceWindow.open(hub, `m_bench${i}`, 'b_bench'));
      // Every window has heard of every other before the count starts.
      const started = Date.now();
      while (!windows.every((w) => w.entriesByClient.size >= PEERS - 1)) {
        if (Date.now() - started > 20_000) throw new Error(`windows never saw each other: ${windows.map((w) => w.entriesByClient.size).join(', ')}`);
        await sleep(50);
      }
      const moving: number[] = [];
      const rounds = context.runs;
      let sentPerWindow = 0;
      for (let round = 0; round < rounds; round++) {
        context.progress(`presence-fanout: moving ${round + 1}/${rounds} (${movingMs / 1000} s at ${MOVES_PER_SECOND} Hz)`);
        for (const window of windows) window.resetCounts();
        const moves = await moveWindows(windows, MOVES_PER_SECOND, movingMs);
        sentPerWindow = moves;
        // What is still in flight when movement stops belongs to this round.
        await sleep(500);
        for (const window of windows) moving.push(window.frames / (movingMs / 1000));
      }
      await sleep(2_000);
      context.progress(`presence-fanout: idle for ${idleMs / 1000} s`);
      for (const window of windows) window.resetCounts();
      await sleep(idleMs);
      const perRemote: number[] = [];
      for (const window of windows) {
        for (const other of windows) if (other !== window) perRemote.push(((window.entriesByClient.get(other.clientId) ?? 0) * RENEWAL_PERIOD_MS) / idleMs);
      }
      const idleFrames = windows.map((w) => w.frames);
      const ideal = (PEERS - 1) * MOVES_PER_SECOND;
      const workload = `presence-fanout (${PEERS} hubs, full mesh)`;
      return {
        lines: [
          { workload, metric: `messages received per window per second, ${MOVES_PER_SECOND} Hz each`, unit: 'count', measured: { samples: moving }, baseline: { samples: [ideal], label: '(ideal)' }, maxRatio: 1.1 },
          { workload, metric: 'idle: messages per remote window per 15 s (max)', unit: 'count', measured: { samples: [Math.max(...perRemote)] }, maxValue: 1, targetLabel: '≤ 1 per 15 s' },
        ],
        notes: [
          `presence-fanout: ${PEERS} hub processes (LAN on loopback, --no-discovery, each dialling every hub started before it), one link client per hub with a y-protocols Awareness whose state {memberId, boardId, itemId, field} changes item every move. ` +
            `Moving: ${rounds} rounds of ${movingMs / 1000} s; ${sentPerWindow} moves per window per round (${(sentPerWindow / (movingMs / 1000)).toFixed(1)}/s); received counted at the link clients (what a renderer gets) over the round plus 500 ms; median over ${moving.length} window-rounds, min ${formatValue(Math.min(...moving), 'count')}, max ${formatValue(Math.max(...moving), 'count')}. ` +
            `Idle: ${idleMs / 1000} s with no movement (y-protocols renews a state every 15 s); frames per window ${formatValue(median(idleFrames), 'count')} median, per remote window per 15 s median ${median(perRemote).toFixed(2)}, max ${Math.max(...perRemote).toFixed(2)}.`,
        ],
      };
    } finally {
      for (const window of windows) window.close();
      for (const hub of hubs) await hub.close();
    }
  },
};
