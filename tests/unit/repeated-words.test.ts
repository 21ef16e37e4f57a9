// A card's words from the cache say what i18next says, in both languages, for counts (plurals),
// scores, a channel's default name and a title put into a sentence (whatever characters it holds).
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { repeatedWords } from '../../renderer/src/i18n/repeated-words';

describe('repeated words', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`says what i18next says, asked again and again (${locale})`, () => {
      const i18n = createI18n(locale);
      const { t } = i18n;
      const words = repeatedWords(i18n, locale);
      expect(repeatedWords(i18n, locale)).toBe(words);
      // As react-i18next hands each component a copy of the instance: the same words.
      const copy = Object.create(Object.getPrototypeOf(i18n), Object.getOwnPropertyDescriptors(i18n)) as typeof i18n;
      expect(repeatedWords(copy, locale)).toBe(words);
      for (let round = 0; round < 2; round++) {
        for (const count of [0, 1, 2, 5, 21]) {
          expect(words.say('feedback.card.votes', { count })).toBe(t('feedback.card.votes', { count }));
          expect(words.say('feedback.comments', { count })).toBe(t('feedback.comments', { count }));
        }
        expect(words.say('feedback.card.impactEffort', { impact: 4, effort: 2 })).toBe(t('feedback.card.impactEffort', { impact: 4, effort: 2 }));
        expect(words.say('feedback.card.priority', { value: '3.5' })).toBe(t('feedback.card.priority', { value: '3.5' }));
        expect(words.say('feedback.card.priorityHint')).toBe(t('feedback.card.priorityHint'));
        expect(words.say('feedback.channels.nope', { defaultValue: 'Partner calls' })).toBe('Partner calls');
        for (const title of ['Export to Excel', '导出报表', 'Price $& and $1 and {{title}}', '', 'odd \uE001 \uE002 marks']) {
          expect(words.around('feedback.open', { title })).toBe(t('feedback.open', { title }));
          expect(words.around('feedback.voteFor', { title })).toBe(t('feedback.voteFor', { title }));
          // Several texts, one holding what stands for another's place in the sentence.
          const texts = { title, kind: '\uE000 release', range: 'May 3 – 9' };
          expect(words.around('plans.timelineItem', texts)).toBe(t('plans.timelineItem', texts));
        }
      }
    });
  }

  it('keeps each language apart, whatever language the instance is in', () => {
    const i18n = createI18n('en');
    const before = repeatedWords(i18n, 'en').say('feedback.card.votes', { count: 2 });
    void i18n.changeLanguage('zh-CN');
    const after = repeatedWords(i18n, 'zh-CN').say('feedback.card.votes', { count: 2 });
    expect(repeatedWords(i18n, 'en').say('feedback.card.votes', { count: 1 })).toBe('vote');
    expect(before).toBe('votes');
    expect(after).toBe(createI18n('zh-CN').t('feedback.card.votes', { count: 2 }));
    expect(after).not.toBe(before);
  });
});
