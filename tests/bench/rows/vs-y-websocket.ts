// Row `vs-y-websocket`: the standard board synced cold from one process to an empty one through
// the stack people would otherwise pick (`@y/websocket-server` holding the board, a fresh Node
// process with a `y-websocket` client, no encryption, no persistence), against Tandem hub → hub
// (handshake, encryption, B's fsync and acknowledgement) measured in the same rounds with
// sync-cold's own runs. Every clock runs from the TCP accept at a wire meter in front of the
// process holding the board; target: Tandem ≤ 1.0× in time and bytes.
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { docHash } from '../../support/doc-hash';
import { newBenchWorkspace, peerDataDir, startLanHub, writePeerData } from '../support/lan-hub';
import type { SyncTiming } from '../support/lan-sync-timing';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { collectGarbage, median, sampleRoundRobin } from '../support/timing';
import { startWireMeter, type WireMeter } from '../support/wire-meter';
import type { ConnectMessage, ProcessMessage } from '../support/y-websocket-process';
import { coldSync, SYNC_DOC_ID } from './sync-cold';

const PROCESS_SCRIPT = fileURLToPath(new URL('../support/y-websocket-process.ts', import.meta.url));
const SYNC_DEADLINE_MS = 180_000;

interface Pull {
  readonly ms: number;
  /** Connect to the board's bytes reaching the client (the rest of `ms` is their apply there). */
  readonly bytesMs: number | null;
  readonly bytes: number;
}

function startProcess(args: readonly string[]): { child: ChildProcess; next: (type: ProcessMessage['type']) => Promise<ProcessMessage> } {
  const child = fork(PROCESS_SCRIPT, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const received: ProcessMessage[] = [];
  const waiters: (() => void)[] = [];
  child.on('message', (message: ProcessMessage) => {
    received.push(message);
    waiters.splice(0).forEach((wake) => wake());
  });
  const next = (type: ProcessMessage['type']) =>
    new Promise<ProcessMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the y-websocket ${args[0]} process sent no "${type}" within ${SYNC_DEADLINE_MS / 1000} s`)), SYNC_DEADLINE_MS);
      const check = () => {
        const at = received.findIndex((m) => m.type === type);
        if (at >= 0) {
          clearTimeout(timer);
          resolve(received.splice(at, 1)[0] as ProcessMessage);
        } else waiters.push(check);
      };
      child.once('exit', (code) => reject(new Error(`the y-websocket ${args[0]} process exited with ${code}`)));
      check();
    });
  return { child, next };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** One fresh empty y-websocket client process (started off the clock) pulling the board through `meter`. */
async function yWebsocketPull(meter: WireMeter, expected: { vector: Map<number, number>; hash: string }): Promise<Pull> {
  const client = startProcess(['client']);
  try {
    await client.next('ready');
    meter.reset();
    collectGarbage();
    const synced = client.next('synced') as Promise<{ bytesAt: number | null }>;
    const connect: ConnectMessage = { url: `ws://${meter.address}`, docName: SYNC_DOC_ID, vector: [...expected.vector] };
    client.child.send(connect);
    const { bytesAt } = await synced;
    const at = performance.now();
    const wire = meter.count();
    if (wire.connectedAt === null) throw new Error('the y-websocket client synced without connecting through the meter');
    const hash = (await client.next('hash')) as { hash: string };
    if (hash.hash !== expected.hash) throw new Error("the y-websocket client's board differs from the generated one");
    return { ms: at - wire.connectedAt, bytesMs: bytesAt === null ? null : bytesAt - performance.timeOrigin - wire.connectedAt, bytes: wire.toListener + wire.toDialler };
  } finally {
    await stop(client.child);
  }
}

