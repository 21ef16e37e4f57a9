// Counted phrases in both catalogues: i18next picks the singular only from a `_one` key, so a
// phrase with a count and no `_one` form would read "1 votes".
import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { createI18n } from '../../renderer/src/i18n/i18n';

function entries(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => entries(value, prefix ? `${prefix}.${key}` : key));
}

/** Phrases whose count stands alone as a number ("+3", "(2)", "(4 left)"): no noun to agree. */
const BARE_NUMBERS = new Set(['conflicts.review', 'plans.more', 'presence.more', 'errors.statusInUse', 'errors.channelInUse']);

describe('counted phrases', () => {
  it('every English phrase with {{count}} and a noun has a singular and a plural form', () => {
    const counted = entries(en).filter(([key, text]) => text.includes('{{count}}') && !BARE_NUMBERS.has(key));
    expect(counted.length).toBeGreaterThan(10);
    const keys = new Set(entries(en).map(([key]) => key));
    const missing = counted
      .map(([key]) => key.replace(/_(one|other|zero)$/, ''))
      .filter((base) => !keys.has(`${base}_one`) || !keys.has(`${base}_other`));
    expect([...new Set(missing)]).toEqual([]);
  });

  it('a drafted agenda names one vote and several votes rightly in both languages', () => {
    const t = createI18n('en').t;
    expect(t('meetings.draftFeedback', { title: 'Export to Excel', count: 1 })).toBe('Feedback: Export to Excel (1 vote)');
    expect(t('meetings.draftFeedback', { title: 'Export to Excel', count: 2 })).toBe('Feedback: Export to Excel (2 votes)');
    expect(createI18n('zh-CN').t('meetings.draftFeedback', { title: '导出', count: 1 })).toBe('反馈：导出（1 票）');
  });
});
