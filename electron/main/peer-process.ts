// The local peer in its own `utilityProcess`: started once the app is ready, restarted with
// backoff when it dies unexpectedly, asked to shut down (and given time to flush acknowledged
// writes) when the app quits. Windows reach it through MessagePorts handed out by `link`.
import { EVENT_LINK_PORT } from '../../shared/api/bridge';
import type { MessageChannelClass, PeerChildLike, PortReceiver, UtilityProcessModule } from './electron-api';

/** Delays before successive restarts; the last one repeats. */
export const RESTART_BACKOFF_MS = [250, 1_000, 2_000, 5_000, 10_000, 30_000] as const;
/** A peer that ran this long before dying starts the backoff from the beginning again. */
export const STABLE_UPTIME_MS = 60_000;
export const SHUTDOWN_TIMEOUT_MS = 5_000;

export interface PeerProcessOptions {
  utilityProcess: UtilityProcessModule;
  MessageChannelMain: MessageChannelClass;
  /** dist/peer/peer.cjs */
  modulePath: string;
  /** `<userData>/data` */
  dataDir: string;
  /** Called after an unexpected exit once the replacement has been forked: the windows need new ports. */
  onDidRestart(): void;
  log(line: string): void;
  /** Where the peer's stdout/stderr go (they are pipes, so they must be drained). */
  output?(chunk: Uint8Array | string): void;
  now?(): number;
}

export interface PeerProcess {
  start(): void;
  /** Sends `receiver` a new port to the peer; false while the peer is down (the restart will link every window). */
  link(receiver: PortReceiver): boolean;
  /** Asks the peer to flush and exit; kills it after `timeoutMs`. No restart after this. */
  stop(timeoutMs?: number): Promise<void>;
  readonly running: boolean;
}

export function createPeerProcess(options: PeerProcessOptions): PeerProcess {
  const now = options.now ?? Date.now;
  let child: PeerChildLike | null = null;
  let startedAt = 0;
  let failures = 0;
  let stopping = false;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  const exitWaiters = new Set<() => void>();

  function fork(): void {
    let forked: PeerChildLike;
    try {
      forked = options.utilityProcess.fork(options.modulePath, ['--utility', '--data', options.dataDir], { serviceName: 'Tandem peer', stdio: 'pipe' });
    } catch (error) {
      options.log(`Tandem: cannot start the local peer: ${(error as Error).message}`);
      scheduleRestart();
      return;
    }
    child = forked;
    startedAt = now();
    const output = options.output ?? (() => undefined);
    forked.stdout?.on('data', output);
    forked.stderr?.on('data', output);
    forked.on('message', (message) => {
      const peerId = (message as { type?: unknown; peerId?: unknown } | null)?.type === 'ready' ? (message as { peerId?: unknown }).peerId : undefined;
      if (typeof peerId === 'string') options.log(`Tandem: local peer ${peerId} ready`);
    });
    forked.on('exit', (code) => {
      if (child !== forked) return;
      child = null;
      for (const resolve of exitWaiters) resolve();
      exitWaiters.clear();
      if (stopping) return;
      if (now() - startedAt >= STABLE_UPTIME_MS) failures = 0;
      options.log(`Tandem: the local peer exited unexpectedly (code ${code}); restarting`);
      scheduleRestart();
    });
  }

  function scheduleRestart(): void {
    if (stopping || restartTimer) return;
    const delay = RESTART_BACKOFF_MS[Math.min(failures, RESTART_BACKOFF_MS.length - 1)] ?? 30_000;
    failures += 1;
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (stopping) return;
      fork();
      if (child) options.onDidRestart();
    }, delay);
  }

  return {
    start() {
      if (!child && !restartTimer && !stopping) fork();
    },
    link(receiver) {
      if (!child || receiver.isDestroyed()) return false;
      const { port1, port2 } = new options.MessageChannelMain();
      child.postMessage({ type: 'link' }, [port1]);
      receiver.postMessage(EVENT_LINK_PORT, null, [port2]);
      return true;
    },
    async stop(timeoutMs = SHUTDOWN_TIMEOUT_MS) {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = null;
      const current = child;
      if (!current) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const exited = new Promise<'exited'>((resolve) => exitWaiters.add(() => resolve('exited')));
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      try {
        current.postMessage({ type: 'shutdown' });
      } catch {
        // Already gone: the exit event settles `exited`, or the timeout does.
      }
      const outcome = await Promise.race([exited, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        options.log(`Tandem: the local peer did not stop within ${timeoutMs} ms; killing it`);
        current.kill();
        child = null;
      }
    },
    get running() {
      return child !== null;
    },
  };
}
