// Reading a goals board into snapshots: the current value of a KPI, progress and status,
// snapshot identity for what a change did not touch, and garbage from a peer read safely.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCheckIn,
  addKpi,
  checkInsOf,
  createGoal,
  createGoalsReader,
  goalsOf,
  goalStatusOn,
  kpisOf,
  moveGoal,
  readGoalsBoard,
  updateGoal,
  type GoalSnapshot,
} from '../../shared/model';
import { goalInput, newBoard, peerOrigin, replicaOf, syncBoth } from './support/docs';

const TEN_DAYS = { kind: 'custom', start: '2026-03-01', end: '2026-03-10' } as const;
const SIGNUPS = { name: 'Signups', unit: 'number', direction: 'increase', baseline: 0, target: 100 } as const;

describe('the current value of a KPI', () => {
  it('is the latest check-in by date, even when an older date was entered later', () => {
    const doc = newBoard();
    const goalId = createGoal(doc, goalInput());
    const kpiId = addKpi(doc, { ...SIGNUPS, goalId });
    addCheckIn(doc, { kpiId, value: 30, date: '2026-04-10', authorId: 'm_a' }, 1_000);
    addCheckIn(doc, { kpiId, value: 10, date: '2026-04-03', authorId: 'm_a' }, 2_000);
    const kpi = readGoalsBoard(doc, '2026-04-15').goals[0]?.kpis[0];
    expect(kpi?.current).toBe(30);
    expect(kpi?.checkIns.map((c) => c.date)).toEqual(['2026-04-03', '2026-04-10']);
  });

  it('is the later entry when two check-ins share a date', () => {
    const doc = newBoard();
    const goalId = createGoal(doc, goalInput());
    const kpiId = addKpi(doc, { ...SIGNUPS, goalId });
    addCheckIn(doc, { kpiId, value: 55, date: '2026-04-10', authorId: 'm_b' }, 5_000);
    addCheckIn(doc, { kpiId, value: 50, date: '2026-04-10', authorId: 'm_a' }, 4_000);
    const kpi = readGoalsBoard(doc, '2026-04-15').goals[0]?.kpis[0];
    expect(kpi?.checkIns.map((c) => c.value)).toEqual([50, 55]);
    expect(kpi?.current).toBe(55);
    expect(kpi?.progress).toBe(0.55);
  });
});

describe('progress and status on the board', () => {
  it('averages the KPIs with check-ins and suggests a status against time elapsed', () => {
    const doc = newBoard();
    const goalId = createGoal(doc, goalInput({ period: TEN_DAYS }));
    const rising = addKpi(doc, { ...SIGNUPS, goalId });
    const falling = addKpi(doc, { name: 'Bugs', unit: 'number', direction: 'decrease', baseline: 40, target: 0, goalId });
    addKpi(doc, { name: 'Launched', unit: 'boolean', direction: 'increase', baseline: 0, target: 1, goalId });
    addCheckIn(doc, { kpiId: rising, value: 60, date: '2026-03-04', authorId: 'm_a' });
    addCheckIn(doc, { kpiId: falling, value: 24, date: '2026-03-04', authorId: 'm_a' });
    const goal = readGoalsBoard(doc, '2026-03-05').goals[0];
    expect(goal?.kpis.map((k) => k.progress)).toEqual([0.6, 0.4, null]);
    expect(goal?.progress).toBeCloseTo(0.5, 12);
    expect(goal).toMatchObject({ suggestedStatus: 'on-track', status: 'on-track' });
    expect(readGoalsBoard(doc, '2026-03-08').goals[0]).toMatchObject({ suggestedStatus: 'off-track', status: 'off-track' });
  });

  it('reads the status as it stood on an earlier day: the KPIs then, and an override set later not yet', () => {
    const doc = newBoard();
    const goalId = createGoal(doc, goalInput({ period: TEN_DAYS }));
    const kpiId = addKpi(doc, { ...SIGNUPS, goalId });
    addCheckIn(doc, { kpiId, value: 20, date: '2026-03-02', authorId: 'm_a' });
    addCheckIn(doc, { kpiId, value: 90, date: '2026-03-06', authorId: 'm_a' });
    updateGoal(doc, { id: goalId, statusOverride: 'at-risk' }, Date.parse('2026-03-07T09:00:00Z'));
    const goal = readGoalsBoard(doc, '2026-03-08').goals[0] as GoalSnapshot;
    expect(goal.status).toBe('at-risk');
    // On the 3rd: 20 % done with 30 % of the period gone, on track; on the 5th: 20 % at half the period, off track.
    expect([goalStatusOn(goal, '2026-03-03'), goalStatusOn(goal, '2026-03-05'), goalStatusOn(goal, '2026-03-07')]).toEqual(['on-track', 'off-track', 'at-risk']);
    updateGoal(doc, { id: goalId, statusOverride: 'off-track' }, Date.parse('2026-03-09T09:00:00Z'));
    const later = readGoalsBoard(doc, '2026-03-10').goals[0] as GoalSnapshot;
    expect([goalStatusOn(later, '2026-03-08'), goalStatusOn(later, '2026-03-09')]).toEqual(['at-risk', 'off-track']);
  });

  it('shows a status override instead of the suggestion', () => {
    const doc = newBoard();
    const goalId = createGoal(doc, goalInput({ period: TEN_DAYS }));
    const kpiId = addKpi(doc, { ...SIGNUPS, goalId });
    addCheckIn(doc, { kpiId, value: 90, date: '2026-03-04', authorId: 'm_a' });
    updateGoal(doc, { id: goalId, statusOverride: 'at-risk' });
    expect(readGoalsBoard(doc, '2026-03-05').goals[0]).toMatchObject({ suggestedStatus: 'on-track', statusOverride: 'at-risk', status: 'at-risk' });
  });

  it('lists goals and each goal’s KPIs in their order', () => {
    const doc = newBoard();
    const [a, b, c] = ['A', 'B', 'C'].map((title) => createGoal(doc, goalInput({ title }))) as [string, string, string];
    moveGoal(doc, { id: c, toIndex: 0 });
    const k1 = addKpi(doc, { ...SIGNUPS, goalId: b, name: 'First' });
    const k2 = addKpi(doc, { ...SIGNUPS, goalId: b, name: 'Second' });
    const snapshot = readGoalsBoard(doc, '2026-05-01');
    expect(snapshot.goals.map((g) => g.id)).toEqual([c, a, b]);
    expect(snapshot.goals[2]?.kpis.map((k) => k.id)).toEqual([k1, k2]);
  });
});

