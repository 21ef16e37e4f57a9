// Goal mutations on a goals board: create, update, move and delete, each with the input a
// person (or a confused caller) might give it, and the doc left untouched when refused.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCheckIn,
  addKpi,
  createGoal,
  deleteGoal,
  goalsOf,
  ID_PATTERN,
  kpisOf,
  checkInsOf,
  moveGoal,
  readGoalOrder,
  readGoalsBoard,
  updateGoal,
} from '../../shared/model';
import { expectRefused, goalInput, newBoard } from './support/docs';

const TODAY = '2026-05-15';
const titles = (doc: Y.Doc) => readGoalsBoard(doc, TODAY).goals.map((g) => g.title);
const goal = (doc: Y.Doc, id: string) => readGoalsBoard(doc, TODAY).goals.find((g) => g.id === id);

function boardWith(...names: string[]): { doc: Y.Doc; ids: string[] } {
  const doc = newBoard();
  const ids = names.map((title) => createGoal(doc, goalInput({ title })));
  return { doc, ids };
}

describe('creating a goal', () => {
  it('keeps what was typed, trimmed, and places the goal at the end of the list', () => {
    const { doc } = boardWith('First');
    const id = createGoal(
      doc,
      goalInput({ title: '  Halve support backlog \t', description: 'Every ticket answered in a day', ownerId: 'm_bob', team: 'product', confidence: 70 }),
      1_700_000_000_000,
    );
    expect(id).toMatch(ID_PATTERN);
    expect(titles(doc)).toEqual(['First', 'Halve support backlog']);
    expect(goal(doc, id)).toMatchObject({
      id,
      title: 'Halve support backlog',
      description: 'Every ticket answered in a day',
      ownerId: 'm_bob',
      team: 'product',
      period: { kind: 'quarter', start: '2026-04-01', end: '2026-06-30' },
      parentId: null,
      statusOverride: null,
      confidence: 70,
      createdAt: 1_700_000_000_000,
      createdBy: 'm_alice0000000000',
      kpis: [],
      progress: null,
      status: null,
    });
  });

  it('stores the description as shared text, so teammates can edit it together', () => {
    const { doc, ids } = boardWith('Goal');
    const stored = goalsOf(doc).get(ids[0] as string) as Y.Map<unknown>;
    expect(stored.get('description')).toBeInstanceOf(Y.Text);
  });

  it('accepts a title of exactly 200 characters and a one-day period', () => {
    const doc = newBoard();
    const id = createGoal(doc, goalInput({ title: 'x'.repeat(200), period: { kind: 'custom', start: '2026-03-01', end: '2026-03-01' } }));
    expect(goal(doc, id)?.title).toHaveLength(200);
  });

  it('files a sub-goal under its parent', () => {
    const { doc, ids } = boardWith('Parent');
    const child = createGoal(doc, goalInput({ title: 'Child', parentId: ids[0] }));
    expect(goal(doc, child)?.parentId).toBe(ids[0]);
  });

  it('refuses a parent that does not exist', () => {
    const { doc } = boardWith('Parent');
    expectRefused(doc, () => createGoal(doc, goalInput({ parentId: 'g_missing000000000' })), { code: 'not-found', messageKey: 'errors.notFound', field: 'parentId' });
  });

  describe('refuses a bad title and changes nothing', () => {
    it.each([
      ['an empty title', '', 'errors.required', undefined],
      ['an all-whitespace title', ' \t\n  ', 'errors.required', undefined],
      ['a 201-character title', 'x'.repeat(201), 'errors.tooLong', { max: 200 }],
      ['a 100,000-character title', 'x'.repeat(100_000), 'errors.tooLong', { max: 200 }],
      ['a number for a title', 42, 'errors.required', undefined],
      ['a missing title', undefined, 'errors.required', undefined],
    ])('%s', (_label, title, messageKey, params) => {
      const { doc } = boardWith('Existing');
      expectRefused(doc, () => createGoal(doc, { ...goalInput(), title: title as string }), { code: 'invalid-input', messageKey, field: 'title', ...(params ? { params } : {}) });
    });
  });

  describe('refuses a bad period and changes nothing', () => {
    it.each([
      ['a start date that does not exist (30 February)', { start: '2026-02-30', end: '2026-06-30' }, 'errors.invalidDate', 'period.start'],
      ['29 February in a year that is not a leap year', { start: '2026-02-29', end: '2026-06-30' }, 'errors.invalidDate', 'period.start'],
      ['an end date in month 13', { start: '2026-04-01', end: '2026-13-01' }, 'errors.invalidDate', 'period.end'],
      ['a date not written YYYY-MM-DD', { start: '2026-4-1', end: '2026-06-30' }, 'errors.invalidDate', 'period.start'],
      ['a date with a time on it', { start: '2026-04-01T00:00:00Z', end: '2026-06-30' }, 'errors.invalidDate', 'period.start'],
      ['an end before the start', { start: '2026-06-30', end: '2026-04-01' }, 'errors.periodOrder', 'period.end'],
    ])('%s', (_label, dates, messageKey, field) => {
      const { doc } = boardWith('Existing');
      expectRefused(doc, () => createGoal(doc, goalInput({ period: { kind: 'custom', ...dates } })), { code: 'invalid-input', messageKey, field });
    });

    it('an unknown period kind', () => {
      const doc = newBoard();
      expectRefused(doc, () => createGoal(doc, goalInput({ period: { kind: 'fortnight' as 'custom', start: '2026-04-01', end: '2026-04-14' } })), {
        code: 'invalid-input',
        messageKey: 'errors.invalid',
        field: 'period.kind',
      });
    });
  });

  describe('refuses a confidence that is not a number from 0 to 100', () => {
    it.each([
      ['NaN', Number.NaN, 'errors.notANumber'],
      ['Infinity', Number.POSITIVE_INFINITY, 'errors.notANumber'],
      ['-Infinity', Number.NEGATIVE_INFINITY, 'errors.notANumber'],
      ['the text "abc"', 'abc', 'errors.notANumber'],
      ['101', 101, 'errors.range'],
      ['-1', -1, 'errors.range'],
    ])('%s', (_label, confidence, messageKey) => {
      const doc = newBoard();
      expectRefused(doc, () => createGoal(doc, goalInput({ confidence: confidence as number })), { code: 'invalid-input', messageKey, field: 'confidence' });
    });
  });

  it('refuses an unknown team, a missing author and an over-long description', () => {
    const doc = newBoard();
    expectRefused(doc, () => createGoal(doc, goalInput({ team: 'marketing' as 'product' })), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'team' });
    expectRefused(doc, () => createGoal(doc, goalInput({ createdBy: '' })), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'createdBy' });
    expectRefused(doc, () => createGoal(doc, goalInput({ description: 'd'.repeat(20_001) })), {
      code: 'invalid-input',
      messageKey: 'errors.tooLong',
      field: 'description',
      params: { max: 20_000 },
    });
  });
});

