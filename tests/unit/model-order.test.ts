// Fractional order keys: comparing, appending, and planning a move, including when two
// peers happened to generate the same key for neighbouring entities.
import { describe, expect, it } from 'vitest';
import { compareOrder, isValidKey, keyAtEnd, planMove, type Ordered } from '../../shared/model';

/** Applies a plan to a list and returns the ids in their new order. */
function applyPlan(list: readonly Ordered[], plan: Map<string, string>): Ordered[] {
  return list.map((s) => ({ id: s.id, order: plan.get(s.id) ?? s.order })).sort(compareOrder);
}

function strictlyOrdered(list: readonly Ordered[]): boolean {
  return list.every((s, i) => i === 0 || (list[i - 1] as Ordered).order < s.order);
}

describe('order keys', () => {
  it('sort by key, with ties broken by id', () => {
    const list: Ordered[] = [
      { id: 'b', order: 'a1' },
      { id: 'c', order: 'a0' },
      { id: 'a', order: 'a1' },
    ];
    expect([...list].sort(compareOrder).map((s) => s.id)).toEqual(['c', 'a', 'b']);
  });

  it('append after the largest valid key, ignoring broken ones', () => {
    expect(keyAtEnd([])).toBe('a0');
    expect(keyAtEnd(['a0', 'a2', 'a1'])).toBe('a3');
    expect(keyAtEnd(['a0', '', 'zzzz-not-a-key', 'a00'])).toBe('a1');
  });

  it('recognise only keys the index library can extend', () => {
    expect(isValidKey('a0')).toBe(true);
    expect(isValidKey('a0V')).toBe(true);
    expect(isValidKey('')).toBe(false);
    expect(isValidKey('a00')).toBe(false);
    expect(isValidKey(42)).toBe(false);
    expect(isValidKey('a' + '0'.repeat(256))).toBe(false);
  });
});

describe('planning a move', () => {
  const list: Ordered[] = [
    { id: 'a', order: 'a0' },
    { id: 'b', order: 'a1' },
    { id: 'c', order: 'a2' },
    { id: 'd', order: 'a3' },
  ];

  it.each([
    ['to the top', 'd', 0, ['d', 'a', 'b', 'c']],
    ['into the middle', 'a', 2, ['b', 'c', 'a', 'd']],
    ['to the end', 'a', 3, ['b', 'c', 'd', 'a']],
    ['past the end', 'b', 10, ['a', 'c', 'd', 'b']],
    ['to a negative index', 'c', -3, ['c', 'a', 'b', 'd']],
  ])('moves an entity %s with one new key', (_label, id, toIndex, expected) => {
    const plan = planMove(list, id, toIndex);
    expect([...plan.keys()]).toEqual([id]);
    const result = applyPlan(list, plan);
    expect(result.map((s) => s.id)).toEqual(expected);
    expect(strictlyOrdered(result)).toBe(true);
  });

  it('re-keys the list when the moved entity lands between two siblings with equal keys', () => {
    const tied: Ordered[] = [
      { id: 'a', order: 'a0' },
      { id: 'b', order: 'a1' },
      { id: 'c', order: 'a1' },
      { id: 'd', order: 'a2' },
    ];
    const plan = planMove(tied, 'd', 2);
    const result = applyPlan(tied, plan);
    expect(result.map((s) => s.id)).toEqual(['a', 'b', 'd', 'c']);
    expect(strictlyOrdered(result)).toBe(true);
  });

  it('places the moved entity strictly between its new neighbours when every sibling has the same key', () => {
    const tied: Ordered[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, order: 'a0' }));
    for (let toIndex = 0; toIndex < 4; toIndex++) {
      const result = applyPlan(tied, planMove(tied, 'a', toIndex));
      const expected = ['b', 'c', 'd'];
      expected.splice(toIndex, 0, 'a');
      expect(result.map((s) => s.id)).toEqual(expected);
      const moved = result[toIndex] as Ordered;
      if (toIndex > 0) expect((result[toIndex - 1] as Ordered).order < moved.order).toBe(true);
      if (toIndex < 3) expect(moved.order < (result[toIndex + 1] as Ordered).order).toBe(true);
    }
  });

  it('re-keys the list when a neighbour’s key is broken', () => {
    const broken: Ordered[] = [
      { id: 'a', order: '' },
      { id: 'b', order: 'a0' },
      { id: 'c', order: 'a1' },
    ];
    const result = applyPlan(broken, planMove(broken, 'c', 1));
    expect(result.map((s) => s.id)).toEqual(['a', 'c', 'b']);
    expect(strictlyOrdered(result)).toBe(true);
  });

  it('moves an entity into an empty list, or one where it is alone', () => {
    expect(applyPlan([], planMove([], 'x', 0))).toEqual([]);
    const alone = [{ id: 'x', order: 'a0' }];
    expect(applyPlan(alone, planMove(alone, 'x', 5)).map((s) => s.id)).toEqual(['x']);
  });
});
