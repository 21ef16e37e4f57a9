// The last line of defence of a peer process: an error that escapes a request, frame or timer
// handler is logged and counted (`/healthz` shows the counts) instead of exiting, so one
// stranger's bad input can never stop the peer for everyone. Only an I/O error from the disk
// itself stops it: what is on disk is then unknown, and a restart re-reads and checks the logs.
import type { PeerLogger } from './logger';

/** Errno codes that mean the disk under the store failed, not that a handler was wrong. */
const STORE_INTEGRITY_CODES = new Set(['EIO', 'EROFS']);

export interface EscapedErrors {
  /** Errors that escaped their handler since the process started. */
  readonly count: number;
  /** Counts by where they were caught: `uncaught-exception`, `unhandled-rejection`, `http-request`… */
  readonly byKind: Readonly<Record<string, number>>;
  readonly lastAt: number | null;
  readonly lastMessage: string | null;
}

export class ProcessGuard {
  private count = 0;
  private readonly byKind: Record<string, number> = {};
  private lastAt: number | null = null;
  private lastMessage: string | null = null;

  constructor(
    private readonly logger: PeerLogger,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  /** Catches what escapes every handler of this process, from now on. */
  install(target: NodeJS.Process = process): this {
    target.on('uncaughtException', (error) => this.caught('uncaught-exception', error));
    target.on('unhandledRejection', (reason) => this.caught('unhandled-rejection', reason));
    return this;
  }

  /** Logs and counts an error that escaped `kind`'s handler; stops the process only if the store's disk failed. */
  caught(kind: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (isStoreIntegrityError(error)) {
      this.logger.error('the disk under the data folder failed; stopping so nothing more is acknowledged', { kind, error: message });
      this.exit(70);
      return;
    }
    this.count++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    this.lastAt = Date.now();
    this.lastMessage = message.slice(0, 200);
    this.logger.error('an error escaped its handler; the peer keeps serving', { kind, error: message, stack: error instanceof Error ? error.stack?.split('\n').slice(0, 6).join(' | ') : undefined });
  }

  stats(): EscapedErrors {
    return { count: this.count, byKind: { ...this.byKind }, lastAt: this.lastAt, lastMessage: this.lastMessage };
  }
}

function isStoreIntegrityError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && STORE_INTEGRITY_CODES.has(code);
}
