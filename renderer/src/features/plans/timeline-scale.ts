// The timeline's geometry, pure so it is tested without a browser: a day's width at each zoom,
// where an item's bar falls, the ticks of the axis, and the lanes (by team or by goal) with each
// item's row inside its lane (greedy packing: a bar goes in the first row it does not overlap).
import { addDays, daysBetween, type PlanItemSnapshot } from '../../../../shared/model/plans';

export type Zoom = 'week' | 'month' | 'quarter';
export type LaneBy = 'team' | 'goal';

/** Pixels per day at each zoom. */
export const DAY_WIDTH: Record<Zoom, number> = { week: 24, month: 6, quarter: 2 };
export const ROW_HEIGHT = 28;
export const LANE_HEADER = 24;

export interface TimelineRange {
  readonly start: string;
  readonly days: number;
}

/** The dates the timeline spans: its items' and today's, with a margin either side. */
export function rangeOf(items: readonly Pick<PlanItemSnapshot, 'start' | 'end'>[], today: string): TimelineRange {
  let min = today;
  let max = today;
  for (const i of items) {
    if (i.start !== null && i.start < min) min = i.start;
    if (i.end !== null && i.end > max) max = i.end;
  }
  const start = addDays(min, -14);
  return { start, days: daysBetween(start, addDays(max, 45)) + 1 };
}

export const xOf = (range: TimelineRange, date: string, zoom: Zoom) => daysBetween(range.start, date) * DAY_WIDTH[zoom];

/**
 * The axis' ticks: week starts (Monday, or Sunday where the week starts then), month starts or
 * quarter starts, in the range. Stepped a week or a month at a time, not a day (three years of
 * days was a thousand dates made and read each time the timeline opened or zoomed).
 */
export function ticksOf(range: TimelineRange, zoom: Zoom, weekStartsOn: 0 | 1): string[] {
  const ticks: string[] = [];
  const first = new Date(`${range.start}T00:00:00Z`);
  if (zoom === 'week') {
    for (let d = (weekStartsOn - first.getUTCDay() + 7) % 7; d < range.days; d += 7) ticks.push(addDays(range.start, d));
    return ticks;
  }
  const end = first.getTime() + range.days * 86_400_000;
  const step = zoom === 'month' ? 1 : 3;
  // The first month (or quarter) that starts on or after the range's first day.
  let month = first.getUTCMonth() + (first.getUTCDate() === 1 ? 0 : 1);
  if (zoom === 'quarter') month = Math.ceil(month / 3) * 3;
  for (let at = Date.UTC(first.getUTCFullYear(), month, 1); at < end; month += step, at = Date.UTC(first.getUTCFullYear(), month, 1)) ticks.push(new Date(at).toISOString().slice(0, 10));
  return ticks;
}

export interface LaidOutItem {
  readonly item: PlanItemSnapshot;
  readonly lane: string;
  /** Row within the whole timeline (lane headers included in `y`). */
  readonly y: number;
}

export interface LaidOutLane {
  readonly key: string;
  readonly y: number;
  readonly height: number;
}

/** Lanes and rows of the dated items; an item linked to several goals shows in its first goal's lane. */
export function layOut(items: readonly PlanItemSnapshot[], laneBy: LaneBy, laneOrder: readonly string[]): { lanes: LaidOutLane[]; items: LaidOutItem[]; height: number } {
  const byLane = new Map<string, PlanItemSnapshot[]>();
  for (const item of items) {
    if (item.start === null || item.end === null) continue;
    const key = laneBy === 'team' ? item.team : item.goals[0] ? `${item.goals[0].boardId}:${item.goals[0].entityId}` : '';
    const lane = byLane.get(key);
    if (lane) lane.push(item);
    else byLane.set(key, [item]);
  }
  const keys = [...laneOrder.filter((k) => byLane.has(k)), ...[...byLane.keys()].filter((k) => !laneOrder.includes(k)).sort()];
  const lanes: LaidOutLane[] = [];
  const out: LaidOutItem[] = [];
  let y = 0;
  for (const key of keys) {
    const list = (byLane.get(key) ?? []).sort((a, b) => ((a.start as string) < (b.start as string) ? -1 : (a.start as string) > (b.start as string) ? 1 : a.id < b.id ? -1 : 1));
    const rowEnds: string[] = [];
    const laneTop = y;
    for (const item of list) {
      let row = rowEnds.findIndex((end) => end < (item.start as string));
      if (row < 0) row = rowEnds.push('') - 1;
      rowEnds[row] = item.end as string;
      out.push({ item, lane: key, y: laneTop + LANE_HEADER + row * ROW_HEIGHT });
    }
    const height = LANE_HEADER + Math.max(1, rowEnds.length) * ROW_HEIGHT;
    lanes.push({ key, y: laneTop, height });
    y += height;
  }
  return { lanes, items: out, height: y };
}