describe('snapshot identity', () => {
  function boardWithTwoGoals() {
    const doc = newBoard();
    const a = createGoal(doc, goalInput({ title: 'A' }));
    const b = createGoal(doc, goalInput({ title: 'B' }));
    const kpiA = addKpi(doc, { ...SIGNUPS, goalId: a });
    const kpiB = addKpi(doc, { ...SIGNUPS, goalId: b });
    addCheckIn(doc, { kpiId: kpiA, value: 10, date: '2026-04-01', authorId: 'm_a' });
    addCheckIn(doc, { kpiId: kpiB, value: 20, date: '2026-04-01', authorId: 'm_a' });
    const reader = createGoalsReader(doc, () => '2026-05-01');
    return { doc, a, b, kpiA, kpiB, reader };
  }
  const find = (s: { goals: readonly { id: string }[] }, id: string) => s.goals.find((g) => g.id === id);

  it('keeps the snapshot of a goal an edit did not touch', () => {
    const { doc, a, b, reader } = boardWithTwoGoals();
    const first = reader.read();
    updateGoal(doc, { id: a, title: 'A, renamed' });
    const second = reader.read();
    expect(second).not.toBe(first);
    expect(find(second, b)).toBe(find(first, b));
    expect(find(second, a)).not.toBe(find(first, a));
    expect(find(second, a)).toMatchObject({ title: 'A, renamed' });
  });

  it('keeps the snapshot of a goal when a check-in lands on another goal’s KPI', () => {
    const { doc, a, b, kpiA, reader } = boardWithTwoGoals();
    const first = reader.read();
    addCheckIn(doc, { kpiId: kpiA, value: 40, date: '2026-04-20', authorId: 'm_a' });
    const second = reader.read();
    expect(find(second, b)).toBe(find(first, b));
    expect(find(second, a)).not.toBe(find(first, a));
  });

  it('keeps every check-in snapshot that did not change', () => {
    const { doc, a, kpiA, reader } = boardWithTwoGoals();
    const first = reader.read().goals.find((g) => g.id === a)?.kpis[0]?.checkIns[0];
    addCheckIn(doc, { kpiId: kpiA, value: 40, date: '2026-04-20', authorId: 'm_a' });
    const second = reader.read().goals.find((g) => g.id === a)?.kpis[0]?.checkIns[0];
    expect(second).toBe(first);
  });

  it('notices a check-in a peer corrected in place', () => {
    const { doc, a, reader } = boardWithTwoGoals();
    const first = reader.read();
    const checkIn = [...checkInsOf(doc).values()][0] as Y.Map<unknown>;
    doc.transact(() => checkIn.set('value', 11), peerOrigin());
    const second = reader.read();
    expect(find(second, a)).not.toBe(find(first, a));
    expect(second.goals.find((g) => g.id === a)?.kpis[0]?.current).toBe(11);
  });

  it('returns the same board snapshot when nothing changed', () => {
    const { doc, reader } = boardWithTwoGoals();
    const first = reader.read();
    expect(reader.read()).toBe(first);
    doc.transact(() => doc.getMap('meta').set('note', 'unrelated'), peerOrigin());
    expect(reader.read()).toBe(first);
  });

  it('gives the same board snapshot after a teammate’s identical edit', () => {
    const { doc, a, reader } = boardWithTwoGoals();
    const teammate = replicaOf(doc);
    const first = reader.read();
    updateGoal(teammate, { id: a, team: 'operations' });
    syncBoth(doc, teammate);
    expect(reader.read()).toBe(first);
  });

  it('stops listening once destroyed', () => {
    const { doc, a, reader } = boardWithTwoGoals();
    reader.destroy();
    expect(() => updateGoal(doc, { id: a, title: 'Still works' })).not.toThrow();
  });
});

