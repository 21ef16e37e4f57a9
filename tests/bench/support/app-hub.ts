// A real hub (the built `peer.cjs`) serving the built renderer, started on a data folder the
// bench fills beforehand the way a peer leaves it: each doc of the workspace as one compacted
// record of its log, `peer.json` and `workspace.json` naming this laptop and its workspace.
//
// The hub and renderer are copied out of dist/ once per bench run, so a rebuild by someone
// else mid-run cannot change what is measured. A renderer that is React's development build
// (Vite makes one when the build runs with NODE_ENV set to something else than production, as
// under Vitest's global setup) is not measured: the bench builds a production one instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { writeJsonAtomic } from '../../../electron/peer/files';
import type { StoreLogger } from '../../../electron/peer/store/replica-store';
import { ReplicaStore } from '../../../electron/peer/store/replica-store';
import type { ModelWorkspace } from '../generate-model';

const quietLogger: StoreLogger = { info: () => undefined, warn: () => undefined };
const HUB_START_DEADLINE_MS = 120_000;

/** The hub and renderer a bench run measures: `<dir>/peer/peer.cjs` serves `<dir>/renderer`. */
export interface AppBuild {
  readonly dir: string;
  readonly peer: string;
  readonly rendererDir: string;
  /** Flags that keep the hub's LAN side on loopback with no mDNS, when this peer has a LAN side. */
  readonly lanArgs: readonly string[];
  /** How the renderer was obtained, for the notes. */
  readonly origin: string;
}

let preparedBuild: Promise<AppBuild> | undefined;

const isDevelopmentBundle = (rendererDir: string) => {
  const assets = join(rendererDir, 'assets');
  const bundle = existsSync(assets) ? readdirSync(assets).find((name) => name.startsWith('index-') && name.endsWith('.js')) : undefined;
  return bundle === undefined ? undefined : readFileSync(join(assets, bundle), 'utf8').includes('jsxDEV');
};

async function prepareAppBuild(progress: (message: string) => void): Promise<AppBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-app-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'peer'));
  cpSync(join('dist', 'peer', 'peer.cjs'), join(dir, 'peer', 'peer.cjs'));
  const rendererDir = join(dir, 'renderer');
  let origin = 'dist/renderer (production build)';
  let dev: boolean | undefined;
  try {
    cpSync(join('dist', 'renderer'), rendererDir, { recursive: true });
    dev = isDevelopmentBundle(rendererDir);
  } catch {
    dev = undefined; // dist/renderer was being rebuilt while we copied it
  }
  if (dev !== false) {
    progress(`dist/renderer is ${dev ? "React's development build" : 'missing or mid-rebuild'}: building a production renderer for the bench`);
    rmSync(rendererDir, { recursive: true, force: true });
    const { build } = await import('vite');
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
    } finally {
      if (previous === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = previous;
    }
    if (isDevelopmentBundle(rendererDir) !== false) throw new Error('could not build a production renderer for the bench');
    origin = `built by the bench in production mode (dist/renderer was ${dev ? "React's development build" : 'missing or mid-rebuild'})`;
  }
  const help = spawnSync(process.execPath, [join(dir, 'peer', 'peer.cjs'), '--help'], { encoding: 'utf8', timeout: 30_000 }).stdout ?? '';
  const lanArgs = help.includes('--lan-host') ? ['--lan-host', '127.0.0.1', '--lan-port', '0', '--no-discovery'] : [];
  return { dir, peer: join(dir, 'peer', 'peer.cjs'), rendererDir, lanArgs, origin };
}

/** The hub and renderer of this bench run, copied (or built) on first use. */
export function appBuild(progress: (message: string) => void): Promise<AppBuild> {
  return (preparedBuild ??= prepareAppBuild(progress));
}

export interface AppHub {
  /** The page to open: the hub's URL with its link token. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** Writes the workspace's docs and identity files into `dataDir` (empty or absent). */
export async function writeHubData(dataDir: string, workspace: ModelWorkspace, peerId: string): Promise<void> {
  const store = await ReplicaStore.open(dataDir, { logger: quietLogger });
  try {
    for (const [docId, doc] of workspace.docs) await store.append(docId, Y.encodeStateAsUpdate(doc));
  } finally {
    await store.close();
  }
  await writeJsonAtomic(join(dataDir, 'peer.json'), { peerId });
  await writeJsonAtomic(join(dataDir, 'workspace.json'), { id: workspace.workspaceId, memberId: workspace.memberId, createdAt: Date.UTC(2025, 0, 6, 9) });
}

function spawnHub(build: AppBuild, dataDir: string): Promise<{ child: ChildProcess; url: string; token: string }> {
  const token = randomBytes(18).toString('base64url');
  const child = spawn(process.execPath, [build.peer, '--data', dataDir, '--port', '0', `--token=${token}`, '--quiet', ...build.lanArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // A bench that crashes must not leave its hub running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hub did not start within ${HUB_START_DEADLINE_MS / 1000} s:\n${output}`));
    }, HUB_START_DEADLINE_MS);
    const onData = (data: Buffer) => {
      output += data.toString();
      const url = /Tandem hub ready: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({ child, url, token });
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited with ${code}:\n${output}`));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
    child.once('exit', onExit);
  });
}

/** A fresh data folder holding `workspace`, and a hub on it; `close` stops the hub and removes the folder. */
export async function startAppHub(build: AppBuild, workspace: ModelWorkspace, name: string): Promise<AppHub> {
  const dataDir = await mkdtemp(join(tmpdir(), `tandem-bench-${name}-`));
  try {
    await writeHubData(dataDir, workspace, `p_bench${randomBytes(6).toString('hex')}`);
    const { child, url, token } = await spawnHub(build, dataDir);
    return {
      url,
      port: Number(new URL(url).port),
      token,
      async close() {
        if (child.exitCode === null && child.signalCode === null) {
          await new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          });
        }
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
