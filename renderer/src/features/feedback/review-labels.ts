// How a feedback board's changes read in conflict review and "while you were away": which item
// a conflict is about, and a column by its name rather than its id.
import type { TFunction } from 'i18next';
import type { AwayChange } from '../../../../shared/model/away';
import type { FieldConflict } from '../../../../shared/model/conflicts';
import type { FeedbackBoardSnapshot } from '../../../../shared/model/feedback/snapshots';
import type { TrackedValue } from '../../../../shared/model/field-writes';
import type { ReviewLabels } from '../board-feature';
import { statusLabel } from './labels';

export const feedbackReviewLabels: ReviewLabels<FeedbackBoardSnapshot> = {
  conflictSubject(board: FeedbackBoardSnapshot | undefined, conflict: FieldConflict, t: TFunction): string | null {
    const item = board?.items.get(conflict.entityId);
    return item ? t('conflicts.ofItem', { title: item.title }) : null;
  },
  conflictValue(board: FeedbackBoardSnapshot | undefined, conflict: FieldConflict, value: TrackedValue, t: TFunction): string | undefined {
    if (conflict.field !== 'statusId') return undefined;
    const status = board?.statuses.find((s) => s.id === value);
    return status ? statusLabel(status, t) : String(value);
  },
  awayValue(board: FeedbackBoardSnapshot | undefined, change: AwayChange, t: TFunction): string | undefined {
    return change.kind === 'item-moved' || change.kind === 'item-created' ? statusLabel(board?.statuses.find((s) => s.id === change.value), t) : undefined;
  },
};
