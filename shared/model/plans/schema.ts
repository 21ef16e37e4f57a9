// The shape of a plan board doc: plan items (releases, campaigns, other initiatives) and the
// dependencies between them, each an entity map keyed by id; the statuses, kinds and horizons;
// and the input pieces every plans mutation shares.
import * as Y from 'yjs';
import { z } from 'zod';
import { entityId, isoDate } from '../validate';

export const PLAN_KINDS = ['release', 'campaign', 'initiative'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_STATUSES = ['idea', 'planned', 'in-progress', 'launched', 'done', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const HORIZONS = ['now', 'next', 'later'] as const;
export type Horizon = (typeof HORIZONS)[number];

export const PLANS_LIMITS = { links: 50, milestones: 50, dependencies: 50, effect: 200 } as const;

export const planItemsOf = (doc: Y.Doc) => doc.getMap<unknown>('items');
export const dependenciesOf = (doc: Y.Doc) => doc.getMap<unknown>('dependencies');

/** What undo covers on a plan board (meta is left out: undo never un-creates a board). */
export const PLANS_UNDO_SCOPE = ['items', 'dependencies'] as const;

export const planKind = z.enum(PLAN_KINDS, { error: 'errors.invalid' });
export const planStatus = z.enum(PLAN_STATUSES, { error: 'errors.invalid' });
export const horizon = z.enum(HORIZONS, { error: 'errors.invalid' });

/** A board or entity id that can be part of a `${boardId}:${entityId}` key. */
export const linkPart = entityId.refine((id) => !id.includes(':'), { error: 'errors.invalid' });

export const planLinkKey = (link: { boardId: string; entityId: string }) => `${link.boardId}:${link.entityId}`;

/** A date range: both ends real dates, the end not before the start. */
export const dateRange = z
  .object({ start: isoDate, end: isoDate })
  .refine((r) => r.start <= r.end, { error: 'errors.planEndBeforeStart', path: ['end'] });

const DAY_MS = 86_400_000;

/** Two ASCII digits of `s` at `at` as a number, or -1. */
function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const daysInMonth = (year: number, month: number) => (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : (MONTH_DAYS[month - 1] ?? 0));

/**
 * `date`'s time at midnight UTC, in ms (NaN when it does not parse), as `Date.parse` of
 * `${date}T00:00:00Z` gives it; a plain `YYYY-MM-DD` (from year 1000) is read digit by digit: the
 * timeline reads thousands of dates whenever it opens, and parsing a string per date was most of it.
 */
function midnightOf(date: string): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const hi = twoDigits(date, 0);
    const lo = twoDigits(date, 2);
    const month = twoDigits(date, 5);
    const day = twoDigits(date, 8);
    const year = hi * 100 + lo;
    if (hi >= 10 && lo >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return Date.UTC(year, month - 1, day);
  }
  return Date.parse(`${date}T00:00:00Z`);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier (NaN when either does not parse). */
export function daysBetween(from: string, to: string): number {
  return Math.round((midnightOf(to) - midnightOf(from)) / DAY_MS);
}

/** `date` moved by `days` (`YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Writes `fields` to a new entity map. */
export function newPlanEntity(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

/** A child Y.Map of an entity, made when a peer's older write left none. */
export function childMap(entity: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const value = entity.get(key);
  if (value instanceof Y.Map) return value as Y.Map<unknown>;
  const fresh = new Y.Map<unknown>();
  entity.set(key, fresh);
  return fresh;
}

/** Marks a new doc as a plan board. */
export function initPlansBoard(doc: Y.Doc, schemaVersion: number): void {
  doc.transact(() => {
    const meta = doc.getMap('meta');
    if (!meta.has('kind')) meta.set('kind', 'plans');
    if (!meta.has('schemaVersion')) meta.set('schemaVersion', schemaVersion);
  });
}
