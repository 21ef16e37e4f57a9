// How a plan board's conflicts read in conflict review: which plan item, and a status or date
// in the user's words.
import type { TFunction } from 'i18next';
import type { Locale } from '../../../../shared/api/bridge';
import type { FieldConflict } from '../../../../shared/model/conflicts';
import type { TrackedValue } from '../../../../shared/model/field-writes';
import type { PlansBoardSnapshot } from '../../../../shared/model/plans';
import { formatDate } from '../../i18n/i18n';
import type { ReviewLabels } from '../board-feature';

export const plansReviewLabels: ReviewLabels<PlansBoardSnapshot> = {
  conflictSubject(board: PlansBoardSnapshot | undefined, conflict: FieldConflict, t: TFunction): string | null {
    const item = board?.items.find((i) => i.id === conflict.entityId);
    return item ? t('plans.conflictSubject', { title: item.title }) : null;
  },
  conflictValue(_board: PlansBoardSnapshot | undefined, conflict: FieldConflict, value: TrackedValue, t: TFunction, locale: Locale): string | undefined {
    if (conflict.field === 'status') return t(`plans.statuses.${String(value)}`);
    if (conflict.field === 'start' || conflict.field === 'end') return typeof value === 'string' ? formatDate(value, locale) : t('plans.noDatesValue');
    return undefined;
  },
  // Plans report no away changes.
  awayValue: () => undefined,
};
