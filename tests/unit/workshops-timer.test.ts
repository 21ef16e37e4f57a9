// The shared timer across laptops whose clocks disagree: each laptop estimates the other's
// clock offset from the clock readings presence messages carry, and shows the same remaining
// time; pausing on either laptop pauses both.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addTimerTime, ClockOffsets, createWorkshopReader, pauseTimer, readTimer, resumeTimer, startTimer, TimerClock } from '../../shared/model';
import { replicaOf, syncBoth } from './support/docs';
import { newWorkshop } from './workshops-fixtures';

const TEN_MINUTES = 10 * 60_000;

/** Two laptops: B's clock runs ten minutes ahead of A's; `advance` moves real time for both. */
function room() {
  let real = 1_750_000_000_000;
  const clockA = () => real;
  const clockB = () => real + TEN_MINUTES;
  const a = { doc: newWorkshop(1), clock: new TimerClock(clockA, 'A', new ClockOffsets(clockA)) };
  const b = { doc: replicaOf(a.doc, 2), clock: new TimerClock(clockB, 'B', new ClockOffsets(clockB)) };
  /** Presence messages both ways, each stamped with the sender's clock and taking `delay` ms. */
  const exchangePresence = (delay: number) => {
    const sentA = clockA();
    const sentB = clockB();
    real += delay;
    b.clock.offsets.observe('A', sentA);
    a.clock.offsets.observe('B', sentB);
  };
  return { a, b, exchangePresence, advance: (ms: number) => (real += ms) };
}

const remaining = (side: { doc: Y.Doc; clock: TimerClock }) => side.clock.remaining(readTimer(side.doc));

describe('shared timer', () => {
  it('shows the same remaining time on two laptops whose clocks differ by ten minutes', () => {
    const { a, b, exchangePresence, advance } = room();
    for (const delay of [40, 12, 85, 7]) exchangePresence(delay);
    startTimer(a.doc, { minutes: 5 }, a.clock.reading(null));
    advance(30);
    syncBoth(a.doc, b.doc);
    expect(Math.abs(remaining(a) - remaining(b))).toBeLessThan(1_000);
    advance(61_000);
    expect(remaining(a)).toBeCloseTo(5 * 60_000 - 61_030, -1);
    expect(Math.abs(remaining(a) - remaining(b))).toBeLessThan(1_000);
    // A raw comparison of A's timestamp with B's clock would have shown 10 minutes gone.
    expect(remaining(b)).toBeGreaterThan(0);
  });

  it('pauses both laptops when either pauses, at the same remaining time', () => {
    const { a, b, exchangePresence, advance } = room();
    exchangePresence(20);
    exchangePresence(9);
    startTimer(a.doc, { minutes: 3 }, a.clock.reading(null));
    syncBoth(a.doc, b.doc);
    advance(45_000);
    pauseTimer(b.doc, b.clock.reading(readTimer(b.doc)));
    syncBoth(a.doc, b.doc);
    advance(60_000);
    expect(readTimer(a.doc)?.status).toBe('paused');
    expect(Math.abs(remaining(a) - remaining(b))).toBeLessThan(1_000);
    expect(remaining(a)).toBeCloseTo(135_000, -2);
    resumeTimer(a.doc, a.clock.reading(readTimer(a.doc)));
    syncBoth(a.doc, b.doc);
    advance(5_000);
    expect(Math.abs(remaining(a) - remaining(b))).toBeLessThan(1_000);
    pauseTimer(a.doc, a.clock.reading(readTimer(a.doc)));
    syncBoth(a.doc, b.doc);
    advance(60_000);
    expect(readTimer(b.doc)?.status).toBe('paused');
    expect(Math.abs(remaining(a) - remaining(b))).toBeLessThan(1_000);
  });

  it('adds a minute for everyone, and reaches zero together', () => {
    const { a, b, exchangePresence, advance } = room();
    exchangePresence(15);
    startTimer(b.doc, { minutes: 1 }, b.clock.reading(null));
    syncBoth(a.doc, b.doc);
    advance(50_000);
    addTimerTime(a.doc, { minutes: 1 }, a.clock.reading(readTimer(a.doc)));
    syncBoth(a.doc, b.doc);
    expect(Math.abs(remaining(a) - 70_000)).toBeLessThan(1_000);
    expect(Math.abs(remaining(a) - remaining(b))).toBeLessThan(1_000);
    advance(71_000);
    expect([remaining(a), remaining(b)]).toEqual([0, 0]);
    expect(createWorkshopReader(a.doc).read().timer?.totalMs).toBe(120_000);
  });

  it('counts from first sight a timer written by a clock never heard from, never from its raw timestamp', () => {
    const { a, b, advance } = room();
    startTimer(a.doc, { minutes: 2 }, a.clock.reading(null));
    syncBoth(a.doc, b.doc);
    expect(remaining(b)).toBe(120_000);
    advance(10_000);
    expect(remaining(b)).toBe(110_000);
  });

  it('estimates an offset as the smallest of receive minus send, ignoring late deliveries', () => {
    let local = 5_000;
    const offsets = new ClockOffsets(() => local);
    offsets.observe('x', 1_000);
    local = 5_010;
    offsets.observe('x', 4_900);
    expect(offsets.offset('x')).toBe(110);
    expect(offsets.offset('unknown')).toBeNull();
  });
});
