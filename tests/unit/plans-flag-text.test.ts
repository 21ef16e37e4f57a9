// A plan item's flags in words, in English and 简体中文: what it waits on moved, and a slip
// further up the chain naming the item in between, what moved and by how much.
import { describe, expect, it } from 'vitest';
import type { DirectPlanFlag, PlanFlag } from '../../shared/model';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { flagKey, flagText } from '../../renderer/src/features/plans/labels';

const TITLES: Record<string, string> = { a: 'A', b: 'B', c: 'C' };
const titleOf = (id: string) => TITLES[id] ?? '?';
const moved: DirectPlanFlag = { depId: 'd1', itemId: 'a', reason: 'moved', days: 14 };
const near: PlanFlag = { depId: 'd2', itemId: 'b', reason: 'upstream', throughId: 'b', cause: moved };
const far: PlanFlag = { depId: 'd3', itemId: 'c', reason: 'upstream', throughId: 'b', cause: moved };
const deleted: PlanFlag = { depId: 'd2', itemId: 'b', reason: 'upstream', throughId: 'b', cause: { depId: 'd1', itemId: 'gone', reason: 'deleted' } };
const cancelled: PlanFlag = { depId: 'd2', itemId: 'b', reason: 'upstream', throughId: 'b', cause: { depId: 'd1', itemId: 'a', reason: 'cancelled' } };

describe('flags in words', () => {
  it('says which upstream item moved and by how much, in English', () => {
    const { t } = createI18n('en');
    expect(flagText(moved, titleOf, t)).toBe('“A” moved 2 weeks later');
    expect(flagText(near, titleOf, t)).toBe('Waits on “B”, whose dependency “A” moved 2 weeks later');
    expect(flagText(far, titleOf, t)).toBe('Waits on “C”, which in turn waits on “B”, whose dependency “A” moved 2 weeks later');
    expect(flagText(cancelled, titleOf, t)).toBe('Waits on “B”, whose dependency “A” was cancelled');
    expect(flagText(deleted, titleOf, t)).toBe('Waits on “B”, whose dependency was deleted');
  });

  it('says the same in 简体中文', () => {
    const { t } = createI18n('zh-CN');
    expect(flagText(near, titleOf, t)).toBe('依赖的“B”的前置项“A”推迟了 2 周');
    expect(flagText(far, titleOf, t)).toBe('依赖的“C”间接依赖“B”，其前置项“A”推迟了 2 周');
    expect(flagText(cancelled, titleOf, t)).toBe('依赖的“B”的前置项“A”已取消');
    expect(flagText(deleted, titleOf, t)).toBe('依赖的“B”的前置项已被删除');
  });

  it('gives a chained flag a key apart from the direct flag on the same dependency', () => {
    const direct: PlanFlag = { depId: 'd2', itemId: 'b', reason: 'cancelled' };
    expect(flagKey(direct)).not.toBe(flagKey(cancelled));
  });
});
