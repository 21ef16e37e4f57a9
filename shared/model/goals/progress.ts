// KPI progress and the goal status it suggests. Pure functions of snapshots and a date, so
// the same numbers appear on every laptop.
import { elapsedFraction, type Period } from './period';

export type Direction = 'increase' | 'decrease';
export type GoalStatus = 'on-track' | 'at-risk' | 'off-track';

export interface ProgressInput {
  readonly baseline: number;
  readonly target: number;
  readonly direction: Direction;
}

/**
 * (current − baseline) / (target − baseline), clamped to [0, 1]. Direction-aware: for a KPI
 * to decrease, the target lies below the baseline and falling values count as progress.
 */
export function kpiProgress(kpi: ProgressInput, current: number | undefined): number | null {
  if (current === undefined || !Number.isFinite(current)) return null;
  const span = kpi.target - kpi.baseline;
  if (span === 0) {
    const reached = kpi.direction === 'increase' ? current >= kpi.target : current <= kpi.target;
    return reached ? 1 : 0;
  }
  const raw = (current - kpi.baseline) / span;
  return Math.min(1, Math.max(0, raw));
}

/** Mean progress of the KPIs that have a value; null when none has. */
export function goalProgress(kpiProgresses: readonly (number | null)[]): number | null {
  const known = kpiProgresses.filter((p): p is number => p !== null);
  if (known.length === 0) return null;
  return known.reduce((a, b) => a + b, 0) / known.length;
}

/** Margins by which progress may trail the elapsed share of the period. */
export const STATUS_MARGINS = { onTrack: 0.1, atRisk: 0.25 } as const;

/**
 * The status suggested by progress against time elapsed in the period: on track while
 * progress trails elapsed time by at most 10 points, at risk up to 25, off track beyond.
 * Null when no KPI has a check-in yet.
 */
export function suggestStatus(progress: number | null, period: Period, today: string): GoalStatus | null {
  if (progress === null) return null;
  if (progress >= 1) return 'on-track';
  const gap = elapsedFraction(period, today) - progress;
  if (gap <= STATUS_MARGINS.onTrack) return 'on-track';
  if (gap <= STATUS_MARGINS.atRisk) return 'at-risk';
  return 'off-track';
}
