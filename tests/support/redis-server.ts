// A Redis server of the test's own: Debian's redis-server started on a free loopback port with
// a throwaway folder, no persistence of its own and no system service; stopped (or killed) by
// the test. `.ci/run` installs the package when it is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Every key and value Redis holds now, as raw bytes (to search for plaintext). */
  dump(): Buffer;
  stop(): Promise<void>;
  /** Starts it again on the same port (a restart between two edits). */
  restart(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function redisMissing(): string | null {
  const probe = spawnSync('redis-server', ['--version']);
  return probe.error ? 'redis-server is not installed: run `apt-get install -y redis-server` (CI installs it)' : null;
}

export async function startRedis(): Promise<TestRedis> {
  const missing = redisMissing();
  if (missing) throw new Error(missing);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tandem-redis-'));
  let child: ChildProcess | null = null;
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let out = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}): ${out}`));
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const proc = child;
      if (!proc || proc.exitCode !== null) return resolve();
      proc.removeAllListeners('exit');
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dump() {
      const keys = spawnSync('redis-cli', ['-p', String(port), '--raw', 'KEYS', '*']).stdout.toString().split('\n').filter(Boolean);
      const parts = [Buffer.from(keys.join('\n'))];
      for (const key of keys) parts.push(spawnSync('redis-cli', ['-p', String(port), '--raw', 'DUMP', key]).stdout);
      return Buffer.concat(parts);
    },
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stop();
      await launch();
    },
  };
}