export const vsYWebsocketRow: BenchRow = {
  name: 'vs-y-websocket',
  description: 'the standard board synced cold to an empty process: Tandem hub → hub vs @y/websocket-server + a y-websocket client, same rounds',
  async run(context: BenchContext): Promise<RowReport> {
    const board = context.feedbackBoard();
    const state = Y.encodeStateAsUpdate(board.doc);
    const expected = { vector: Y.decodeStateVector(Y.encodeStateVector(board.doc)), hash: docHash(board.doc) };
    const workspace = newBenchWorkspace();
    const aDir = await peerDataDir('vs-y-websocket-a');
    const stateFile = join(aDir, 'bench-state.bin');
    writeFileSync(stateFile, state);
    await writePeerData(aDir, workspace, new Map([[SYNC_DOC_ID, [state]]]));
    const hubA = await startLanHub({ dataDir: aDir });
    const server = startProcess(['server', stateFile, SYNC_DOC_ID]);
    const meters: WireMeter[] = [];
    try {
      const { port } = (await server.next('ready')) as { port: number };
      const yMeter = await startWireMeter(port);
      meters.push(yMeter);
      const tandemMeter = await startWireMeter(hubA.lanPort);
      meters.push(tandemMeter);
      const pulls: Pull[] = [];
      const timings: SyncTiming[] = [];
      const rendererTimings: SyncTiming[] = [];
      let measuring = false;
      const samples = await sampleRoundRobin(
        {
          yWebsocket: async () => {
            const pull = await yWebsocketPull(yMeter, expected);
            if (measuring) pulls.push(pull);
            return pull.ms;
          },
          tandemSaved: async () => {
            const timing = await coldSync(hubA, tandemMeter, workspace, expected, { watchLink: false });
            if (measuring) timings.push(timing);
            return timing.savedMs;
          },
          tandemRenderer: async () => {
            const timing = await coldSync(hubA, tandemMeter, workspace, expected, { watchLink: true });
            if (measuring) rendererTimings.push(timing);
            return timing.linkMs;
          },
        },
        { runs: context.runs, onRound: (round) => ((measuring = round >= 0), context.progress(round < 0 ? 'vs-y-websocket: warm-up' : `vs-y-websocket: run ${round + 1}/${context.runs}`)) },
      );
      const workload = `vs-y-websocket (${(board.cardIds.length / 1000).toFixed(0)}k cards)`;
      const baseline = { samples: samples.yWebsocket, label: '(y-websocket)' };
      const tandemBytes = timings.map((t) => t.toListener + t.toDialler);
      const split = (label: string, total: readonly number[], bytesIn: readonly (number | null)[]) => {
        const known = bytesIn.filter((ms): ms is number => ms !== null);
        if (known.length === 0) return `${label}: the board's bytes never seen arriving`;
        const at = median(known);
        return `${label}: the board's bytes in at ${formatValue(at, 'ms')}, held at ${formatValue(median(total), 'ms')} (${formatValue(median(total) - at, 'ms')} applying them)`;
      };
      return {
        lines: [
          { workload, metric: 'connect to saved and acknowledged on B', unit: 'ms', measured: { samples: samples.tandemSaved }, baseline, maxRatio: 1.0 },
          { workload, metric: "connect to the board in B's renderer", unit: 'ms', measured: { samples: samples.tandemRenderer }, baseline, maxRatio: 1.0 },
          { workload, metric: 'bytes on the wire, both ways', unit: 'bytes', measured: { samples: tandemBytes }, baseline: { samples: pulls.map((p) => p.bytes), label: '(y-websocket)' }, maxRatio: 1.0 },
        ],
        notes: [
          `vs-y-websocket: the same ${formatValue(state.length, 'bytes')} board, same rounds. y-websocket: a \`@y/websocket-server\` 0.1.1 process holds it (applied from memory at start, no persistence) and each run forks a fresh Node process (off the clock until it is loaded) with an empty Y.Doc and a \`y-websocket\` 3.1.0 provider; ` +
            `the clock runs from the TCP accept at a meter in front of the server to the client process's IPC message that its doc holds the board's state vector (the client's own "renderer": in that stack the browser holds the doc). ` +
            `Tandem: sync-cold's runs (fresh empty hub B dials hub A, Noise handshake + AES-GCM), to A seeing B's acknowledgement of the fsynced board, and in runs of their own to a link client on B (B's renderer) holding the board, in a fresh Node process of its own as the y-websocket client is. ` +
            `Medians: y-websocket ${formatValue(median(samples.yWebsocket), 'ms')} and ${formatValue(median(pulls.map((p) => p.bytes)), 'bytes')}; Tandem saved ${formatValue(median(samples.tandemSaved), 'ms')}, renderer ${formatValue(median(samples.tandemRenderer), 'ms')}, ${formatValue(median(tandemBytes), 'bytes')}. Content hashes compared after every run.`,
          `vs-y-websocket: where the time goes, medians from the connect — ${split('y-websocket client', samples.yWebsocket, pulls.map((p) => p.bytesMs))}; ${split("Tandem, B's renderer", samples.tandemRenderer, rendererTimings.map((t) => t.linkBytesMs))}; in those runs (the board open in B's window, so B's peer stores it first and applies it after the window: Replica.storeAhead) saved and acknowledged on B at ${rendererTimings.length > 0 ? formatValue(median(rendererTimings.map((t) => t.savedMs)), 'ms') : '—'}.`,
        ],
      };
    } finally {
      for (const meter of meters) await meter.close();
      await stop(server.child);
      await hubA.close();
      await rm(aDir, { recursive: true, force: true });
    }
  },
};
