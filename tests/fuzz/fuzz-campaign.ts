// The fuzz campaign against one real hub process: it holds a workspace and a teammate's link
// (the legitimate client); each seeded case is sent through its door, and after every case the
// process must live, /healthz answer, the teammate's next write be acknowledged, and nothing but
// the teammate's own writes have reached the content. A failure names the seed and the case.
import net from 'node:net';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { decodeInvite } from '../../shared/lan/invite';
import { createGoal, updateGoal } from '../../shared/model';
import { LOCAL_ORIGIN } from '../../shared/model/origin';
import { LanHandshake } from '../../electron/peer/lan/handshake';
import { createLanHello } from '../../electron/peer/lan/hello';
import { encodeWelcome } from '../../electron/peer/lan/lan-messages';
import { DEFAULT_CHANNEL_LIMITS } from '../../electron/peer/lan/records';
import { createSecureConnection } from '../../electron/peer/lan/secure-channel';
import { createLogger } from '../../electron/peer/logger';
import { docsHash } from '../support/doc-hash';
import { removeDir, startHub, tempDataDir, type RunningHub } from '../support/hub';
import { LinkTestClient, waitFor } from '../integration/support/link-test-client';
import { freePort } from '../integration/support/tcp-relay';
import { fuzzCase, type FuzzCase, type FuzzSurface, type FuzzTargets } from './fuzz-cases';

export interface FuzzReport {
  readonly seed: number;
  readonly cases: number;
  readonly bySurface: Record<FuzzSurface, number>;
  /** Cases after which the hub had closed the connection by itself (the rest were cut by the campaign), by door. */
  readonly closedByHub: Record<FuzzSurface, number>;
  readonly escapedErrors: number;
  readonly contentHash: string;
}

/** How long a case's connection stays open for the hub to answer or close it. */
const CASE_WINDOW_MS = 25;
const quiet = createLogger(() => undefined);

export class FuzzFailure extends Error {
  constructor(seed: number, fuzz: FuzzCase | null, what: string, hubOutput: string) {
    super(`fuzz seed ${seed}${fuzz ? `, case ${fuzz.index} (${fuzz.description})` : ''}: ${what}\n--- hub output (tail) ---\n${hubOutput.slice(-3000)}`);
  }
}

/** Waits for `socket` to close, or `ms`; then makes sure it is closed. Resolves true if the hub closed it. */
function settle(closed: Promise<void>, ms: number, destroy: () => void): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      destroy();
      resolve(false);
    }, ms);
    void closed.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function sendRaw(port: number, payloads: readonly Uint8Array[]): Promise<boolean> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => {});
  socket.resume(); // read (and drop) what the hub answers, so its close is seen
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.once('connect', () => payloads.forEach((p) => socket.write(p)));
  return settle(closed, CASE_WINDOW_MS * 4, () => socket.destroy());
}

function sendOnLink(hub: RunningHub, frames: readonly Uint8Array[]): Promise<boolean> {
  const ws = new WebSocket(`ws://127.0.0.1:${hub.port}/link?token=${hub.token}`);
  ws.on('error', () => {});
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.once('open', () => frames.forEach((f) => ws.send(f)));
  return settle(closed, CASE_WINDOW_MS * 4, () => ws.terminate());
}

async function sendOnLan(lanPort: number, secret: Uint8Array, workspaceId: string, fuzz: FuzzCase): Promise<boolean> {
  const socket = net.connect({ host: '127.0.0.1', port: lanPort });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const hello = createLanHello({ appVersion: '0.0.0-fuzz', peerId: `p_fuzz${fuzz.index}`, workspaceId });
  const connection = createSecureConnection({ socket, role: 'initiator', secret, hello, logger: quiet, onFrame: () => {} });
  const opened = await Promise.race([connection.opened.then(() => true, () => false), new Promise<boolean>((r) => setTimeout(() => r(false), 3_000))]);
  if (!opened) {
    socket.destroy();
    throw new Error('an authenticated LAN connection could not be opened');
  }
  if (fuzz.welcomeFirst) connection.send(encodeWelcome({ memberId: null, device: 'fuzz', docs: [] }));
  for (const frame of fuzz.payloads) connection.send(frame);
  return settle(closed, CASE_WINDOW_MS, () => socket.destroy());
}

export interface FuzzOptions {
  readonly seed: number;
  readonly cases: number;
  readonly onProgress?: (done: number) => void;
}

