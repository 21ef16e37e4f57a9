// Goal periods: a quarter, a month or a custom range of calendar dates (inclusive), and
// how much of one has elapsed on a given day.

export type PeriodKind = 'quarter' | 'month' | 'custom';

export interface Period {
  readonly kind: PeriodKind;
  /** First day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day (inclusive), `YYYY-MM-DD`. */
  readonly end: string;
}

const DAY_MS = 86_400_000;

export function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

export function isoFromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): Period {
  const startMonth = (quarter - 1) * 3;
  const start = new Date(Date.UTC(year, startMonth, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(year, startMonth + 3, 0)).toISOString().slice(0, 10);
  return { kind: 'quarter', start, end };
}

export function monthPeriod(year: number, month: number): Period {
  const start = new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return { kind: 'month', start, end };
}

export function quarterOf(isoDate: string): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4 };
}

/** Share of the period elapsed at the end of `today`, from 0 (before it) to 1 (after it). */
export function elapsedFraction(period: Period, today: string): number {
  const start = dayNumber(period.start);
  const length = dayNumber(period.end) - start + 1;
  if (!(length > 0)) return 1;
  return Math.min(1, Math.max(0, (dayNumber(today) - start + 1) / length));
}

/** A stable key for grouping goals by period. */
export function periodKey(period: Period): string {
  return `${period.start}..${period.end}`;
}
