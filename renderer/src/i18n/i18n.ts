// i18next set up with the two catalogues from shared/i18n, plus locale-aware formatting of
// dates, numbers, KPI values and periods.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../shared/api/bridge';
import { en } from '../../../shared/i18n/en';
import { zhCN } from '../../../shared/i18n/zh-CN';
import type { KpiUnit } from '../../../shared/model/goals/kpis';
import { quarterOf, type Period } from '../../../shared/model/goals/period';

export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return instance;
}

export function detectLocale(saved: string | null, languages: readonly string[]): Locale {
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** Formatters by locale and style: making an Intl.DateTimeFormat costs far more than using one (a timeline labels hundreds of dates a frame). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDate(iso: string, locale: Locale, style: 'short' | 'medium' = 'medium'): string {
  const d = new Date(`${iso}T00:00:00`);
  if (Number.isNaN(d.getTime())) return iso;
  let format = dateFormats.get(`${locale}|${style}`);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, style === 'short' ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' });
    dateFormats.set(`${locale}|${style}`, format);
  }
  return format.format(d);
}

export function formatNumber(value: number, locale: Locale, maxFractionDigits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(value);
}

const CURRENCY: Record<Locale, string> = { en: 'USD', 'zh-CN': 'CNY' };

export function formatKpiValue(value: number, unit: KpiUnit, locale: Locale, yesNo: { yes: string; no: string }): string {
  switch (unit) {
    case 'percent':
      return `${formatNumber(value, locale, 1)}%`;
    case 'currency':
      return new Intl.NumberFormat(locale, { style: 'currency', currency: CURRENCY[locale], maximumFractionDigits: 0 }).format(value);
    case 'boolean':
      return value >= 1 ? yesNo.yes : yesNo.no;
    default:
      return formatNumber(value, locale);
  }
}

export function formatPercent(fraction: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

/** "Q1 2026" / "2026年第1季度", "March 2026" / "2026年3月", or a date range. */
export function periodLabel(period: Period, locale: Locale, t: (key: string, params?: Record<string, unknown>) => string): string {
  if (period.kind === 'quarter') {
    const { year, quarter } = quarterOf(period.start);
    return t('period.quarterLabel', { year, quarter });
  }
  if (period.kind === 'month') {
    const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long' }).format(new Date(`${period.start}T00:00:00`));
    return t('period.monthLabel', { month });
  }
  return t('period.range', { start: formatDate(period.start, locale), end: formatDate(period.end, locale) });
}

/**
 * Parses a number as a person types it: accepts "1,200" / "1 200" / "3.5" / "3,5" and
 * full-width digits; returns NaN for anything else so the mutation can refuse it.
 */
export function parseNumberInput(text: string): number {
  const normalised = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[\s\u00a0]/g, '');
  if (normalised === '') return Number.NaN;
  let canonical = normalised;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(canonical)) canonical = canonical.replace(/,/g, '');
  else if (/^-?\d+,\d+$/.test(canonical)) canonical = canonical.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(canonical)) return Number.NaN;
  return Number(canonical);
}
