// Whether this peer can write its store now, from the replica's reports: which docs have edits
// waiting for a retry, and whether the disk said it is full. The peer tells its windows in the
// hello, re-sent on every change, so "Disk full" shows while it is true and goes by itself after.
import type { StoreWrites } from '../../shared/api/link';

/** What a full disk or an exhausted quota reports; anything else is a write that failed for another reason. */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

export class StoreHealth {
  private readonly failing = new Map<string, Exclude<StoreWrites, 'ok'>>();

  constructor(private readonly onDidChange: (state: StoreWrites) => void) {}

  get state(): StoreWrites {
    if (this.failing.size === 0) return 'ok';
    return [...this.failing.values()].includes('disk-full') ? 'disk-full' : 'failing';
  }

  /** Some edit of `docId` is waiting for a retry. */
  isFailing(docId: string): boolean {
    return this.failing.has(docId);
  }

  /** A write of `docId` failed (it is retried). */
  didFail(docId: string, error: Error): void {
    const before = this.state;
    this.failing.set(docId, DISK_FULL_CODES.has((error as NodeJS.ErrnoException).code ?? '') ? 'disk-full' : 'failing');
    if (this.state !== before) this.onDidChange(this.state);
  }

  /** Everything of `docId` is on disk again. */
  didWrite(docId: string): void {
    const before = this.state;
    this.failing.delete(docId);
    if (this.state !== before) this.onDidChange(this.state);
  }

  /** The docs are gone (this laptop left the workspace): nothing of them waits any more. */
  clear(): void {
    const before = this.state;
    this.failing.clear();
    if (this.state !== before) this.onDidChange(this.state);
  }
}
