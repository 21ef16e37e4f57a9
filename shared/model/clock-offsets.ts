// Estimates of other windows' clocks, from messages that carry the sender's clock reading (the
// presence states do). Anything that must agree across laptops on a moment in time (the
// workshop timer) reads a remote clock reading only through these estimates.

/**
 * Estimates, per remote clock, `offset = local clock − remote clock` from messages that carry the
 * sender's clock reading: each gives `local receive time − sender time` = offset + delay, and
 * delays are never negative, so the smallest recent sample is the best estimate (NTP's filter).
 * A stale reading (a state relayed long after it was stamped) only gives a larger sample.
 */
export class ClockOffsets {
  private readonly samples = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    /** Recent samples kept per clock, so a remote clock that is corrected is followed. */
    private readonly keep = 16,
  ) {}

  observe(clock: string, senderTime: number, receivedAt = this.now()): void {
    if (!Number.isFinite(senderTime) || !Number.isFinite(receivedAt)) return;
    const list = this.samples.get(clock) ?? [];
    list.push(receivedAt - senderTime);
    if (list.length > this.keep) list.shift();
    this.samples.set(clock, list);
  }

  /** Local minus remote clock, or null when nothing was heard from that clock. */
  offset(clock: string): number | null {
    const list = this.samples.get(clock);
    return list && list.length > 0 ? Math.min(...list) : null;
  }
}
