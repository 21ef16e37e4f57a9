// Offline conflicts: two laptops changing the same tracked field while apart both detect one
// conflict with both versions after merging either way; sequential changes never conflict;
// keeping one version resolves it everywhere; pruning keeps detection right.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addKpi,
  conflictingHeads,
  createConflictReader,
  createGoal,
  fieldHeads,
  goalsOf,
  keepFieldVersion,
  moveFeedbackItem,
  readConflicts,
  readFieldWrites,
  readFeedbackBoard,
  readGoalsBoard,
  setTracked,
  updateFeedbackItem,
  updateGoal,
  updateKpi,
  type ConflictsSnapshot,
} from '../../shared/model';
import { ALICE, BOB, CAROL, item, twoLaptops as twoFeedbackLaptops } from './feedback-fixtures';
import { contentHash, goalInput, newBoard, replicaOf, seededRandom, syncBoth } from './support/docs';

const TODAY = '2026-05-15';
const SIGNUPS = { name: 'Signups', unit: 'number', direction: 'increase', baseline: 0, target: 100 } as const;

function goalsLaptops() {
  const alice = newBoard(1);
  const goalId = createGoal(alice, goalInput({ title: 'Grow activation' }));
  const kpiId = addKpi(alice, { goalId, ...SIGNUPS });
  return { alice, bob: replicaOf(alice, 2), goalId, kpiId };
}

/** Merges both ways; both laptops hold the same content and list the same conflicts. */
function mergedConflicts(a: Y.Doc, b: Y.Doc, board: 'goals' | 'feedback'): ConflictsSnapshot {
  syncBoth(a, b);
  expect(contentHash(b)).toBe(contentHash(a));
  const conflicts = readConflicts(a, board);
  expect(readConflicts(b, board)).toEqual(conflicts);
  return conflicts;
}

const summary = (s: ConflictsSnapshot) => s.list.map((c) => ({ key: c.key, versions: c.versions.map((v) => ({ value: v.value, by: v.by, at: v.at })) }));

