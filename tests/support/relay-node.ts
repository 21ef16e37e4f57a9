// Starts a real relay node process (`dist/relay/relay.cjs`) for a test: any free port, its
// own data folder, optionally sharing a Redis with other nodes; killed or stopped by the test.
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningRelayNode {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly pid: number;
  output(): string;
  /** SIGTERM stores what it holds first; SIGKILL is a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startRelayProcess(options: { dataDir: string; redisUrl?: string; port?: number; name: string; allowFile?: string }): Promise<RunningRelayNode> {
  const args = ['dist/relay/relay.cjs', '--data', options.dataDir, '--port', String(options.port ?? 0), '--name', options.name];
  if (options.redisUrl) args.push('--redis', options.redisUrl);
  if (options.allowFile) args.push('--allow', options.allowFile);
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay node did not start:\n${out}`)), 15_000);
    const check = () => {
      const match = /listening at ws:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay node exited (${code}):\n${out}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    dataDir: options.dataDir,
    pid: child.pid ?? 0,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
