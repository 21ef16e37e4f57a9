// Two laptops editing the same board offline, then merging both ways: every scenario must
// end with identical content on both and nothing a person typed silently lost.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addCheckIn,
  addKpi,
  createGoal,
  deleteGoal,
  goalsOf,
  moveGoal,
  readGoalOrder,
  readGoalsBoard,
  updateGoal,
  type GoalsBoardSnapshot,
} from '../../shared/model';
import { contentHash, goalInput, newBoard, replicaOf, seededRandom, syncBoth } from './support/docs';

const TODAY = '2026-05-15';
const SIGNUPS = { name: 'Signups', unit: 'number', direction: 'increase', baseline: 0, target: 100 } as const;

/** A board with goals titled by `titles`, and a teammate's replica of it. */
function twoLaptops(...titles: string[]): { alice: Y.Doc; bob: Y.Doc; ids: string[] } {
  const alice = newBoard();
  const ids = titles.map((title) => createGoal(alice, goalInput({ title })));
  return { alice, bob: replicaOf(alice), ids };
}

/** Merges both ways and asserts both laptops now hold the same content and show the same board. */
function mergeAndAgree(alice: Y.Doc, bob: Y.Doc): GoalsBoardSnapshot {
  syncBoth(alice, bob);
  expect(contentHash(bob)).toBe(contentHash(alice));
  const snapshot = readGoalsBoard(alice, TODAY);
  expect(readGoalsBoard(bob, TODAY)).toEqual(snapshot);
  return snapshot;
}

const titlesOf = (s: GoalsBoardSnapshot) => s.goals.map((g) => g.title);

describe('concurrent edits to one goal', () => {
  it('keeps both when two people change different fields of the same goal', () => {
    const { alice, bob, ids } = twoLaptops('Grow activation');
    const id = ids[0] as string;
    updateGoal(alice, { id, title: 'Grow week-1 activation', confidence: 60 });
    updateGoal(bob, { id, team: 'product', ownerId: 'm_bob', statusOverride: 'at-risk' });
    const goal = mergeAndAgree(alice, bob).goals[0];
    expect(goal).toMatchObject({ title: 'Grow week-1 activation', confidence: 60, team: 'product', ownerId: 'm_bob', statusOverride: 'at-risk' });
  });

  it('settles on one title on both laptops when two people retitle the same goal', () => {
    const { alice, bob, ids } = twoLaptops('Original');
    updateGoal(alice, { id: ids[0] as string, title: 'Alice’s title' });
    updateGoal(bob, { id: ids[0] as string, title: 'Bob’s title' });
    expect(['Alice’s title', 'Bob’s title']).toContain(mergeAndAgree(alice, bob).goals[0]?.title);
  });

  it('keeps both people’s typing in the same description', () => {
    const alice = newBoard();
    const id = createGoal(alice, goalInput({ description: 'Draft plan' }));
    const bob = replicaOf(alice);
    updateGoal(alice, { id, description: 'Draft plan for Q3' });
    updateGoal(bob, { id, description: 'Revised: Draft plan' });
    expect(mergeAndAgree(alice, bob).goals[0]?.description).toBe('Revised: Draft plan for Q3');
  });

  it('keeps edits in the middle of a description from both sides', () => {
    const alice = newBoard();
    const id = createGoal(alice, goalInput({ description: 'Ship onboarding. Measure churn.' }));
    const bob = replicaOf(alice);
    updateGoal(alice, { id, description: 'Ship the new onboarding. Measure churn.' });
    updateGoal(bob, { id, description: 'Ship onboarding. Measure churn weekly.' });
    expect(mergeAndAgree(alice, bob).goals[0]?.description).toBe('Ship the new onboarding. Measure churn weekly.');
  });
});