describe('two laptops changing the same field while apart', () => {
  it('detect one conflict on a goal’s status with both versions, authors and times', () => {
    const { alice, bob, goalId } = goalsLaptops();
    updateGoal(alice, { id: goalId, statusOverride: 'at-risk', actorId: ALICE }, 5_000);
    updateGoal(bob, { id: goalId, statusOverride: 'off-track', actorId: BOB }, 6_000);
    const conflicts = mergedConflicts(alice, bob, 'goals');
    expect(summary(conflicts)).toEqual([{ key: `${goalId}.statusOverride`, versions: [{ value: 'at-risk', by: ALICE, at: 5_000 }, { value: 'off-track', by: BOB, at: 6_000 }] }]);
    expect(conflicts.byEntity.get(goalId)?.[0]?.versions.map((v) => v.prev)).toEqual([null, null]);
    expect(['at-risk', 'off-track']).toContain(readGoalsBoard(alice, TODAY).goals[0]?.statusOverride);
  });

  it('detect one conflict on a KPI target, owned by its goal', () => {
    const { alice, bob, goalId, kpiId } = goalsLaptops();
    updateKpi(alice, { id: kpiId, target: 120, actorId: ALICE }, 5_000);
    updateKpi(bob, { id: kpiId, target: 150, actorId: BOB }, 4_000);
    const conflicts = mergedConflicts(bob, alice, 'goals');
    expect(summary(conflicts)).toEqual([{ key: `${kpiId}.target`, versions: [{ value: 150, by: BOB, at: 4_000 }, { value: 120, by: ALICE, at: 5_000 }] }]);
    expect(conflicts.list[0]).toMatchObject({ entityKind: 'kpi', ownerId: goalId });
  });

  it('detect conflicts on a feedback item’s title and column, but not on a move within a column', () => {
    const { alice, bob, ids } = twoFeedbackLaptops('Export to Excel', 'Dark mode');
    const [a, b] = ids as [string, string];
    updateFeedbackItem(alice, { id: a, title: 'Export to Excel and CSV', actorId: ALICE }, 5_000);
    updateFeedbackItem(bob, { id: a, title: 'Export reports', actorId: BOB }, 5_500);
    moveFeedbackItem(alice, { id: a, statusId: 'planned', toIndex: 0, actorId: ALICE }, 6_000);
    moveFeedbackItem(bob, { id: a, statusId: 'declined', toIndex: 0, actorId: BOB }, 6_500);
    moveFeedbackItem(alice, { id: b, statusId: 'new', toIndex: 0, actorId: ALICE }, 7_000);
    moveFeedbackItem(bob, { id: b, statusId: 'new', toIndex: 1, actorId: BOB }, 7_000);
    const conflicts = mergedConflicts(alice, bob, 'feedback');
    expect(summary(conflicts)).toEqual([
      { key: `${a}.title`, versions: [{ value: 'Export to Excel and CSV', by: ALICE, at: 5_000 }, { value: 'Export reports', by: BOB, at: 5_500 }] },
      { key: `${a}.statusId`, versions: [{ value: 'planned', by: ALICE, at: 6_000 }, { value: 'declined', by: BOB, at: 6_500 }] },
    ]);
  });

  it('a move within its column no longer overwrites a teammate’s move to another column', () => {
    const { alice, bob, ids } = twoFeedbackLaptops('Export to Excel', 'Dark mode');
    const [a] = ids as [string, string];
    moveFeedbackItem(alice, { id: a, statusId: 'planned', toIndex: 0, actorId: ALICE });
    moveFeedbackItem(bob, { id: a, statusId: 'new', toIndex: 1, actorId: BOB });
    syncBoth(alice, bob);
    expect(item(readFeedbackBoard(bob), a).columnId).toBe('planned');
    expect(readConflicts(bob, 'feedback').list).toEqual([]);
  });

  it('do not conflict when both chose the same value', () => {
    const { alice, bob, goalId } = goalsLaptops();
    updateGoal(alice, { id: goalId, statusOverride: 'at-risk', actorId: ALICE });
    updateGoal(bob, { id: goalId, statusOverride: 'at-risk', actorId: BOB });
    expect(mergedConflicts(alice, bob, 'goals').list).toEqual([]);
  });
});

describe('changes that saw each other', () => {
  it('never conflict when the same field is changed one after the other', () => {
    const { alice, bob, goalId, kpiId } = goalsLaptops();
    updateGoal(alice, { id: goalId, statusOverride: 'at-risk', actorId: ALICE });
    updateKpi(alice, { id: kpiId, target: 120, actorId: ALICE });
    syncBoth(alice, bob);
    updateGoal(bob, { id: goalId, statusOverride: 'off-track', actorId: BOB });
    updateKpi(bob, { id: kpiId, target: 140, actorId: BOB });
    syncBoth(alice, bob);
    updateGoal(alice, { id: goalId, statusOverride: null, actorId: ALICE });
    expect(mergedConflicts(alice, bob, 'goals').list).toEqual([]);
    const goal = goalsOf(bob).get(goalId) as Y.Map<unknown>;
    expect(fieldHeads(readFieldWrites(goal, 'statusOverride')).map((w) => [w.value, w.prev])).toEqual([[null, 'off-track']]);
  });

  it('editing another field of a goal leaves a teammate’s status alone', () => {
    const { alice, bob, goalId } = goalsLaptops();
    updateGoal(alice, { id: goalId, statusOverride: 'at-risk', actorId: ALICE });
    updateGoal(bob, { id: goalId, title: 'Grow week-1 activation', statusOverride: null, actorId: BOB });
    syncBoth(alice, bob);
    expect(readGoalsBoard(bob, TODAY).goals[0]).toMatchObject({ title: 'Grow week-1 activation', statusOverride: 'at-risk' });
    expect(readConflicts(bob, 'goals').list).toEqual([]);
  });
});

