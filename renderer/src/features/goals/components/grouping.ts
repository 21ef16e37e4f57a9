// Which goals the board shows and how: filtered by team, owner, period and status, then
// grouped by period (newest first) and team, each group in board order.
import type { GoalSnapshot } from '../../../../../shared/model/goals/read';
import { periodKey, type Period } from '../../../../../shared/model/goals/period';
import type { Team } from '../../../../../shared/model/workspace';
import type { GoalFilters } from '../../../state/store';

export interface GoalGroup {
  readonly key: string;
  readonly period: Period;
  readonly teams: readonly { team: Team; goals: readonly GoalSnapshot[] }[];
}

const TEAM_ORDER: readonly Team[] = ['shared', 'product', 'operations'];

export function matchesFilters(goal: GoalSnapshot, f: GoalFilters): boolean {
  if (f.team !== 'all' && goal.team !== f.team) return false;
  if (f.ownerId !== 'all' && goal.ownerId !== f.ownerId) return false;
  if (f.period !== 'all' && periodKey(goal.period) !== f.period) return false;
  if (f.status !== 'all' && (goal.status ?? 'none') !== f.status) return false;
  return true;
}

export function groupGoals(goals: readonly GoalSnapshot[], filters: GoalFilters): GoalGroup[] {
  const byPeriod = new Map<string, { period: Period; goals: GoalSnapshot[] }>();
  for (const goal of goals) {
    if (!matchesFilters(goal, filters)) continue;
    const key = periodKey(goal.period);
    const group = byPeriod.get(key) ?? { period: goal.period, goals: [] };
    group.goals.push(goal);
    byPeriod.set(key, group);
  }
  return [...byPeriod.entries()]
    .sort(([, a], [, b]) => (a.period.start === b.period.start ? (a.period.end < b.period.end ? -1 : 1) : a.period.start < b.period.start ? 1 : -1))
    .map(([key, { period, goals: list }]) => ({
      key,
      period,
      teams: TEAM_ORDER.map((team) => ({ team, goals: list.filter((g) => g.team === team) })).filter((t) => t.goals.length > 0),
    }));
}

/** Distinct periods of the board, newest first, for the period filter. */
export function periodsOf(goals: readonly GoalSnapshot[]): Period[] {
  const seen = new Map<string, Period>();
  for (const g of goals) seen.set(periodKey(g.period), g.period);
  return [...seen.values()].sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
}

/**
 * The board-wide index to give `movedId` so it lands just before (moving up) or just after
 * (moving down) `overId`, both positions in the full board order.
 */
export function boardIndexForMove(order: readonly string[], movedId: string, overId: string): number {
  const from = order.indexOf(movedId);
  const rest = order.filter((id) => id !== movedId);
  const over = rest.indexOf(overId);
  if (from < 0 || over < 0) return Math.max(0, from);
  return from <= over ? over + 1 : over;
}