describe('concurrent check-ins', () => {
  it('keeps two offline check-ins on the same day, and both appear on the board', () => {
    const alice = newBoard();
    const goalId = createGoal(alice, goalInput());
    const kpiId = addKpi(alice, { ...SIGNUPS, goalId });
    const bob = replicaOf(alice);
    const fromAlice = addCheckIn(alice, { kpiId, value: 40, date: '2026-05-10', authorId: 'm_alice' }, 1_000);
    const fromBob = addCheckIn(bob, { kpiId, value: 42, date: '2026-05-10', authorId: 'm_bob' }, 2_000);
    const kpi = mergeAndAgree(alice, bob).goals[0]?.kpis[0];
    expect(kpi?.checkIns.map((c) => [c.id, c.value, c.authorId])).toEqual([
      [fromAlice, 40, 'm_alice'],
      [fromBob, 42, 'm_bob'],
    ]);
    expect(kpi?.current).toBe(42);
  });

  it('keeps check-ins added while the goal was renamed elsewhere', () => {
    const alice = newBoard();
    const goalId = createGoal(alice, goalInput());
    const kpiId = addKpi(alice, { ...SIGNUPS, goalId });
    const bob = replicaOf(alice);
    updateGoal(alice, { id: goalId, title: 'Renamed' });
    addCheckIn(bob, { kpiId, value: 55, date: '2026-05-11', authorId: 'm_bob' });
    const goal = mergeAndAgree(alice, bob).goals[0];
    expect(goal?.title).toBe('Renamed');
    expect(goal?.kpis[0]?.current).toBe(55);
  });
});

describe('concurrent deletion', () => {
  it('leaves no visible orphan when a goal is deleted while a teammate checks in on its KPI', () => {
    const alice = newBoard();
    const doomed = createGoal(alice, goalInput({ title: 'Doomed' }));
    const kept = createGoal(alice, goalInput({ title: 'Kept' }));
    const kpiId = addKpi(alice, { ...SIGNUPS, goalId: doomed });
    const bob = replicaOf(alice);
    deleteGoal(alice, { id: doomed });
    addCheckIn(bob, { kpiId, value: 70, date: '2026-05-12', authorId: 'm_bob' });
    addKpi(bob, { ...SIGNUPS, name: 'Added meanwhile', goalId: doomed });
    updateGoal(bob, { id: doomed, title: 'Edited meanwhile' });
    const snapshot = mergeAndAgree(alice, bob);
    expect(snapshot.goals.map((g) => g.id)).toEqual([kept]);
    expect(snapshot.goals[0]?.kpis).toEqual([]);
  });

  it('shows a sub-goal filed under a goal deleted meanwhile at the top level', () => {
    const { alice, bob, ids } = twoLaptops('Parent', 'Child');
    const [parent, child] = ids as [string, string];
    deleteGoal(alice, { id: parent });
    updateGoal(bob, { id: child, parentId: parent });
    const snapshot = mergeAndAgree(alice, bob);
    expect(snapshot.goals.map((g) => [g.id, g.parentId])).toEqual([[child, null]]);
  });

  it('never shows goals nested in a loop when two people nest two goals under each other', () => {
    const { alice, bob, ids } = twoLaptops('A', 'B', 'C');
    const [a, b, c] = ids as [string, string, string];
    updateGoal(alice, { id: a, parentId: b });
    updateGoal(bob, { id: b, parentId: c });
    updateGoal(bob, { id: c, parentId: a });
    const snapshot = mergeAndAgree(alice, bob);
    const parentOf = new Map(snapshot.goals.map((g) => [g.id, g.parentId]));
    for (const goal of snapshot.goals) {
      const seen = new Set<string>([goal.id]);
      for (let cursor = goal.parentId; cursor !== null; cursor = parentOf.get(cursor) ?? null) {
        expect(seen.has(cursor), `goal ${goal.title} is its own ancestor`).toBe(false);
        seen.add(cursor);
      }
    }
    // Exactly one link of the loop is dropped, the same on both laptops.
    expect(snapshot.goals.filter((g) => g.parentId === null).map((g) => g.id)).toEqual([[a, b, c].sort()[0]]);
  });
});