describe('keeping one version', () => {
  it('resolves the conflict on both laptops and sets the field', () => {
    const { alice, bob, goalId } = goalsLaptops();
    updateGoal(alice, { id: goalId, statusOverride: 'at-risk', actorId: ALICE });
    updateGoal(bob, { id: goalId, statusOverride: 'off-track', actorId: BOB });
    const [conflict] = mergedConflicts(alice, bob, 'goals').list;
    const bobs = conflict?.versions.find((v) => v.by === BOB);
    keepFieldVersion(alice, { entityKind: 'goal', entityId: goalId, field: 'statusOverride', writeId: bobs?.id ?? '', actorId: ALICE });
    expect(mergedConflicts(alice, bob, 'goals').list).toEqual([]);
    expect(readGoalsBoard(bob, TODAY).goals[0]?.statusOverride).toBe('off-track');
  });

  it('moves the item to the column kept, and two people keeping the same version agree', () => {
    const { alice, bob, ids } = twoFeedbackLaptops('Export to Excel');
    const id = ids[0] as string;
    moveFeedbackItem(alice, { id, statusId: 'planned', toIndex: 0, actorId: ALICE });
    moveFeedbackItem(bob, { id, statusId: 'declined', toIndex: 0, actorId: BOB });
    const writeId = mergedConflicts(alice, bob, 'feedback').list[0]?.versions.find((v) => v.value === 'planned')?.id ?? '';
    keepFieldVersion(alice, { entityKind: 'item', entityId: id, field: 'statusId', writeId, actorId: ALICE });
    keepFieldVersion(bob, { entityKind: 'item', entityId: id, field: 'statusId', writeId, actorId: BOB });
    expect(mergedConflicts(alice, bob, 'feedback').list).toEqual([]);
    expect(item(readFeedbackBoard(bob), id).columnId).toBe('planned');
  });

  it('shows a new conflict, the same on both laptops, when the resolution and a third concurrent write cross', () => {
    const { alice, bob, goalId } = goalsLaptops();
    const carol = replicaOf(alice, 3);
    updateGoal(alice, { id: goalId, statusOverride: 'at-risk', actorId: ALICE }, 1_000);
    updateGoal(bob, { id: goalId, statusOverride: 'off-track', actorId: BOB }, 2_000);
    syncBoth(alice, bob);
    syncBoth(bob, carol);
    const writeId = readConflicts(alice, 'goals').list[0]?.versions[0]?.id ?? '';
    keepFieldVersion(alice, { entityKind: 'goal', entityId: goalId, field: 'statusOverride', writeId, actorId: ALICE }, 3_000);
    updateGoal(carol, { id: goalId, statusOverride: 'on-track', actorId: CAROL }, 3_500);
    syncBoth(alice, carol);
    const conflicts = mergedConflicts(alice, bob, 'goals');
    expect(readConflicts(carol, 'goals')).toEqual(conflicts);
    expect(summary(conflicts)[0]?.versions).toEqual([{ value: 'at-risk', by: ALICE, at: 3_000 }, { value: 'on-track', by: CAROL, at: 3_500 }]);
    keepFieldVersion(bob, { entityKind: 'goal', entityId: goalId, field: 'statusOverride', writeId: conflicts.list[0]?.versions[1]?.id ?? '', actorId: BOB });
    syncBoth(bob, carol);
    expect(mergedConflicts(alice, bob, 'goals').list).toEqual([]);
    expect(readConflicts(carol, 'goals').list).toEqual([]);
    expect(readGoalsBoard(alice, TODAY).goals[0]?.statusOverride).toBe('on-track');
  });

  it('refuses a version that is no longer in conflict', () => {
    const { alice, goalId } = goalsLaptops();
    updateGoal(alice, { id: goalId, statusOverride: 'at-risk', actorId: ALICE });
    const writeId = readFieldWrites(goalsOf(alice).get(goalId) as Y.Map<unknown>, 'statusOverride')[0]?.id ?? '';
    expect(() => keepFieldVersion(alice, { entityKind: 'goal', entityId: goalId, field: 'statusOverride', writeId, actorId: ALICE })).toThrow(/conflictGone|not-found/);
  });
});

