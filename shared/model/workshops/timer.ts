// The shared timer's pure part: a timer is data relative to its writer's clock (remaining time
// when written, the writer's clock reading then, and whose clock that was), and each laptop
// turns it into its own remaining time through an estimate of the writer's clock offset. A raw
// remote timestamp is never compared with the local clock. Clocks are injected, so tests can
// give two peers clocks ten minutes apart.
import type { ClockOffsets } from '../clock-offsets';

/** A timer as stored in the doc (one plain value, replaced whole on every change). */
export interface TimerState {
  /** New on every write, so a laptop can remember when it first saw this version. */
  readonly id: string;
  readonly status: 'running' | 'paused';
  /** Remaining milliseconds at `setAt`. */
  readonly remainingMs: number;
  /** The writer's clock when written; meaningful only through the writer's offset. */
  readonly setAt: number;
  /** Whose clock `setAt` reads: the writing window's presence client id. */
  readonly clock: string;
  /** The length the timer was started with plus time added, for progress. */
  readonly totalMs: number;
}

/** Reads a stored timer defensively: anything off-shape is no timer. */
export function parseTimer(value: unknown): TimerState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (typeof v.id !== 'string' || (v.status !== 'running' && v.status !== 'paused') || typeof v.clock !== 'string') return null;
  if (!finite(v.remainingMs) || !finite(v.setAt) || !finite(v.totalMs)) return null;
  return { id: v.id, status: v.status, remainingMs: Math.max(0, v.remainingMs), setAt: v.setAt, clock: v.clock, totalMs: Math.max(0, v.totalMs) };
}

/**
 * This laptop's view of timers: remaining time by the local clock. A timer written here reads
 * with offset 0; one from a clock never heard from counts from when this laptop first saw it.
 */
export class TimerClock {
  private readonly firstSeen = new Map<string, number>();

  constructor(
    readonly now: () => number,
    /** This window's clock id (its presence client id). */
    readonly ownClock: string,
    readonly offsets: ClockOffsets,
  ) {}

  /** When the timer's `setAt` happened, on the local clock. */
  private localSetAt(timer: TimerState): number {
    if (timer.clock === this.ownClock) return timer.setAt;
    const offset = this.offsets.offset(timer.clock);
    if (offset !== null) return timer.setAt + offset;
    let seen = this.firstSeen.get(timer.id);
    if (seen === undefined) {
      seen = this.now();
      this.firstSeen.set(timer.id, seen);
    }
    return seen;
  }

  /** Milliseconds left, never negative; a paused timer keeps what it had. */
  remaining(timer: TimerState | null): number {
    if (!timer) return 0;
    if (timer.status === 'paused') return timer.remainingMs;
    return Math.max(0, Math.min(timer.remainingMs, timer.remainingMs - (this.now() - this.localSetAt(timer))));
  }

  /** What a write from this window records: its clock reading, its clock id and the remaining time seen here. */
  reading(timer: TimerState | null): TimerReading {
    return { now: this.now(), clock: this.ownClock, remainingMs: this.remaining(timer) };
  }
}

/** The local facts a timer write needs. */
export interface TimerReading {
  readonly now: number;
  readonly clock: string;
  /** The remaining time of the current timer as this laptop shows it. */
  readonly remainingMs: number;
}
