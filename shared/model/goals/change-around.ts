// A KPI's change around a date (a launch, say): its value at the end of a window before the date
// against its value at the end of the same window after it, read from the check-ins alone, with
// how many check-ins each side rests on, so a figure built on one reading says so.

export interface ChangeAround {
  /** The latest check-in in [date − window, date]. */
  readonly before: number;
  /** The latest check-in in (date, date + window]. */
  readonly after: number;
  readonly delta: number;
  readonly checkInsBefore: number;
  readonly checkInsAfter: number;
}

const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The change, or null when either side of the window has no check-in. Check-ins oldest first. */
export function changeAround(checkIns: readonly { readonly date: string; readonly value: number }[], date: string, windowDays: number): ChangeAround | null {
  const from = shift(date, -windowDays);
  const to = shift(date, windowDays);
  const before = checkIns.filter((c) => c.date >= from && c.date <= date);
  const after = checkIns.filter((c) => c.date > date && c.date <= to);
  const b = before.at(-1);
  const a = after.at(-1);
  if (!b || !a) return null;
  return { before: b.value, after: a.value, delta: a.value - b.value, checkInsBefore: before.length, checkInsAfter: after.length };
}