describe('the write history', () => {
  it('stays bounded: a field changed many times keeps the latest write and what it replaced', () => {
    const { alice, goalId } = goalsLaptops();
    const statuses = ['on-track', 'at-risk', 'off-track'] as const;
    for (let i = 0; i < 30; i++) updateGoal(alice, { id: goalId, statusOverride: statuses[i % 3], actorId: ALICE });
    expect(readFieldWrites(goalsOf(alice).get(goalId) as Y.Map<unknown>, 'statusOverride')).toHaveLength(2);
  });

  it('the reader keeps identity and re-reads only touched entities', () => {
    const { alice, bob, goalId } = goalsLaptops();
    const other = createGoal(alice, goalInput({ title: 'Other' }));
    syncBoth(alice, bob);
    const reader = createConflictReader(alice, 'goals');
    const empty = reader.read();
    updateGoal(alice, { id: other, title: 'Other, renamed' });
    expect(reader.read()).toBe(empty);
    updateGoal(alice, { id: goalId, statusOverride: 'at-risk', actorId: ALICE });
    updateGoal(bob, { id: goalId, statusOverride: 'off-track', actorId: BOB });
    syncBoth(alice, bob);
    const one = reader.read();
    expect(one.list).toHaveLength(1);
    updateGoal(alice, { id: other, title: 'Other, again' });
    expect(reader.read()).toBe(one);
    reader.destroy();
  });

  it('detects exactly the concurrent latest writes, with pruning, over random offline sessions', () => {
    const STATUSES = ['on-track', 'at-risk', 'off-track', null] as const;
    let seedsWithConcurrentHeads = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const random = seededRandom(seed);
      const origin = newBoard(10);
      const goalId = createGoal(origin, goalInput());
      const replicas = [origin, replicaOf(origin, 11), replicaOf(origin, 12)];
      const people = [ALICE, BOB, CAROL];
      // Ground truth: every write with the set of writes it causally follows.
      const past = new Map<string, Set<string>>();
      const known = replicas.map(() => new Set<string>());
      for (let step = 0; step < 40; step++) {
        const r = Math.floor(random() * 3);
        const doc = replicas[r] as Y.Doc;
        if (random() < 0.55) {
          const goal = goalsOf(doc).get(goalId) as Y.Map<unknown>;
          const heads = conflictingHeads(readFieldWrites(goal, 'statusOverride'));
          const before = new Set(readFieldWrites(goal, 'statusOverride').map((w) => w.id));
          if (heads.length > 0 && random() < 0.3) {
            keepFieldVersion(doc, { entityKind: 'goal', entityId: goalId, field: 'statusOverride', writeId: heads[Math.floor(random() * heads.length)]?.id ?? '', actorId: people[r] as string }, step);
          } else {
            doc.transact(() => setTracked(doc, goal, 'statusOverride', STATUSES[Math.floor(random() * 4)] ?? null, people[r], step));
          }
          const written = readFieldWrites(goal, 'statusOverride').find((w) => !before.has(w.id));
          if (written) {
            past.set(written.id, new Set(known[r]));
            known[r]?.add(written.id);
          }
        } else {
          const o = (r + 1 + Math.floor(random() * 2)) % 3;
          syncBoth(doc, replicas[o] as Y.Doc);
          const union = new Set([...(known[r] ?? []), ...(known[o] ?? [])]);
          known[r] = union;
          known[o] = new Set(union);
        }
      }
      syncBoth(replicas[0] as Y.Doc, replicas[1] as Y.Doc);
      syncBoth(replicas[1] as Y.Doc, replicas[2] as Y.Doc);
      syncBoth(replicas[0] as Y.Doc, replicas[1] as Y.Doc);
      const followed = new Set([...past.values()].flatMap((s) => [...s]));
      const truth = [...past.keys()].filter((id) => !followed.has(id)).sort();
      if (truth.length > 1) seedsWithConcurrentHeads++;
      for (const doc of replicas) {
        const writes = readFieldWrites(goalsOf(doc).get(goalId) as Y.Map<unknown>, 'statusOverride');
        expect(fieldHeads(writes).map((w) => w.id).sort(), `seed ${seed}`).toEqual(truth);
        expect(writes.length).toBeLessThanOrEqual(past.size);
      }
    }
    expect(seedsWithConcurrentHeads).toBeGreaterThan(3);
  });
});