describe('reading what a peer wrote oddly', () => {
  it('reads garbage defensively instead of throwing', () => {
    const doc = newBoard();
    const goalId = createGoal(doc, goalInput({ title: 'Good goal' }));
    const kpiId = addKpi(doc, { ...SIGNUPS, goalId });
    addCheckIn(doc, { kpiId, value: 10, date: '2026-04-01', authorId: 'm_a' });
    const before = readGoalsBoard(doc, '2026-05-01');
    doc.transact(() => {
      goalsOf(doc).set('g_number', 42);
      goalsOf(doc).set('g_text', 'a goal?');
      goalsOf(doc).set('g_array', new Y.Array());
      const odd = new Y.Map<unknown>();
      goalsOf(doc).set('g_odd', odd);
      for (const [key, value] of Object.entries({
        title: 7,
        description: 9,
        ownerId: 3,
        team: 'marketing',
        periodKind: 'decade',
        periodStart: 20260101,
        periodEnd: null,
        parentId: { id: goalId },
        statusOverride: 'great',
        confidence: 'high',
        order: 5,
        createdAt: 'yesterday',
        createdBy: false,
      })) odd.set(key, value);
      kpisOf(doc).set('k_number', 1);
      const oddKpi = new Y.Map<unknown>();
      kpisOf(doc).set('k_odd', oddKpi);
      for (const [key, value] of Object.entries({ goalId: 'g_odd', name: 3, unit: 'miles', direction: 'up', baseline: 'abc', target: Number.NaN, order: [] })) oddKpi.set(key, value);
      checkInsOf(doc).set('c_number', 5);
      const oddCheckIn = new Y.Map<unknown>();
      checkInsOf(doc).set('c_odd', oddCheckIn);
      for (const [key, value] of Object.entries({ kpiId: 'k_odd', value: 'lots', date: 20260401, createdAt: Number.POSITIVE_INFINITY })) oddCheckIn.set(key, value);
    }, peerOrigin());

    const snapshot = readGoalsBoard(doc, '2026-05-01');
    expect(snapshot.goals.map((g) => g.id).sort()).toEqual([goalId, 'g_odd'].sort());
    expect(snapshot.goals.find((g) => g.id === goalId)).toEqual(before.goals[0]);
    const odd = snapshot.goals.find((g) => g.id === 'g_odd');
    expect(odd).toMatchObject({
      title: '',
      description: '',
      ownerId: null,
      team: 'shared',
      period: { kind: 'custom', start: '1970-01-01', end: '1970-01-01' },
      parentId: null,
      statusOverride: null,
      confidence: null,
      order: '',
      createdAt: 0,
      createdBy: '',
    });
    expect(odd?.kpis).toHaveLength(1);
    expect(odd?.kpis[0]).toMatchObject({ name: '', unit: 'number', direction: 'increase', baseline: 0, target: 0, order: '' });
    expect(odd?.kpis[0]?.checkIns[0]).toMatchObject({ value: 0, date: '', note: '', authorId: '', createdAt: 0 });
  });

  it('shows a goal filed under itself, under a missing goal or in a loop of two without the broken link', () => {
    const doc = newBoard();
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((title) => createGoal(doc, goalInput({ title }))) as [string, string, string, string];
    const e = createGoal(doc, goalInput({ title: 'E', parentId: d }));
    doc.transact(() => {
      (goalsOf(doc).get(a) as Y.Map<unknown>).set('parentId', a);
      (goalsOf(doc).get(b) as Y.Map<unknown>).set('parentId', c);
      (goalsOf(doc).get(c) as Y.Map<unknown>).set('parentId', b);
      (goalsOf(doc).get(d) as Y.Map<unknown>).set('parentId', 'g_missing');
    }, peerOrigin());
    const parents = new Map(readGoalsBoard(doc, '2026-05-01').goals.map((g) => [g.id, g.parentId]));
    const [first, second] = [b, c].sort() as [string, string];
    expect(Object.fromEntries(parents)).toEqual({ [a]: null, [first]: null, [second]: first, [d]: null, [e]: d });
  });

  it('still moves goals when a peer wrote a broken order key', () => {
    const doc = newBoard();
    const [a, b, c] = ['A', 'B', 'C'].map((title) => createGoal(doc, goalInput({ title }))) as [string, string, string];
    doc.transact(() => (goalsOf(doc).get(b) as Y.Map<unknown>).set('order', 42), peerOrigin());
    expect(() => moveGoal(doc, { id: a, toIndex: 2 })).not.toThrow();
    const ids = readGoalsBoard(doc, '2026-05-01').goals.map((g) => g.id);
    expect(ids).toHaveLength(3);
    expect(ids.at(-1)).toBe(a);
    expect(new Set(ids)).toEqual(new Set([a, b, c]));
  });
});
