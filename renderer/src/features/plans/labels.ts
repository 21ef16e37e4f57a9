// A plan item's flags and dates in the user's words: "“Release 2.4” moved 2 weeks later",
// "Waits on “B”, whose dependency “A” moved 2 weeks later", a range of locale-aware dates, and
// how far something moved (weeks when whole, else days).
import type { TFunction } from 'i18next';
import type { Locale } from '../../../../shared/api/bridge';
import type { DirectPlanFlag, PlanFlag, PlanItemSnapshot } from '../../../../shared/model/plans';
import { formatDate } from '../../i18n/i18n';
import type { Say } from '../../i18n/repeated-words';

export function amountText(days: number, t: TFunction): string {
  return days % 7 === 0 ? t('plans.weeks', { count: days / 7 }) : t('plans.days', { count: days });
}

/** A flag's key among an item's flags: an upstream flag shares its dependency with a direct one. */
export const flagKey = (flag: PlanFlag) => (flag.reason === 'upstream' ? `${flag.depId}:${flag.cause.depId}` : flag.depId);

export function flagText(flag: PlanFlag, titleOf: (id: string) => string, t: TFunction): string {
  if (flag.reason !== 'upstream') return directFlagText(flag, titleOf, t);
  const cause = flag.cause.reason === 'deleted' ? t('plans.causeDeleted') : directFlagText(flag.cause, titleOf, t);
  return flag.throughId === flag.itemId
    ? t('plans.flagUpstream', { via: titleOf(flag.itemId), cause })
    : t('plans.flagUpstreamFar', { via: titleOf(flag.itemId), through: titleOf(flag.throughId), cause });
}

function directFlagText(flag: DirectPlanFlag, titleOf: (id: string) => string, t: TFunction): string {
  switch (flag.reason) {
    case 'moved':
      return t('plans.flagMoved', { title: titleOf(flag.itemId), amount: amountText(flag.days, t) });
    case 'moved-horizon':
      return t('plans.flagMovedHorizon', { title: titleOf(flag.itemId), from: t(`plans.horizons.${flag.from}`), to: t(`plans.horizons.${flag.to}`) });
    case 'cancelled':
      return t('plans.flagCancelled', { title: titleOf(flag.itemId) });
    case 'deleted':
      return t('plans.flagDeleted');
  }
}

export function rangeText(item: Pick<PlanItemSnapshot, 'start' | 'end' | 'horizon'>, t: TFunction | Say, locale: Locale): string {
  if (item.start === null || item.end === null) return t(`plans.horizons.${item.horizon ?? 'later'}`);
  return t('plans.range', { start: formatDate(item.start, locale), end: formatDate(item.end, locale) });
}

/** The first day of the week where the locale lives: Sunday in the US, Monday in China and most of Europe. */
export function weekStartOf(locale: Locale): 0 | 1 {
  try {
    const info = (new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } });
    const firstDay = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    if (firstDay !== undefined) return firstDay === 7 ? 0 : 1;
  } catch {
    // An engine without week info: fall through to the common cases.
  }
  return locale === 'en' ? 0 : 1;
}
