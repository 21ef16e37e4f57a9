// Real peer processes for the LAN rows (sync-cold, sync-delta, live-latency, presence-fanout):
// the built `peer.cjs`, copied once per bench run so a rebuild mid-run cannot change what is
// measured, started on a data folder the bench fills beforehand (docs, identity and the
// workspace's LAN secret), LAN side on loopback with no mDNS, and read through /healthz.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../../electron/peer/files';
import { saveWorkspaceSecret } from '../../../electron/peer/lan/workspace-secret';
import { ReplicaStore, type StoreLogger } from '../../../electron/peer/store/replica-store';

const quietLogger: StoreLogger = { info: () => undefined, warn: () => undefined };
const HUB_START_DEADLINE_MS = 120_000;

let copiedPeer: string | undefined;

/** `dist/peer/peer.cjs` copied out of dist/ on first use. */
export function benchPeerBinary(): string {
  if (!copiedPeer) {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-peer-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'peer'));
    cpSync(join('dist', 'peer', 'peer.cjs'), join(dir, 'peer', 'peer.cjs'));
    // The source map too, when there is one, so profiles name source files.
    if (existsSync(join('dist', 'peer', 'peer.cjs.map'))) cpSync(join('dist', 'peer', 'peer.cjs.map'), join(dir, 'peer', 'peer.cjs.map'));
    copiedPeer = join(dir, 'peer', 'peer.cjs');
  }
  return copiedPeer;
}

/** One workspace the bench's peers share: its id and LAN secret. */
export interface BenchWorkspace {
  readonly id: string;
  readonly secret: Uint8Array;
}

export function newBenchWorkspace(): BenchWorkspace {
  return { id: `w_bench${randomBytes(6).toString('hex')}`, secret: new Uint8Array(randomBytes(32)) };
}

/** A data folder as a peer of `workspace` leaves it: each doc's updates as log records, identity, secret. */
export async function writePeerData(dataDir: string, workspace: BenchWorkspace, docs: ReadonlyMap<string, readonly Uint8Array[]>): Promise<void> {
  const store = await ReplicaStore.open(dataDir, { logger: quietLogger });
  try {
    for (const [docId, updates] of docs) for (const update of updates) await store.append(docId, update);
  } finally {
    await store.close();
  }
  await writeJsonAtomic(join(dataDir, 'peer.json'), { peerId: `p_bench${randomBytes(6).toString('hex')}` });
  await writeJsonAtomic(join(dataDir, 'workspace.json'), { id: workspace.id, memberId: `m_bench${randomBytes(4).toString('hex')}`, createdAt: Date.UTC(2025, 0, 6, 9) });
  await saveWorkspaceSecret(dataDir, workspace.id, workspace.secret);
}

export interface HealthPeer {
  readonly peerId: string;
  readonly address: string;
  readonly pendingChanges: number;
}

export interface LanHub {
  readonly port: number;
  readonly token: string;
  readonly lanPort: number;
  readonly dataDir: string;
  readonly pid: number;
  /** The LAN peers /healthz lists as connected. */
  connectedPeers(): Promise<HealthPeer[]>;
  /** Everything the process printed (warnings and errors; info is quiet). */
  output(): string;
  close(): Promise<void>;
}

export interface LanHubOptions {
  /** Data folder to run on; removed by `close` when `ownsDataDir`. */
  readonly dataDir: string;
  readonly ownsDataDir?: boolean;
  readonly peers?: readonly string[];
  /** Extra Node flags (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  /** Extra hub flags (e.g. `--relay <url>`). */
  readonly hubArgs?: readonly string[];
}

/** Starts a hub on `dataDir` with its LAN side on 127.0.0.1 (any port, no mDNS). */
export async function startLanHub(options: LanHubOptions): Promise<LanHub> {
  const token = randomBytes(18).toString('base64url');
  const args = [...(options.nodeArgs ?? []), benchPeerBinary(), '--data', options.dataDir, '--port', '0', `--token=${token}`, '--quiet', '--lan-host', '127.0.0.1', '--lan-port', '0', '--no-discovery'];
  for (const peer of options.peers ?? []) args.push('--peer', peer);
  args.push(...(options.hubArgs ?? []));
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
  const { port, lanPort } = await new Promise<{ port: number; lanPort: number }>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hub did not start within ${HUB_START_DEADLINE_MS / 1000} s:\n${stdout}${output}`));
    }, HUB_START_DEADLINE_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited with ${code}:\n${stdout}${output}`));
    };
    child.stdout?.on('data', (data: Buffer) => {
      stdout += data.toString();
      const url = /Tandem hub ready: http:\/\/127\.0\.0\.1:(\d+)\//.exec(stdout)?.[1];
      const lan = /Tandem LAN port: (\d+)/.exec(stdout)?.[1];
      if (!url || !lan) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({ port: Number(url), lanPort: Number(lan) });
    });
    child.once('exit', onExit);
  });
  return {
    port,
    token,
    lanPort,
    dataDir: options.dataDir,
    pid: child.pid ?? 0,
    async connectedPeers() {
      try {
        const health = (await (await fetchHealth(port)).json()) as { peers: HealthPeer[] };
        return health.peers;
      } catch (error) {
        const state = child.exitCode !== null || child.signalCode !== null ? `exited (${child.exitCode ?? child.signalCode})` : 'running';
        throw new Error(`/healthz of the hub on ${port} failed (${String((error as Error).cause ?? error)}); the hub is ${state}; it printed:\n${output.slice(-4000)}`, { cause: error });
      }
    },
    output: () => output,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      if (options.ownsDataDir) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * GET /healthz, again on a reset connection: a kept-alive socket the hub closed after its idle
 * timeout (while busy, under load) as the next poll went out is reset, and the read is harmless to repeat.
 */
async function fetchHealth(port: number): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(`http://127.0.0.1:${port}/healthz`);
    } catch (error) {
      const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
      if (attempt >= 3 || (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET')) throw error;
    }
  }
}

/** A new empty temp folder for a peer's data. */
export function peerDataDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `tandem-bench-${name}-`));
}
