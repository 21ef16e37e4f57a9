// How a goals board's changes read in conflict review and "while you were away": which goal or
// KPI a conflict is about, and a status or a KPI target in the user's words.
import type { TFunction } from 'i18next';
import type { Locale } from '../../../../shared/api/bridge';
import type { AwayChange } from '../../../../shared/model/away';
import type { FieldConflict } from '../../../../shared/model/conflicts';
import type { TrackedValue } from '../../../../shared/model/field-writes';
import type { GoalsBoardSnapshot, KpiSnapshot } from '../../../../shared/model/goals/read';
import { formatKpiValue } from '../../i18n/i18n';
import type { ReviewLabels } from '../board-feature';

function kpiOf(board: GoalsBoardSnapshot | undefined, conflict: FieldConflict): KpiSnapshot | undefined {
  return board?.goals.find((g) => g.id === conflict.ownerId)?.kpis.find((k) => k.id === conflict.entityId);
}

export const goalsReviewLabels: ReviewLabels<GoalsBoardSnapshot> = {
  conflictSubject(board: GoalsBoardSnapshot | undefined, conflict: FieldConflict, t: TFunction): string | null {
    const goal = board?.goals.find((g) => g.id === conflict.ownerId);
    if (!goal) return null;
    if (conflict.entityKind === 'goal') return t('conflicts.ofGoal', { title: goal.title });
    const kpi = kpiOf(board, conflict);
    return kpi ? t('conflicts.ofKpi', { name: kpi.name, title: goal.title }) : null;
  },
  conflictValue(board: GoalsBoardSnapshot | undefined, conflict: FieldConflict, value: TrackedValue, t: TFunction, locale: Locale): string | undefined {
    if (conflict.field === 'statusOverride') return value === null ? t('conflicts.noStatus') : t(`status.${String(value)}`);
    if (conflict.field === 'target' && typeof value === 'number') {
      const unit = kpiOf(board, conflict)?.unit ?? 'number';
      return formatKpiValue(value, unit, locale, { yes: t('yesNo.yes'), no: t('yesNo.no') });
    }
    return undefined;
  },
  awayValue(_board: GoalsBoardSnapshot | undefined, change: AwayChange, t: TFunction): string | undefined {
    return change.kind === 'goal-status' ? t(`status.${String(change.value)}`) : undefined;
  },
};
