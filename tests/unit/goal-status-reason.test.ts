// The reason under a goal's status: progress against the share of the period gone, in whole
// percents, so "Off track" after a check-in always says why.
import { describe, expect, it } from 'vitest';
import { statusReason } from '../../renderer/src/features/goals/status-reason';

const Q1 = { kind: 'quarter', start: '2025-01-01', end: '2025-03-31' } as const;

describe('the reason a goal has its status', () => {
  it('says a goal off track is behind the expected pace, with both numbers', () => {
    // 2025-03-04 is day 63 of 90: 70% of the quarter.
    expect(statusReason({ status: 'off-track', statusOverride: null, progress: 0.4, period: Q1 }, '2025-03-04')).toEqual({ messageKey: 'offTrack.behind', params: { progress: 40, elapsed: 70 } });
  });

  it('says the same for a goal at risk', () => {
    expect(statusReason({ status: 'at-risk', statusOverride: null, progress: 0.5, period: Q1 }, '2025-03-04')?.messageKey).toBe('offTrack.behind');
  });

  it('gives the pace of a goal on track without calling it behind', () => {
    expect(statusReason({ status: 'on-track', statusOverride: null, progress: 0.8, period: Q1 }, '2025-03-04')).toEqual({ messageKey: 'offTrack.onPace', params: { progress: 80, elapsed: 70 } });
  });

  it('says a status was set by hand when someone chose it', () => {
    expect(statusReason({ status: 'off-track', statusOverride: 'off-track', progress: 0.9, period: Q1 }, '2025-03-04')?.messageKey).toBe('offTrack.setByHand');
  });

  it('gives no reason before the first check-in', () => {
    expect(statusReason({ status: null, statusOverride: null, progress: null, period: Q1 }, '2025-03-04')).toBeNull();
  });

  it('counts a period wholly past as 100% gone', () => {
    expect(statusReason({ status: 'off-track', statusOverride: null, progress: 0.4, period: Q1 }, '2025-06-01')?.params).toEqual({ progress: 40, elapsed: 100 });
  });
});
