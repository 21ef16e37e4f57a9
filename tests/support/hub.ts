// Starts and stops a real hub process (`dist/peer/peer.cjs`) on loopback for a test, with
// its own data folder, and reads what it prints. Its LAN side stays on 127.0.0.1 with no mDNS
// unless a test passes its own LAN flags.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface RunningHub {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  readonly pid: number;
  output(): string;
  /** Resolves with the first match of `pattern` in what the hub prints, waiting up to `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'tandem-e2e-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** LAN flags for a hub in a test: loopback only, any port, no mDNS. */
export const HERMETIC_LAN_ARGS = ['--lan-host', '127.0.0.1', '--lan-port', '0', '--no-discovery'];

/**
 * Starts a hub on `dataDir`. By default on any free port with a new token; `addressFlags`
 * replaces `--port`/`--token` (`[]` starts it as an operator would, at the address its data
 * folder remembers).
 */
export async function startHub(options: { dataDir: string; port?: number; token?: string; lanArgs?: readonly string[]; addressFlags?: readonly string[] }): Promise<RunningHub> {
  const addressFlags = options.addressFlags ?? ['--port', String(options.port ?? 0), `--token=${options.token ?? randomBytes(18).toString('base64url')}`];
  const args = ['dist/peer/peer.cjs', '--data', options.dataDir, ...addressFlags, ...(options.lanArgs ?? HERMETIC_LAN_ARGS)];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 20_000);
    const check = () => {
      const match = /Tandem hub ready: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code}:\n${output}`));
    });
  });
  const port = Number(new URL(url).port);
  const token = new URL(url).hash.replace(/^#token=/, '');
  return {
    url,
    port,
    token,
    dataDir: options.dataDir,
    pid: child.pid ?? 0,
    output: () => output,
    waitForOutput: async (pattern, timeoutMs = 15_000) => {
      const started = Date.now();
      for (;;) {
        const match = pattern.exec(output);
        if (match) return match;
        if (Date.now() - started > timeoutMs) throw new Error(`hub never printed ${pattern}:\n${output}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
