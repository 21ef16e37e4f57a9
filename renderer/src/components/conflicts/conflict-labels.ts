// How a conflict reads on screen: what it is about, each version's value in the user's words,
// and when it was written (relative, with the absolute time as a tooltip), in the active locale.
import type { TFunction } from 'i18next';
import type { Locale } from '../../../../shared/api/bridge';
import type { FieldConflict } from '../../../../shared/model/conflicts';
import type { FeedbackBoardSnapshot } from '../../../../shared/model/feedback/snapshots';
import type { TrackedValue } from '../../../../shared/model/field-writes';
import type { GoalsBoardSnapshot, KpiSnapshot } from '../../../../shared/model/goals/read';
import { formatKpiValue } from '../../i18n/i18n';
import { statusLabel } from '../../features/feedback/labels';

export interface ConflictContext {
  readonly goals: GoalsBoardSnapshot | undefined;
  readonly feedback: FeedbackBoardSnapshot | undefined;
}

function kpiOf(ctx: ConflictContext, conflict: FieldConflict): KpiSnapshot | undefined {
  return ctx.goals?.goals.find((g) => g.id === conflict.ownerId)?.kpis.find((k) => k.id === conflict.entityId);
}

/** "Goal “Grow activation”", "KPI “Signups” of “Grow activation”", "Feedback “Dark mode”"; null when it is gone. */
export function conflictSubject(ctx: ConflictContext, conflict: FieldConflict, t: TFunction): string | null {
  if (conflict.entityKind === 'item') {
    const item = ctx.feedback?.items.get(conflict.entityId);
    return item ? t('conflicts.ofItem', { title: item.title }) : null;
  }
  const goal = ctx.goals?.goals.find((g) => g.id === conflict.ownerId);
  if (!goal) return null;
  if (conflict.entityKind === 'goal') return t('conflicts.ofGoal', { title: goal.title });
  const kpi = kpiOf(ctx, conflict);
  return kpi ? t('conflicts.ofKpi', { name: kpi.name, title: goal.title }) : null;
}

export function conflictValue(ctx: ConflictContext, conflict: FieldConflict, value: TrackedValue, t: TFunction, locale: Locale): string {
  if (conflict.field === 'statusOverride') return value === null ? t('conflicts.noStatus') : t(`status.${String(value)}`);
  if (conflict.field === 'target' && typeof value === 'number') {
    const unit = kpiOf(ctx, conflict)?.unit ?? 'number';
    return formatKpiValue(value, unit, locale, { yes: t('yesNo.yes'), no: t('yesNo.no') });
  }
  if (conflict.field === 'statusId') {
    const status = ctx.feedback?.statuses.find((s) => s.id === value);
    return status ? statusLabel(status, t) : String(value);
  }
  return `“${String(value ?? '')}”`;
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];

/** "3 minutes ago" / "3分钟前", and the full date and time. */
export function writtenAt(at: number, locale: Locale, now = Date.now()): { relative: string; absolute: string } {
  const absolute = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  const delta = at - now;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) if (Math.abs(delta) >= ms) return { relative: rtf.format(Math.round(delta / ms), unit), absolute };
  return { relative: rtf.format(0, 'minute'), absolute };
}
