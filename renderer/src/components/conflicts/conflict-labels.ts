// How a conflict reads on screen: what it is about and each version's value in the user's words
// (each kind says, through the registry), and when it was written (relative, with the absolute
// time as a tooltip), in the active locale.
import type { TFunction } from 'i18next';
import type { Locale } from '../../../../shared/api/bridge';
import type { FieldConflict } from '../../../../shared/model/conflicts';
import type { TrackedValue } from '../../../../shared/model/field-writes';
import { boardKindOfEntity } from '../../../../shared/model/kinds';
import type { AppState } from '../../state/store';
import { BOARD_FEATURES } from '../../features/kinds';

/** The snapshot of the board a conflict is on, from the store slice its kind names. */
export function conflictBoard(state: AppState, boardId: string, conflict: FieldConflict): unknown {
  return state[BOARD_FEATURES[boardKindOfEntity(conflict.entityKind)].slice][boardId];
}

const labelsOf = (conflict: FieldConflict) => BOARD_FEATURES[boardKindOfEntity(conflict.entityKind)].reviewLabels;

/** "Goal “Grow activation”", "KPI “Signups” of “Grow activation”", "Feedback “Dark mode”"; null when it is gone. */
export function conflictSubject(board: unknown, conflict: FieldConflict, t: TFunction): string | null {
  return labelsOf(conflict).conflictSubject(board as never, conflict, t);
}

export function conflictValue(board: unknown, conflict: FieldConflict, value: TrackedValue, t: TFunction, locale: Locale): string {
  return labelsOf(conflict).conflictValue(board as never, conflict, value, t, locale) ?? `“${String(value ?? '')}”`;
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
