// The priority score: more votes, more importance and more impact never lower it, more effort
// never raises it, and it stays finite and positive whatever a peer wrote.
import { describe, expect, it } from 'vitest';
import { compareByPriority, feedbackPriority, type PriorityInput } from '../../shared/model';

const base: PriorityInput = { votes: 3, importance: 2, impact: 3, effort: 3 };
const p = (overrides: Partial<PriorityInput>) => feedbackPriority({ ...base, ...overrides });

describe('priority', () => {
  it('follows the documented formula', () => {
    expect(feedbackPriority({ votes: 0, importance: 1, impact: 1, effort: 5 })).toBeCloseTo(0.2, 12);
    expect(feedbackPriority({ votes: 3, importance: 3, impact: 5, effort: 1 })).toBeCloseTo((2 + 4) * 5, 12);
    expect(feedbackPriority({ votes: 7, importance: 2, impact: 2, effort: 4 })).toBeCloseTo(((3 + 2) * 2) / 4, 12);
  });

  it('rises with every extra vote, with diminishing steps', () => {
    const scores = Array.from({ length: 50 }, (_, votes) => p({ votes }));
    for (let i = 1; i < scores.length; i++) {
      expect(scores[i]).toBeGreaterThan(scores[i - 1] as number);
      if (i > 1) expect((scores[i] as number) - (scores[i - 1] as number)).toBeLessThan((scores[i - 1] as number) - (scores[i - 2] as number));
    }
  });

  it('rises with importance and impact and falls with effort', () => {
    for (const importance of [1, 2]) expect(p({ importance: importance + 1 })).toBeGreaterThan(p({ importance }));
    for (const impact of [1, 2, 3, 4]) expect(p({ impact: impact + 1 })).toBeGreaterThan(p({ impact }));
    for (const effort of [1, 2, 3, 4]) expect(p({ effort: effort + 1 })).toBeLessThan(p({ effort }));
  });

  it('ranks an unvoted critical item above an unvoted nice-to-have, and a quick win above a long shot', () => {
    expect(p({ votes: 0, importance: 3 })).toBeGreaterThan(p({ votes: 0, importance: 1 }));
    expect(p({ impact: 5, effort: 1 })).toBe(25 * p({ impact: 1, effort: 5 }));
  });

  it('stays finite and positive for values a peer wrote out of range', () => {
    for (const odd of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -3, 0, 99, 2.7]) {
      const score = feedbackPriority({ votes: odd, importance: odd, impact: odd, effort: odd });
      expect(Number.isFinite(score)).toBe(true);
      expect(score).toBeGreaterThan(0);
    }
    expect(p({ impact: 99 })).toBe(p({ impact: 5 }));
  });

  it('sorts by priority, then votes, then age, then id', () => {
    const items = [
      { id: 'd', priority: 2, voteCount: 1, createdAt: 5 },
      { id: 'b', priority: 3, voteCount: 1, createdAt: 5 },
      { id: 'c', priority: 2, voteCount: 4, createdAt: 9 },
      { id: 'a', priority: 2, voteCount: 1, createdAt: 5 },
      { id: 'e', priority: 2, voteCount: 1, createdAt: 1 },
    ];
    expect([...items].sort(compareByPriority).map((i) => i.id)).toEqual(['b', 'c', 'e', 'a', 'd']);
  });
});
