// Two laptops editing one plan offline, then merging both ways: two people moving the same
// item's dates (one result everywhere, the other kept in conflict review), a dependency added
// while what it points to is deleted (no dangling link, the dependent flagged), and a cycle
// made by two people apart (found after the merge and shown, never a hang).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addDependency, createConflictReader, deletePlanItem, editPlanNotes, linkPlanGoal, planItemsOf, setPlanDates, setPlanStatus, updatePlanItem, type PlansBoardSnapshot,
} from '../../shared/model';
import { ALICE, BOB, itemOf, mergeAndAgree, releaseAndCampaign } from './plans-fixtures';
import { peerOrigin, replicaOf } from './support/docs';

function oneWayThenBack(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), peerOrigin('a'));
  Y.applyUpdate(from, Y.encodeStateAsUpdate(to, Y.encodeStateVector(from)), peerOrigin('b'));
}

type Merge = (alice: Y.Doc, bob: Y.Doc) => PlansBoardSnapshot;
const MERGES: [string, Merge][] = [
  ['Alice’s first', (a, b) => (oneWayThenBack(a, b), mergeAndAgree(a, b))],
  ['Bob’s first', (a, b) => (oneWayThenBack(b, a), mergeAndAgree(a, b))],
];

describe.each(MERGES)('merged with %s', (_order, merge) => {
  it('two people moving the same item’s dates: one result everywhere, the other kept in conflict review', () => {
    const { doc: alice, release } = releaseAndCampaign();
    const bob = replicaOf(alice, 2);
    setPlanDates(alice, { id: release, start: '2026-03-09', end: '2026-03-20', by: ALICE }, 10_000);
    setPlanDates(bob, { id: release, start: '2026-03-16', end: '2026-03-27', by: BOB }, 11_000);
    const board = merge(alice, bob);
    const item = itemOf(board, release);
    expect([['2026-03-09', '2026-03-20'], ['2026-03-16', '2026-03-27']]).toContainEqual([item?.start, item?.end]);
    for (const doc of [alice, bob]) {
      const reader = createConflictReader(doc, 'plans');
      const conflicts = reader.read().list;
      expect(conflicts.map((c) => [c.entityKind, c.entityId, c.field])).toEqual([['planItem', release, 'start'], ['planItem', release, 'end']]);
      expect(conflicts.find((c) => c.field === 'end')?.versions.map((v) => v.value).sort()).toEqual(['2026-03-20', '2026-03-27']);
      reader.destroy();
    }
  });

  it('a dependency added while what it points to is deleted: no dangling link, the dependent flagged', () => {
    const { doc: alice, release, campaign } = releaseAndCampaign();
    const bob = replicaOf(alice, 2);
    const dep = addDependency(bob, { fromId: campaign, toId: release, by: BOB });
    deletePlanItem(alice, { id: release });
    const board = merge(alice, bob);
    expect(itemOf(board, release)).toBeUndefined();
    expect(itemOf(board, campaign)).toMatchObject({ dependsOn: [], flags: [{ depId: dep, itemId: release, reason: 'deleted' }] });
  });

  it('a cycle made by two people apart is found after the merge and shown, never a hang', () => {
    const { doc: alice, release, campaign } = releaseAndCampaign();
    const bob = replicaOf(alice, 2);
    addDependency(alice, { fromId: campaign, toId: release, by: ALICE });
    addDependency(bob, { fromId: release, toId: campaign, by: BOB });
    const board = merge(alice, bob);
    expect(board.cycles).toEqual([[release, campaign].sort()]);
    expect(itemOf(board, release)?.inCycle).toBe(true);
    expect(itemOf(board, campaign)?.inCycle).toBe(true);
  });

  it('the release moved on one laptop while the campaign was made to wait on it on the other: flagged the same everywhere', () => {
    const { doc: alice, release, campaign } = releaseAndCampaign();
    const bob = replicaOf(alice, 2);
    const dep = addDependency(alice, { fromId: campaign, toId: release, by: BOB });
    setPlanDates(bob, { id: release, start: '2026-03-16', end: '2026-03-27', by: ALICE });
    const board = merge(alice, bob);
    expect(itemOf(board, campaign)?.flags).toEqual([{ depId: dep, itemId: release, reason: 'moved', days: 14 }]);
  });

  it('edits of different fields and links made apart all survive', () => {
    const { doc: alice, release } = releaseAndCampaign();
    const bob = replicaOf(alice, 2);
    updatePlanItem(alice, { id: release, ownerId: BOB });
    setPlanStatus(bob, { id: release, status: 'launched', today: '2026-03-13' });
    linkPlanGoal(alice, { itemId: release, boardId: 'b_goals', goalId: 'g_1', effect: '+3 pts' });
    linkPlanGoal(bob, { itemId: release, boardId: 'b_goals', goalId: 'g_2' });
    editPlanNotes(alice, { id: release, text: 'Alpha. ' });
    editPlanNotes(bob, { id: release, text: 'Beta.' });
    const item = itemOf(merge(alice, bob), release);
    expect(item).toMatchObject({ ownerId: BOB, status: 'launched', launchedOn: '2026-03-13' });
    expect(item?.goals.map((g) => g.entityId)).toEqual(['g_1', 'g_2']);
    expect(item?.notes).toContain('Alpha.');
    expect(item?.notes).toContain('Beta.');
    expect(planItemsOf(alice).size).toBe(2);
  });
});