export async function runFuzzCampaign({ seed, cases, onProgress }: FuzzOptions): Promise<FuzzReport> {
  const dataDir = tempDataDir();
  const lanPort = await freePort();
  const hub = await startHub({ dataDir, lanArgs: ['--lan-host', '127.0.0.1', '--lan-port', String(lanPort), '--no-discovery', '--create-workspace', 'Fuzz'] });
  const legit = await LinkTestClient.connect(hub.port, hub.token);
  try {
    const invite = decodeInvite((await hub.waitForOutput(/Invite: (\S+)/))[1] as string);
    await waitFor(() => legit.hello?.workspace != null);
    const workspaceId = invite.workspaceId;
    const workspace = legit.open(workspaceId);
    await waitFor(() => workspace.getMap('boards').size > 0);
    const boardId = [...workspace.getMap('boards').keys()][0] as string;
    const board = legit.open(boardId);
    await waitFor(() => board.getMap('meta').size > 0);
    const memberId = legit.hello?.workspace?.memberId as string;
    const goalId = createGoal(board, { title: 'Legit', team: 'shared', period: { kind: 'quarter', start: '2026-01-01', end: '2026-03-31' }, createdBy: memberId });
    await legit.waitSaved(boardId);

    // Only the teammate's own writes may change what it sees.
    let foreign = 0;
    const countForeign = (_update: Uint8Array, origin: unknown) => void (origin !== LOCAL_ORIGIN && foreign++);
    for (const doc of [workspace, board]) doc.on('update', countForeign);

    const targets: FuzzTargets = {
      hostPort: `127.0.0.1:${hub.port}`,
      token: hub.token,
      docs: { real: [workspaceId, boardId], scratch: 'b_fuzzscratch' },
      handshakeSample: () => new LanHandshake({ role: 'initiator', secret: invite.secret, hello: createLanHello({ appVersion: '0.0.0-fuzz', peerId: 'p_fuzzsample', workspaceId }), limits: DEFAULT_CHANNEL_LIMITS }).start().reduce((all, part) => Uint8Array.from([...all, ...part]), new Uint8Array(0)),
    };
    const bySurface: Record<FuzzSurface, number> = { http: 0, link: 0, 'lan-handshake': 0, 'lan-frames': 0 };
    const closedByHub: Record<FuzzSurface, number> = { http: 0, link: 0, 'lan-handshake': 0, 'lan-frames': 0 };
    for (let index = 0; index < cases; index++) {
      const fuzz = fuzzCase(seed, index, targets);
      const fail = (what: string): never => {
        throw new FuzzFailure(seed, fuzz, what, hub.output());
      };
      bySurface[fuzz.surface]++;
      let closed: boolean;
      if (fuzz.surface === 'http') closed = await sendRaw(hub.port, fuzz.payloads);
      else if (fuzz.surface === 'lan-handshake') closed = await sendRaw(lanPort, fuzz.payloads);
      else if (fuzz.surface === 'link') closed = await sendOnLink(hub, fuzz.payloads);
      else closed = await sendOnLan(lanPort, invite.secret, workspaceId, fuzz).catch((error: Error) => fail(error.message));
      if (closed) closedByHub[fuzz.surface]++;

      try {
        process.kill(hub.pid, 0);
      } catch {
        fail('the hub process died');
      }
      const health = await fetch(`http://127.0.0.1:${hub.port}/healthz`, { signal: AbortSignal.timeout(5_000) }).then((r) => (r.ok ? r.json() : null), () => null);
      if (!health?.ok) fail('/healthz did not answer');
      if (legit.closed) fail(`the teammate's link was closed (${legit.closeCode})`);
      updateGoal(board, { id: goalId, title: `Legit ${index}` });
      await legit.waitSaved(boardId).catch(() => fail("the teammate's write was not acknowledged"));
      if (foreign > 0) fail('the content changed under the teammate');
      onProgress?.(index + 1);
    }

    // A teammate connecting now reads exactly what the legitimate client wrote.
    const fresh = await LinkTestClient.connect(hub.port, hub.token);
    try {
      const freshDocs = new Map<string, Y.Doc>([[workspaceId, fresh.open(workspaceId)], [boardId, fresh.open(boardId)]]);
      const legitDocs = new Map<string, Y.Doc>([[workspaceId, workspace], [boardId, board]]);
      const expected = docsHash(legitDocs);
      await waitFor(() => docsHash(freshDocs) === expected, 10_000).catch(() => {
        throw new FuzzFailure(seed, null, 'a fresh reader sees other content than the teammate wrote', hub.output());
      });
      const health = (await (await fetch(`http://127.0.0.1:${hub.port}/healthz`, { signal: AbortSignal.timeout(5_000) })).json()) as { escapedErrors: { count: number } | null; protocolErrors: number };
      return { seed, cases, bySurface, closedByHub, escapedErrors: health.escapedErrors?.count ?? 0, contentHash: expected };
    } finally {
      fresh.close();
    }
  } finally {
    legit.close();
    // A hub that cannot stop within seconds (a socket left hanging by a bad request) is killed: the report matters more.
    const stopped = await Promise.race([hub.stop().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
    if (!stopped) await hub.stop('SIGKILL');
    removeDir(dataDir);
  }
}
