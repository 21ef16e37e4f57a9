// KPIs under a goal and their check-ins: the direction and yes/no rules, append-only
// check-ins, and refusals that leave the doc untouched.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addCheckIn, addKpi, checkInsOf, createGoal, deleteKpi, kpisOf, readGoalsBoard, updateKpi } from '../../shared/model';
import { expectRefused, goalInput, newBoard } from './support/docs';

const TODAY = '2026-05-15';
const SIGNUPS = { name: 'Weekly signups', unit: 'number', direction: 'increase', baseline: 100, target: 500 } as const;
const CHURN = { name: 'Churn', unit: 'percent', direction: 'decrease', baseline: 8, target: 3 } as const;
const LAUNCHED = { name: 'Launched', unit: 'boolean', direction: 'increase', baseline: 0, target: 1 } as const;

function boardWithGoal() {
  const doc = newBoard();
  const goalId = createGoal(doc, goalInput());
  return { doc, goalId };
}

function kpis(doc: Y.Doc) {
  return readGoalsBoard(doc, TODAY).goals.flatMap((g) => g.kpis);
}
const kpi = (doc: Y.Doc, id: string) => kpis(doc).find((k) => k.id === id);

describe('adding a KPI', () => {
  it('adds KPIs that rise, fall or are yes/no, in the order they were added', () => {
    const { doc, goalId } = boardWithGoal();
    const ids = [addKpi(doc, { ...SIGNUPS, goalId, name: '  Weekly signups ' }), addKpi(doc, { ...CHURN, goalId }), addKpi(doc, { ...LAUNCHED, goalId })];
    expect(kpis(doc).map((k) => k.id)).toEqual(ids);
    expect(kpis(doc).map(({ name, unit, direction, baseline, target, goalId: g }) => ({ name, unit, direction, baseline, target, goalId: g }))).toEqual([
      { ...SIGNUPS, goalId },
      { ...CHURN, goalId },
      { ...LAUNCHED, goalId },
    ]);
    expect(kpis(doc).every((k) => k.current === undefined && k.progress === null && k.checkIns.length === 0)).toBe(true);
  });

  it('accepts a yes/no KPI that should go from yes to no', () => {
    const { doc, goalId } = boardWithGoal();
    const id = addKpi(doc, { ...LAUNCHED, goalId, name: 'Legacy API still on', direction: 'decrease', baseline: 1, target: 0 });
    expect(kpi(doc, id)).toMatchObject({ baseline: 1, target: 0, direction: 'decrease' });
  });

  it('refuses a goal that does not exist', () => {
    const { doc } = boardWithGoal();
    expectRefused(doc, () => addKpi(doc, { ...SIGNUPS, goalId: 'g_gone' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'goalId' });
  });

  describe('refuses a target on the wrong side of the baseline', () => {
    it.each([
      ['an increasing KPI whose target is below the baseline', { direction: 'increase', baseline: 10, target: 5 }, 'errors.targetBelowBaseline'],
      ['a decreasing KPI whose target is above the baseline', { direction: 'decrease', baseline: 5, target: 10 }, 'errors.targetAboveBaseline'],
      ['a target equal to the baseline', { direction: 'increase', baseline: 7, target: 7 }, 'errors.targetEqualsBaseline'],
      ['a decreasing target equal to the baseline', { direction: 'decrease', baseline: 0, target: 0 }, 'errors.targetEqualsBaseline'],
    ])('%s', (_label, shape, messageKey) => {
      const { doc, goalId } = boardWithGoal();
      expectRefused(doc, () => addKpi(doc, { ...SIGNUPS, ...(shape as object), goalId }), { code: 'invalid-input', messageKey, field: 'target' });
    });
  });

  describe('takes only 0 (no) and 1 (yes) for a yes/no KPI', () => {
    it.each([
      ['a target of 2', { baseline: 0, target: 2 }],
      ['a baseline of 0.5', { baseline: 0.5, target: 1 }],
      ['a baseline of -1', { baseline: -1, target: 1 }],
    ])('%s is refused', (_label, values) => {
      const { doc, goalId } = boardWithGoal();
      expectRefused(doc, () => addKpi(doc, { ...LAUNCHED, ...values, goalId }), { code: 'invalid-input', messageKey: 'errors.booleanValue', field: 'target' });
    });
  });

  describe('refuses a baseline or target that is not a finite number', () => {
    it.each([
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['-Infinity', Number.NEGATIVE_INFINITY],
      ['"abc"', 'abc'],
      ['"100" as text', '100'],
      ['null', null],
    ])('%s', (_label, bad) => {
      const { doc, goalId } = boardWithGoal();
      for (const field of ['baseline', 'target'] as const) {
        expectRefused(doc, () => addKpi(doc, { ...SIGNUPS, goalId, [field]: bad as number }), { code: 'invalid-input', messageKey: 'errors.notANumber', field });
      }
    });
  });

  it('refuses a missing or over-long name, an unknown unit and an unknown direction', () => {
    const { doc, goalId } = boardWithGoal();
    expectRefused(doc, () => addKpi(doc, { ...SIGNUPS, goalId, name: '   ' }), { code: 'invalid-input', messageKey: 'errors.required', field: 'name' });
    expectRefused(doc, () => addKpi(doc, { ...SIGNUPS, goalId, name: 'n'.repeat(81) }), { code: 'invalid-input', messageKey: 'errors.tooLong', field: 'name', params: { max: 80 } });
    expectRefused(doc, () => addKpi(doc, { ...SIGNUPS, goalId, unit: 'miles' as 'number' }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'unit' });
    expectRefused(doc, () => addKpi(doc, { ...SIGNUPS, goalId, direction: 'sideways' as 'increase' }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'direction' });
  });
});

describe('updating a KPI', () => {
  it('renames it and moves its target, keeping the rest', () => {
    const { doc, goalId } = boardWithGoal();
    const id = addKpi(doc, { ...SIGNUPS, goalId });
    updateKpi(doc, { id, name: 'Signups per week', target: 800 });
    expect(kpi(doc, id)).toMatchObject({ ...SIGNUPS, name: 'Signups per week', target: 800 });
  });

  it('flips the direction when the target moves to the other side in the same edit', () => {
    const { doc, goalId } = boardWithGoal();
    const id = addKpi(doc, { ...SIGNUPS, goalId });
    updateKpi(doc, { id, direction: 'decrease', target: 50 });
    expect(kpi(doc, id)).toMatchObject({ direction: 'decrease', baseline: 100, target: 50 });
  });

  it('checks the KPI as it would be after the edit', () => {
    const { doc, goalId } = boardWithGoal();
    const id = addKpi(doc, { ...SIGNUPS, goalId });
    expectRefused(doc, () => updateKpi(doc, { id, target: 50 }), { code: 'invalid-input', messageKey: 'errors.targetBelowBaseline', field: 'target' });
    expectRefused(doc, () => updateKpi(doc, { id, baseline: 500 }), { code: 'invalid-input', messageKey: 'errors.targetEqualsBaseline', field: 'target' });
    expectRefused(doc, () => updateKpi(doc, { id, direction: 'decrease' }), { code: 'invalid-input', messageKey: 'errors.targetAboveBaseline', field: 'target' });
    expectRefused(doc, () => updateKpi(doc, { id, unit: 'boolean' }), { code: 'invalid-input', messageKey: 'errors.booleanValue', field: 'target' });
    expectRefused(doc, () => updateKpi(doc, { id, name: 'Renamed', target: 50 }), { code: 'invalid-input', messageKey: 'errors.targetBelowBaseline', field: 'target' });
  });

  it('turns a KPI into a yes/no one when its values are 0 and 1', () => {
    const { doc, goalId } = boardWithGoal();
    const id = addKpi(doc, { ...SIGNUPS, goalId, unit: 'number' });
    updateKpi(doc, { id, unit: 'boolean', baseline: 0, target: 1 });
    expect(kpi(doc, id)).toMatchObject({ unit: 'boolean', baseline: 0, target: 1 });
  });

  it('refuses bad numbers, an empty name and a KPI that does not exist', () => {
    const { doc, goalId } = boardWithGoal();
    const id = addKpi(doc, { ...SIGNUPS, goalId });
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 'abc']) {
      expectRefused(doc, () => updateKpi(doc, { id, target: bad as number }), { code: 'invalid-input', messageKey: 'errors.notANumber', field: 'target' });
      expectRefused(doc, () => updateKpi(doc, { id, baseline: bad as number }), { code: 'invalid-input', messageKey: 'errors.notANumber', field: 'baseline' });
    }
    expectRefused(doc, () => updateKpi(doc, { id, name: '' }), { code: 'invalid-input', messageKey: 'errors.required', field: 'name' });
    expectRefused(doc, () => updateKpi(doc, { id: 'k_gone', name: 'x' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
  });
});

describe('deleting a KPI', () => {
  it('removes it with its own check-ins and leaves its sibling alone', () => {
    const { doc, goalId } = boardWithGoal();
    const doomed = addKpi(doc, { ...SIGNUPS, goalId });
    const kept = addKpi(doc, { ...CHURN, goalId });
    addCheckIn(doc, { kpiId: doomed, value: 150, date: '2026-04-10', authorId: 'm_alice' });
    addCheckIn(doc, { kpiId: doomed, value: 180, date: '2026-04-17', authorId: 'm_alice' });
    const keptCheckIn = addCheckIn(doc, { kpiId: kept, value: 7, date: '2026-04-10', authorId: 'm_alice' });
    deleteKpi(doc, { id: doomed });
    expect(kpis(doc).map((k) => k.id)).toEqual([kept]);
    expect([...checkInsOf(doc).keys()]).toEqual([keptCheckIn]);
  });

  it('refuses a KPI that does not exist', () => {
    const { doc } = boardWithGoal();
    expectRefused(doc, () => deleteKpi(doc, { id: 'k_gone' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
  });
});

describe('checking in a KPI value', () => {
  it('records the value, date, trimmed note, author and time', () => {
    const { doc, goalId } = boardWithGoal();
    const kpiId = addKpi(doc, { ...SIGNUPS, goalId });
    const id = addCheckIn(doc, { kpiId, value: 240, date: '2026-04-30', note: '  Launch week ', authorId: 'm_bob' }, 1_777_000_000_000);
    expect(kpi(doc, kpiId)?.checkIns).toEqual([{ id, kpiId, value: 240, date: '2026-04-30', note: 'Launch week', authorId: 'm_bob', createdAt: 1_777_000_000_000 }]);
    expect(kpi(doc, kpiId)?.current).toBe(240);
  });

  it('keeps two check-ins on the same day rather than overwriting the first', () => {
    const { doc, goalId } = boardWithGoal();
    const kpiId = addKpi(doc, { ...SIGNUPS, goalId });
    const first = addCheckIn(doc, { kpiId, value: 200, date: '2026-05-01', authorId: 'm_alice' }, 1000);
    const second = addCheckIn(doc, { kpiId, value: 210, date: '2026-05-01', authorId: 'm_bob' }, 2000);
    expect(first).not.toBe(second);
    expect(kpi(doc, kpiId)?.checkIns.map((c) => c.value)).toEqual([200, 210]);
    expect(kpi(doc, kpiId)?.current).toBe(210);
  });

  it('accepts 29 February in a leap year', () => {
    const { doc, goalId } = boardWithGoal();
    const kpiId = addKpi(doc, { ...SIGNUPS, goalId });
    addCheckIn(doc, { kpiId, value: 1, date: '2028-02-29', authorId: 'm_alice' });
    expect(kpi(doc, kpiId)?.checkIns[0]?.date).toBe('2028-02-29');
  });

  it('takes 0 or 1 for a yes/no KPI and nothing else', () => {
    const { doc, goalId } = boardWithGoal();
    const kpiId = addKpi(doc, { ...LAUNCHED, goalId });
    addCheckIn(doc, { kpiId, value: 0, date: '2026-04-01', authorId: 'm_alice' });
    addCheckIn(doc, { kpiId, value: 1, date: '2026-05-01', authorId: 'm_alice' });
    expect(kpi(doc, kpiId)).toMatchObject({ current: 1, progress: 1 });
    for (const value of [0.5, 2, -1]) {
      expectRefused(doc, () => addCheckIn(doc, { kpiId, value, date: '2026-05-02', authorId: 'm_alice' }), { code: 'invalid-input', messageKey: 'errors.booleanValue', field: 'value' });
    }
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['"abc"', 'abc'],
  ])('refuses %s as a value', (_label, value) => {
    const { doc, goalId } = boardWithGoal();
    const kpiId = addKpi(doc, { ...SIGNUPS, goalId });
    expectRefused(doc, () => addCheckIn(doc, { kpiId, value: value as number, date: '2026-05-01', authorId: 'm_alice' }), {
      code: 'invalid-input',
      messageKey: 'errors.notANumber',
      field: 'value',
    });
  });

  it.each([['2026-02-30'], ['2026-02-29'], ['2026-00-10'], ['26-05-01'], ['yesterday'], ['']])('refuses the date %j', (date) => {
    const { doc, goalId } = boardWithGoal();
    const kpiId = addKpi(doc, { ...SIGNUPS, goalId });
    expectRefused(doc, () => addCheckIn(doc, { kpiId, value: 1, date, authorId: 'm_alice' }), { code: 'invalid-input', messageKey: 'errors.invalidDate', field: 'date' });
  });

  it('refuses a KPI that does not exist, a missing author and an over-long note', () => {
    const { doc, goalId } = boardWithGoal();
    const kpiId = addKpi(doc, { ...SIGNUPS, goalId });
    expectRefused(doc, () => addCheckIn(doc, { kpiId: 'k_gone', value: 1, date: '2026-05-01', authorId: 'm_alice' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'kpiId' });
    expectRefused(doc, () => addCheckIn(doc, { kpiId, value: 1, date: '2026-05-01', authorId: '' }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'authorId' });
    expectRefused(doc, () => addCheckIn(doc, { kpiId, value: 1, date: '2026-05-01', authorId: 'm_alice', note: 'n'.repeat(2001) }), {
      code: 'invalid-input',
      messageKey: 'errors.tooLong',
      field: 'note',
      params: { max: 2000 },
    });
    expect(kpisOf(doc).size).toBe(1);
  });
});