describe('concurrent reordering', () => {
  const expectEachGoalOnce = (snapshot: GoalsBoardSnapshot, ids: readonly string[]) => {
    expect([...snapshot.goals.map((g) => g.id)].sort()).toEqual([...ids].sort());
  };

  it('applies both moves when two people move different goals', () => {
    const { alice, bob, ids } = twoLaptops('A', 'B', 'C', 'D', 'E');
    moveGoal(alice, { id: ids[0] as string, toIndex: 4 });
    moveGoal(bob, { id: ids[4] as string, toIndex: 0 });
    const snapshot = mergeAndAgree(alice, bob);
    expectEachGoalOnce(snapshot, ids);
    expect(titlesOf(snapshot)).toEqual(['E', 'B', 'C', 'D', 'A']);
  });

  it('keeps a goal exactly once when two people move it to different places', () => {
    const { alice, bob, ids } = twoLaptops('A', 'B', 'C', 'D', 'E');
    moveGoal(alice, { id: ids[2] as string, toIndex: 0 });
    moveGoal(bob, { id: ids[2] as string, toIndex: 4 });
    const snapshot = mergeAndAgree(alice, bob);
    expectEachGoalOnce(snapshot, ids);
    expect([
      ['C', 'A', 'B', 'D', 'E'],
      ['A', 'B', 'D', 'E', 'C'],
    ]).toContainEqual(titlesOf(snapshot));
  });

  it('agrees on an order when two people drop different goals into the same gap', () => {
    const { alice, bob, ids } = twoLaptops('A', 'B', 'C', 'D');
    // Both land between C and D, so both laptops generate the same key: the id breaks the tie.
    moveGoal(alice, { id: ids[0] as string, toIndex: 2 });
    moveGoal(bob, { id: ids[1] as string, toIndex: 2 });
    const snapshot = mergeAndAgree(alice, bob);
    expectEachGoalOnce(snapshot, ids);
    const titles = titlesOf(snapshot);
    expect([titles[0], titles[3]]).toEqual(['C', 'D']);
    expect([titles[1], titles[2]].sort()).toEqual(['A', 'B']);
  });

  it('agrees on an order when two people add goals at the end at the same time', () => {
    const { alice, bob } = twoLaptops('A');
    createGoal(alice, goalInput({ title: 'From Alice' }));
    createGoal(bob, goalInput({ title: 'From Bob' }));
    const snapshot = mergeAndAgree(alice, bob);
    expect(titlesOf(snapshot)[0]).toBe('A');
    expect([...titlesOf(snapshot)].sort()).toEqual(['A', 'From Alice', 'From Bob']);
    // Moving into the tie between the two new goals still gives a well-defined order.
    const middle = createGoal(alice, goalInput({ title: 'Middle' }));
    moveGoal(alice, { id: middle, toIndex: 2 });
    expect(titlesOf(mergeAndAgree(alice, bob))[2]).toBe('Middle');
  });

  it('keeps every goal exactly once and one order on both laptops after random moves (seeded)', () => {
    const baseSeed = Number(process.env.TANDEM_SEED ?? 20_260_515);
    for (let iteration = 0; iteration < 200; iteration++) {
      const seed = baseSeed + iteration;
      const random = seededRandom(seed);
      const log: string[] = [];
      try {
        const count = 2 + Math.floor(random() * 7);
        const alice = newBoard(1);
        const ids = Array.from({ length: count }, (_, i) => createGoal(alice, goalInput({ title: `G${i}` })));
        const bob = replicaOf(alice, 2);
        const name = (id: string) => `G${ids.indexOf(id)}`;
        const rounds = 1 + Math.floor(random() * 3);
        for (let round = 0; round < rounds; round++) {
          for (const [who, doc] of [['alice', alice], ['bob', bob]] as const) {
            const moves = Math.floor(random() * 5);
            for (let m = 0; m < moves; m++) {
              const id = ids[Math.floor(random() * count)] as string;
              const toIndex = Math.floor(random() * (count + 1));
              log.push(`${who} moves ${name(id)} to ${toIndex}`);
              moveGoal(doc, { id, toIndex });
            }
          }
          syncBoth(alice, bob);
          log.push('merge');
          const orderA = readGoalOrder(alice).map((g) => g.id);
          const orderB = readGoalOrder(bob).map((g) => g.id);
          if (orderA.join() !== orderB.join()) throw new Error(`orders differ: ${orderA.map(name)} vs ${orderB.map(name)}`);
          if (new Set(orderA).size !== count || [...orderA].sort().join() !== [...ids].sort().join()) throw new Error(`goals lost or duplicated: ${orderA.map(name)}`);
          if (contentHash(alice) !== contentHash(bob)) throw new Error('content differs');
          if (goalsOf(alice).size !== count) throw new Error(`goals map holds ${goalsOf(alice).size} entries`);
        }
      } catch (error) {
        throw new Error(`random moves failed with seed ${seed} (rerun with TANDEM_SEED=${seed}): ${(error as Error).message}\n${log.join('\n')}`, { cause: error });
      }
    }
  });
});
