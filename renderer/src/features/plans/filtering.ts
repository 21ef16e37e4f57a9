// The plan's filters, like the feedback boards': team, owner, goal, status and words of text.
// Pure, so the views and the export show the same items.
import type { PlanItemSnapshot, PlanStatus } from '../../../../shared/model/plans';

export interface PlanFilters {
  readonly team: 'product' | 'operations' | 'shared' | 'all';
  readonly ownerId: string | 'all';
  /** A goal as `${boardId}:${goalId}`. */
  readonly goal: string | 'all';
  readonly status: PlanStatus | 'all';
  readonly text: string;
}

export const NO_PLAN_FILTERS: PlanFilters = { team: 'all', ownerId: 'all', goal: 'all', status: 'all', text: '' };

export const hasPlanFilters = (f: PlanFilters) => f.team !== 'all' || f.ownerId !== 'all' || f.goal !== 'all' || f.status !== 'all' || f.text.trim() !== '';

export function planWords(text: string): string[] {
  return text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesPlanFilters(item: PlanItemSnapshot, f: PlanFilters, words: readonly string[]): boolean {
  if (f.team !== 'all' && item.team !== f.team) return false;
  if (f.ownerId !== 'all' && item.ownerId !== f.ownerId) return false;
  if (f.status !== 'all' && item.status !== f.status) return false;
  if (f.goal !== 'all' && !item.goals.some((g) => `${g.boardId}:${g.entityId}` === f.goal)) return false;
  if (words.length === 0) return true;
  const text = `${item.title}\n${item.notes}\n${item.milestones.map((m) => m.title).join('\n')}`.toLocaleLowerCase();
  return words.every((w) => text.includes(w));
}

export function filterPlanItems(items: readonly PlanItemSnapshot[], f: PlanFilters): readonly PlanItemSnapshot[] {
  if (!hasPlanFilters(f)) return items;
  const words = planWords(f.text);
  return items.filter((item) => matchesPlanFilters(item, f, words));
}
