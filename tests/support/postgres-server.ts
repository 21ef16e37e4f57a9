// A PostgreSQL server of the test's own: Debian's binaries, a throwaway cluster (initdb, trust
// auth on loopback) on a free port, run as the `postgres` user (the server refuses root); never
// the system service. `.ci/run` installs the package when it is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis-server';

export interface TestPostgres {
  readonly url: string;
  /** Every row of every table in the database, as raw bytes (to search for plaintext). */
  dump(): Buffer;
  /** Stops (fast shutdown) and starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Debian's PostgreSQL binaries, newest version first; null with the reason when absent. */
function postgresBin(): { bin: string } | { missing: string } {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!bin) return { missing: 'PostgreSQL is not installed: run `apt-get install -y postgresql` (CI installs it)' };
  if (userInfo().uid !== 0) return { missing: 'the test cluster is run as the postgres user, which needs root' };
  if (spawnSync('id', ['postgres']).status !== 0) return { missing: 'there is no postgres user' };
  return { bin };
}

export const postgresMissing = (): string | null => {
  const found = postgresBin();
  return 'missing' in found ? found.missing : null;
};

/** The postgres user's ids: the server and its tools run as it. */
function postgresUser(): { uid: number; gid: number } {
  return { uid: Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim()), gid: Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim()) };
}

export async function startPostgres(): Promise<TestPostgres> {
  const found = postgresBin();
  if ('missing' in found) throw new Error(found.missing);
  const { bin } = found;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pg-'));
  const user = postgresUser();
  const as = { ...user, cwd: dir, env: { ...process.env, HOME: dir } };
  chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '--auth=trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], as);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr.toString()}`);
  let child: ChildProcess | null = null;
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off'], { ...as, stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let out = '';
      const timer = setTimeout(() => reject(new Error(`postgres did not start: ${out}`)), 20_000);
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`postgres exited (${code}): ${out}`));
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const proc = child;
      if (!proc || proc.exitCode !== null) return resolve();
      proc.removeAllListeners('exit');
      proc.once('exit', () => resolve());
      // SIGINT is PostgreSQL's fast shutdown: connected clients are cut off.
      proc.kill('SIGINT');
    });
  await launch();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dump() {
      return spawnSync(join(bin, 'pg_dump'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '--data-only', 'postgres'], { ...as, maxBuffer: 256 * 1024 * 1024 }).stdout;
    },
    restart: async () => {
      await stop();
      await launch();
    },
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
