// KPI progress, goal progress, the suggested status, and the calendar periods they are
// measured against: pure functions, so every laptop shows the same numbers.
import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  elapsedFraction,
  goalProgress,
  isoFromDayNumber,
  kpiProgress,
  monthPeriod,
  periodKey,
  quarterOf,
  quarterPeriod,
  STATUS_MARGINS,
  suggestStatus,
  type Period,
} from '../../shared/model';

const RISE = { baseline: 100, target: 200, direction: 'increase' } as const;
const FALL = { baseline: 8, target: 3, direction: 'decrease' } as const;
/** Ten days, so each day is a tenth of the period. */
const TEN_DAYS: Period = { kind: 'custom', start: '2026-03-01', end: '2026-03-10' };

describe('KPI progress', () => {
  it('measures a rising KPI from baseline to target', () => {
    expect(kpiProgress(RISE, 100)).toBe(0);
    expect(kpiProgress(RISE, 150)).toBe(0.5);
    expect(kpiProgress(RISE, 200)).toBe(1);
  });

  it('counts a falling value as progress for a KPI that should decrease', () => {
    expect(kpiProgress(FALL, 8)).toBe(0);
    expect(kpiProgress(FALL, 5.5)).toBe(0.5);
    expect(kpiProgress(FALL, 3)).toBe(1);
  });

  it('stays between 0 and 1 when a value overshoots or slips back', () => {
    expect(kpiProgress(RISE, 350)).toBe(1);
    expect(kpiProgress(RISE, 40)).toBe(0);
    expect(kpiProgress(FALL, 1)).toBe(1);
    expect(kpiProgress(FALL, 12)).toBe(0);
  });

  it('is unknown until there is a value, and for a value that is not finite', () => {
    expect(kpiProgress(RISE, undefined)).toBeNull();
    expect(kpiProgress(RISE, Number.NaN)).toBeNull();
    expect(kpiProgress(RISE, Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('is all or nothing when target and baseline are equal', () => {
    expect(kpiProgress({ baseline: 5, target: 5, direction: 'increase' }, 5)).toBe(1);
    expect(kpiProgress({ baseline: 5, target: 5, direction: 'increase' }, 4)).toBe(0);
    expect(kpiProgress({ baseline: 5, target: 5, direction: 'decrease' }, 4)).toBe(1);
    expect(kpiProgress({ baseline: 5, target: 5, direction: 'decrease' }, 6)).toBe(0);
  });

  it('is 0 or 1 for a yes/no KPI', () => {
    const launched = { baseline: 0, target: 1, direction: 'increase' } as const;
    expect(kpiProgress(launched, 0)).toBe(0);
    expect(kpiProgress(launched, 1)).toBe(1);
    const retired = { baseline: 1, target: 0, direction: 'decrease' } as const;
    expect(kpiProgress(retired, 1)).toBe(0);
    expect(kpiProgress(retired, 0)).toBe(1);
  });
});

describe('goal progress', () => {
  it('is the mean of the KPIs that have a value, ignoring those without check-ins', () => {
    expect(goalProgress([0.2, null, 0.6])).toBeCloseTo(0.4, 12);
    expect(goalProgress([1])).toBe(1);
    expect(goalProgress([0, 0.5, 1])).toBe(0.5);
  });

  it('is unknown when no KPI has a value', () => {
    expect(goalProgress([])).toBeNull();
    expect(goalProgress([null, null])).toBeNull();
  });
});

describe('suggested status', () => {
  // On 2026-03-05 half of TEN_DAYS has elapsed.
  const MIDWAY = '2026-03-05';

  it('is on track while progress trails time by at most 10 points', () => {
    expect(STATUS_MARGINS).toEqual({ onTrack: 0.1, atRisk: 0.25 });
    expect(suggestStatus(0.5, TEN_DAYS, MIDWAY)).toBe('on-track');
    expect(suggestStatus(0.9, TEN_DAYS, MIDWAY)).toBe('on-track');
    expect(suggestStatus(0.4, TEN_DAYS, MIDWAY)).toBe('on-track');
  });

  it('is at risk when progress trails time by more than 10 and up to 25 points', () => {
    expect(suggestStatus(0.39, TEN_DAYS, MIDWAY)).toBe('at-risk');
    expect(suggestStatus(0.25, TEN_DAYS, MIDWAY)).toBe('at-risk');
  });

  it('is off track when progress trails time by more than 25 points', () => {
    expect(suggestStatus(0.24, TEN_DAYS, MIDWAY)).toBe('off-track');
    expect(suggestStatus(0, TEN_DAYS, MIDWAY)).toBe('off-track');
  });

  it('is on track before the period starts, whatever the progress', () => {
    expect(suggestStatus(0, TEN_DAYS, '2026-02-20')).toBe('on-track');
  });

  it('judges against the whole period once it is over', () => {
    expect(suggestStatus(0.95, TEN_DAYS, '2026-04-01')).toBe('on-track');
    expect(suggestStatus(0.8, TEN_DAYS, '2026-04-01')).toBe('at-risk');
    expect(suggestStatus(0.5, TEN_DAYS, '2026-04-01')).toBe('off-track');
  });

  it('is on track once the goal is complete, even after the period', () => {
    expect(suggestStatus(1, TEN_DAYS, '2027-01-01')).toBe('on-track');
  });

  it('is not suggested before any KPI has a check-in', () => {
    expect(suggestStatus(null, TEN_DAYS, MIDWAY)).toBeNull();
  });
});

describe('periods', () => {
  it('bounds each quarter by its first and last day', () => {
    expect(quarterPeriod(2026, 1)).toEqual({ kind: 'quarter', start: '2026-01-01', end: '2026-03-31' });
    expect(quarterPeriod(2026, 2)).toEqual({ kind: 'quarter', start: '2026-04-01', end: '2026-06-30' });
    expect(quarterPeriod(2026, 3)).toEqual({ kind: 'quarter', start: '2026-07-01', end: '2026-09-30' });
    expect(quarterPeriod(2026, 4)).toEqual({ kind: 'quarter', start: '2026-10-01', end: '2026-12-31' });
  });

  it('ends February on the 29th in leap years only', () => {
    expect(monthPeriod(2024, 2)).toEqual({ kind: 'month', start: '2024-02-01', end: '2024-02-29' });
    expect(monthPeriod(2026, 2).end).toBe('2026-02-28');
    expect(monthPeriod(2000, 2).end).toBe('2000-02-29');
    expect(monthPeriod(2100, 2).end).toBe('2100-02-28');
  });

  it('bounds months of 30 and 31 days, and December', () => {
    expect(monthPeriod(2026, 4)).toEqual({ kind: 'month', start: '2026-04-01', end: '2026-04-30' });
    expect(monthPeriod(2026, 1).end).toBe('2026-01-31');
    expect(monthPeriod(2026, 12)).toEqual({ kind: 'month', start: '2026-12-01', end: '2026-12-31' });
  });

  it('finds the quarter a date falls in', () => {
    expect(quarterOf('2026-01-01')).toEqual({ year: 2026, quarter: 1 });
    expect(quarterOf('2026-03-31')).toEqual({ year: 2026, quarter: 1 });
    expect(quarterOf('2026-04-01')).toEqual({ year: 2026, quarter: 2 });
    expect(quarterOf('2026-12-31')).toEqual({ year: 2026, quarter: 4 });
  });

  it('counts whole days between dates, across a leap day', () => {
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(dayNumber('2026-03-01') - dayNumber('2026-02-28')).toBe(1);
    expect(isoFromDayNumber(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(dayNumber('1970-01-01')).toBe(0);
  });

  it('gives a stable grouping key', () => {
    expect(periodKey(quarterPeriod(2026, 2))).toBe('2026-04-01..2026-06-30');
  });
});

describe('elapsed share of a period', () => {
  it('counts each day as done at its end', () => {
    expect(elapsedFraction(TEN_DAYS, '2026-03-01')).toBeCloseTo(0.1, 12);
    expect(elapsedFraction(TEN_DAYS, '2026-03-05')).toBe(0.5);
    expect(elapsedFraction(TEN_DAYS, '2026-03-10')).toBe(1);
  });

  it('is 0 before the period and 1 after it', () => {
    expect(elapsedFraction(TEN_DAYS, '2026-02-28')).toBe(0);
    expect(elapsedFraction(TEN_DAYS, '2025-01-01')).toBe(0);
    expect(elapsedFraction(TEN_DAYS, '2026-03-11')).toBe(1);
  });

  it('is all of a one-day period on that day', () => {
    const day: Period = { kind: 'custom', start: '2026-03-01', end: '2026-03-01' };
    expect(elapsedFraction(day, '2026-02-28')).toBe(0);
    expect(elapsedFraction(day, '2026-03-01')).toBe(1);
  });

  it('counts the leap day in a leap-year quarter', () => {
    // Q1 2024 has 91 days; on 29 February, 60 of them are done.
    expect(elapsedFraction(quarterPeriod(2024, 1), '2024-02-29')).toBeCloseTo(60 / 91, 12);
    expect(elapsedFraction(quarterPeriod(2026, 1), '2026-02-28')).toBeCloseTo(59 / 90, 12);
  });

  it('treats a period a peer stored back to front, or with garbage dates, as over', () => {
    expect(elapsedFraction({ kind: 'custom', start: '2026-03-10', end: '2026-03-01' }, '2026-03-05')).toBe(1);
    expect(elapsedFraction({ kind: 'custom', start: 'soon', end: 'later' }, '2026-03-05')).toBe(1);
  });
});