describe('updating a goal', () => {
  it('changes only the fields given', () => {
    const { doc, ids } = boardWith('Original');
    const id = ids[0] as string;
    const before = goal(doc, id);
    updateGoal(doc, { id, title: '  Renamed  ' });
    expect(goal(doc, id)).toEqual({ ...before, title: 'Renamed' });
  });

  it('sets and clears owner, team, period, confidence and a status override', () => {
    const { doc, ids } = boardWith('Goal');
    const id = ids[0] as string;
    updateGoal(doc, { id, ownerId: 'm_carol', team: 'shared', period: { kind: 'month', start: '2026-05-01', end: '2026-05-31' }, confidence: 40, statusOverride: 'at-risk' });
    expect(goal(doc, id)).toMatchObject({
      ownerId: 'm_carol',
      team: 'shared',
      period: { kind: 'month', start: '2026-05-01', end: '2026-05-31' },
      confidence: 40,
      statusOverride: 'at-risk',
      status: 'at-risk',
    });
    updateGoal(doc, { id, ownerId: null, confidence: null, statusOverride: null });
    expect(goal(doc, id)).toMatchObject({ ownerId: null, confidence: null, statusOverride: null, status: null });
  });

  it('edits the description in place, keeping the same shared text', () => {
    const doc = newBoard();
    const id = createGoal(doc, goalInput({ description: 'Ship the beta' }));
    const text = (goalsOf(doc).get(id) as Y.Map<unknown>).get('description');
    updateGoal(doc, { id, description: 'Ship the public beta' });
    expect((goalsOf(doc).get(id) as Y.Map<unknown>).get('description')).toBe(text);
    expect(goal(doc, id)?.description).toBe('Ship the public beta');
  });

  it('writes nothing when the title is saved unchanged', () => {
    const { doc, ids } = boardWith('Same');
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    updateGoal(doc, { id: ids[0] as string, title: 'Same', description: '' });
    expect(updates).toHaveLength(0);
  });

  it('moves a goal under another one, and back to the top level', () => {
    const { doc, ids } = boardWith('A', 'B');
    const [a, b] = ids as [string, string];
    updateGoal(doc, { id: b, parentId: a });
    expect(goal(doc, b)?.parentId).toBe(a);
    updateGoal(doc, { id: b, parentId: null });
    expect(goal(doc, b)?.parentId).toBeNull();
  });

  it('refuses a goal that does not exist', () => {
    const { doc } = boardWith('A');
    expectRefused(doc, () => updateGoal(doc, { id: 'g_gone000000000000', title: 'x' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
  });

  it('refuses to make a goal its own parent', () => {
    const { doc, ids } = boardWith('A');
    const id = ids[0] as string;
    expectRefused(doc, () => updateGoal(doc, { id, parentId: id }), { code: 'invalid-input', messageKey: 'errors.parentCycle', field: 'parentId' });
  });

  it('refuses to file a goal under one of its own sub-goals', () => {
    const { doc, ids } = boardWith('Grandparent', 'Parent', 'Child');
    const [a, b, c] = ids as [string, string, string];
    updateGoal(doc, { id: b, parentId: a });
    updateGoal(doc, { id: c, parentId: b });
    expectRefused(doc, () => updateGoal(doc, { id: a, parentId: c }), { code: 'invalid-input', messageKey: 'errors.parentCycle', field: 'parentId' });
    expectRefused(doc, () => updateGoal(doc, { id: a, title: 'Renamed too', parentId: b }), { code: 'invalid-input', messageKey: 'errors.parentCycle', field: 'parentId' });
  });

  it('refuses a parent that does not exist', () => {
    const { doc, ids } = boardWith('A');
    expectRefused(doc, () => updateGoal(doc, { id: ids[0] as string, parentId: 'g_nope' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'parentId' });
  });

  describe('refuses bad input and changes nothing', () => {
    it.each([
      ['an empty title', { title: '' }, 'errors.required', 'title'],
      ['an all-whitespace title', { title: '     ' }, 'errors.required', 'title'],
      ['a 201-character title', { title: 'y'.repeat(201) }, 'errors.tooLong', 'title'],
      ['a 100,000-character title', { title: 'y'.repeat(100_000) }, 'errors.tooLong', 'title'],
      ['a NaN confidence', { confidence: Number.NaN }, 'errors.notANumber', 'confidence'],
      ['an infinite confidence', { confidence: Number.POSITIVE_INFINITY }, 'errors.notANumber', 'confidence'],
      ['a confidence of -Infinity', { confidence: Number.NEGATIVE_INFINITY }, 'errors.notANumber', 'confidence'],
      ['a confidence of "abc"', { confidence: 'abc' }, 'errors.notANumber', 'confidence'],
      ['a period ending before it starts', { period: { kind: 'custom', start: '2026-05-02', end: '2026-05-01' } }, 'errors.periodOrder', 'period.end'],
      ['a period ending on 30 February', { period: { kind: 'custom', start: '2026-02-01', end: '2026-02-30' } }, 'errors.invalidDate', 'period.end'],
      ['an unknown status', { statusOverride: 'great' }, 'errors.invalid', 'statusOverride'],
      ['an empty id', { id: '' }, 'errors.invalid', 'id'],
    ])('%s', (_label, patch, messageKey, field) => {
      const { doc, ids } = boardWith('Goal');
      expectRefused(doc, () => updateGoal(doc, { id: ids[0] as string, ...(patch as object) }), { code: 'invalid-input', messageKey, field });
    });
  });
});

describe('moving a goal', () => {
  it('puts it first, in the middle or last, changing only its own order key', () => {
    const { doc, ids } = boardWith('A', 'B', 'C', 'D');
    const [, , c, d] = ids as [string, string, string, string];
    const keysBefore = new Map(readGoalOrder(doc).map((g) => [g.id, g.order]));

    moveGoal(doc, { id: d, toIndex: 0 });
    expect(titles(doc)).toEqual(['D', 'A', 'B', 'C']);
    for (const g of readGoalOrder(doc)) if (g.id !== d) expect(g.order).toBe(keysBefore.get(g.id));

    moveGoal(doc, { id: c, toIndex: 1 });
    expect(titles(doc)).toEqual(['D', 'C', 'A', 'B']);

    moveGoal(doc, { id: d, toIndex: 3 });
    expect(titles(doc)).toEqual(['C', 'A', 'B', 'D']);
  });

  it('puts it last when the index is past the end', () => {
    const { doc, ids } = boardWith('A', 'B', 'C');
    moveGoal(doc, { id: ids[0] as string, toIndex: 99 });
    expect(titles(doc)).toEqual(['B', 'C', 'A']);
  });

  it('keeps the order when a goal is dropped where it already is', () => {
    const { doc, ids } = boardWith('A', 'B', 'C');
    moveGoal(doc, { id: ids[1] as string, toIndex: 1 });
    expect(titles(doc)).toEqual(['A', 'B', 'C']);
  });

  it('places new goals after a moved one', () => {
    const { doc, ids } = boardWith('A', 'B');
    moveGoal(doc, { id: ids[0] as string, toIndex: 1 });
    createGoal(doc, goalInput({ title: 'C' }));
    expect(titles(doc)).toEqual(['B', 'A', 'C']);
  });

  it('refuses a goal that does not exist', () => {
    const { doc } = boardWith('A');
    expectRefused(doc, () => moveGoal(doc, { id: 'g_gone', toIndex: 0 }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
  });

  it.each([
    ['a negative index', -1],
    ['a fractional index', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['the text "abc"', 'abc'],
  ])('refuses %s as the new position', (_label, toIndex) => {
    const { doc, ids } = boardWith('A', 'B');
    expectRefused(doc, () => moveGoal(doc, { id: ids[0] as string, toIndex: toIndex as number }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'toIndex' });
  });
});

describe('deleting a goal', () => {
  function boardWithKpis() {
    const { doc, ids } = boardWith('Doomed', 'Kept');
    const [doomed, kept] = ids as [string, string];
    const kpiArgs = { name: 'Signups', unit: 'number', direction: 'increase', baseline: 0, target: 100 } as const;
    const doomedKpis = [addKpi(doc, { ...kpiArgs, goalId: doomed }), addKpi(doc, { ...kpiArgs, name: 'NPS', goalId: doomed })];
    const keptKpi = addKpi(doc, { ...kpiArgs, goalId: kept });
    for (const kpiId of [...doomedKpis, keptKpi]) addCheckIn(doc, { kpiId, value: 10, date: '2026-04-10', authorId: 'm_alice' });
    addCheckIn(doc, { kpiId: doomedKpis[0] as string, value: 20, date: '2026-04-20', authorId: 'm_alice' });
    return { doc, doomed, kept, doomedKpis, keptKpi };
  }

  it('removes the goal with its KPIs and their check-ins, and nothing else', () => {
    const { doc, doomed, kept, keptKpi } = boardWithKpis();
    deleteGoal(doc, { id: doomed });
    expect(goalsOf(doc).has(doomed)).toBe(false);
    expect([...kpisOf(doc).keys()]).toEqual([keptKpi]);
    expect([...checkInsOf(doc).values()].map((c) => (c as Y.Map<unknown>).get('kpiId'))).toEqual([keptKpi]);
    const snapshot = readGoalsBoard(doc, TODAY);
    expect(snapshot.goals.map((g) => g.id)).toEqual([kept]);
    expect(snapshot.goals[0]?.kpis.map((k) => k.checkIns.length)).toEqual([1]);
  });

  it('lifts its sub-goals to the top level instead of deleting them', () => {
    const { doc, ids } = boardWith('Parent', 'Child', 'Grandchild');
    const [parent, child, grandchild] = ids as [string, string, string];
    updateGoal(doc, { id: child, parentId: parent });
    updateGoal(doc, { id: grandchild, parentId: child });
    deleteGoal(doc, { id: parent });
    expect(goal(doc, child)?.parentId).toBeNull();
    expect(goal(doc, grandchild)?.parentId).toBe(child);
  });

  it('refuses a goal that does not exist, or was already deleted', () => {
    const { doc, ids } = boardWith('A', 'B');
    deleteGoal(doc, { id: ids[0] as string });
    expectRefused(doc, () => deleteGoal(doc, { id: ids[0] as string }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
    expectRefused(doc, () => deleteGoal(doc, { id: '' }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'id' });
  });
});
