// "While you were away": from the state vector saved when this laptop was last caught up, the
// changes teammates made since — and none of mine, nor anything I had already seen.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActionItem,
  addCheckIn,
  addComment,
  addDecision,
  addKpi,
  createCluster,
  createFeedbackItem,
  createGoal,
  createMeeting,
  createNote,
  revealAuthors,
  revealVotes,
  startVoting,
  updateActionItem,
  isNewSince,
  moveFeedbackItem,
  readAwayChanges,
  updateFeedbackItem,
  updateGoal,
  updateKpi,
} from '../../shared/model';
import { ALICE, BOB, itemInput, MEMBERS, twoLaptops } from './feedback-fixtures';
import { meetingInput, newMeetingsBoard } from './meetings-fixtures';
import { goalInput, newBoard, replicaOf, syncBoth } from './support/docs';
import { FACILITATOR, newWorkshop } from './workshops-fixtures';

const caughtUp = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));
const lines = (changes: ReturnType<typeof readAwayChanges>) => changes.map((c) => [c.kind, c.by, c.title, c.value, c.kpiName]);

describe('while you were away', () => {
  it('lists a teammate’s goals, status, KPI target and check-in changes, not mine nor what I had seen', () => {
    const alice = newBoard(1);
    const seenGoal = createGoal(alice, goalInput({ title: 'Seen before', createdBy: ALICE }));
    const kpiId = addKpi(alice, { goalId: seenGoal, name: 'Signups', unit: 'number', direction: 'increase', baseline: 0, target: 100 });
    const bob = replicaOf(alice, 2);
    const bobSaw = caughtUp(bob);
    // Bob goes offline; Alice keeps working; Bob edits too.
    createGoal(alice, goalInput({ title: 'Written while Bob was away', createdBy: ALICE }), 1_000);
    updateGoal(alice, { id: seenGoal, statusOverride: 'at-risk', actorId: ALICE }, 2_000);
    updateKpi(alice, { id: kpiId, target: 150, actorId: ALICE }, 3_000);
    addCheckIn(alice, { kpiId, value: 40, date: '2026-05-01', authorId: ALICE }, 4_000);
    createGoal(bob, goalInput({ title: 'Bob’s own', createdBy: BOB }), 1_500);
    updateGoal(bob, { id: seenGoal, statusOverride: 'off-track', actorId: BOB }, 2_500);
    syncBoth(alice, bob);
    expect(lines(readAwayChanges(bob, 'goals', bobSaw, BOB))).toEqual([
      ['goal-created', ALICE, 'Written while Bob was away', null, null],
      ['goal-status', ALICE, 'Seen before', 'at-risk', null],
      ['kpi-target', ALICE, 'Seen before', 150, 'Signups'],
      ['check-in', ALICE, 'Seen before', 40, 'Signups'],
    ]);
    expect(readAwayChanges(bob, 'goals', caughtUp(bob), BOB)).toEqual([]);
  });

  it('lists items created, moved, retitled and commented on a feedback board, one move per person and item', () => {
    const { alice, bob, ids } = twoLaptops('Export to Excel');
    const id = ids[0] as string;
    const bobSaw = caughtUp(bob);
    const added = createFeedbackItem(alice, itemInput({ title: 'Dark mode' }), 5_000);
    moveFeedbackItem(alice, { id, statusId: 'planned', toIndex: 0, actorId: ALICE }, 6_000);
    moveFeedbackItem(alice, { id, statusId: 'in-progress', toIndex: 0, actorId: ALICE }, 6_500);
    updateFeedbackItem(alice, { id: added, title: 'Dark mode everywhere', actorId: ALICE }, 7_000);
    addComment(alice, { itemId: id, parentId: null, authorId: ALICE, body: 'Customers ask weekly', members: MEMBERS }, 8_000);
    moveFeedbackItem(bob, { id, statusId: 'done', toIndex: 0, actorId: BOB }, 6_000);
    syncBoth(alice, bob);
    expect(lines(readAwayChanges(bob, 'feedback', bobSaw, BOB))).toEqual([
      ['item-created', ALICE, 'Dark mode everywhere', 'new', null],
      ['item-moved', ALICE, 'Export to Excel', 'in-progress', null],
      ['item-retitled', ALICE, 'Dark mode everywhere', 'Dark mode everywhere', null],
      ['comment', ALICE, 'Export to Excel', null, null],
    ]);
    expect(readAwayChanges(alice, 'feedback', caughtUp(alice), ALICE)).toEqual([]);
  });

  it('a change is new exactly when the saved state vector lacks its writer’s clock', () => {
    expect(isNewSince(new Map(), { c: 7, k: 0 })).toBe(true);
    expect(isNewSince(new Map([[7, 3]]), { c: 7, k: 3 })).toBe(true);
    expect(isNewSince(new Map([[7, 4]]), { c: 7, k: 3 })).toBe(false);
    expect(isNewSince(new Map(), {})).toBe(false);
  });
});

describe('while you were away, on meetings and workshop boards', () => {
  it('lists decisions recorded and action items given to me on a meetings board, not my own nor someone else’s items', () => {
    const alice = newMeetingsBoard(1);
    const meetingId = createMeeting(alice, meetingInput(), 1_000);
    const bob = replicaOf(alice, 2);
    const bobSaw = caughtUp(bob);
    addDecision(alice, { meetingId, text: 'Pause the paid campaign', by: ALICE }, 2_000);
    addActionItem(alice, { meetingId, title: 'Call the churned accounts', ownerId: BOB, due: '2026-03-09', createdBy: ALICE }, 3_000);
    addActionItem(alice, { meetingId, title: 'Draft the survey', ownerId: ALICE, createdBy: ALICE }, 3_500);
    const unowned = addActionItem(alice, { meetingId, title: 'Fix the export', createdBy: ALICE }, 4_000);
    updateActionItem(alice, { id: unowned, ownerId: BOB, actorId: ALICE });
    addDecision(bob, { meetingId, text: 'Bob’s own decision', by: BOB }, 2_500);
    addActionItem(bob, { meetingId, title: 'Bob gives himself one', ownerId: BOB, createdBy: BOB }, 2_600);
    syncBoth(alice, bob);
    const changes = readAwayChanges(bob, 'meetings', bobSaw, BOB);
    expect(lines(changes)).toEqual([
      ['decision', ALICE, 'Pause the paid campaign', null, null],
      ['action-assigned', ALICE, 'Call the churned accounts', '2026-03-09', null],
      ['action-assigned', ALICE, 'Fix the export', null, null],
    ]);
    expect(changes.every((c) => c.target === 'meeting' && c.targetId === meetingId)).toBe(true);
    expect(readAwayChanges(bob, 'meetings', caughtUp(bob), BOB)).toEqual([]);
  });

  it('counts notes added on a workshop board under no one until authors are revealed, and lists clusters and revealed votes', () => {
    const alice = newWorkshop(1);
    const first = createNote(alice, { text: 'Seen before', colour: 'yellow', x: 0, y: 0, authorId: ALICE }, 500);
    startVoting(alice, { budget: 3, onePerNote: false, minutes: null }, { now: 0, clock: 'w1', remainingMs: 0 });
    const bob = replicaOf(alice, 2);
    const bobSaw = caughtUp(bob);
    createNote(alice, { text: 'Slow checkout', colour: 'yellow', x: 0, y: 0, authorId: ALICE }, 1_000);
    createNote(alice, { text: 'Confusing invoices', colour: 'pink', x: 0, y: 0, authorId: FACILITATOR }, 2_000);
    createCluster(alice, { title: 'Billing', noteIds: [first], createdBy: FACILITATOR }, 3_000);
    revealVotes(alice, FACILITATOR, 4_000);
    createNote(bob, { text: 'Bob’s note', colour: 'blue', x: 0, y: 0, authorId: BOB }, 1_500);
    syncBoth(alice, bob);
    expect(lines(readAwayChanges(bob, 'workshops', bobSaw, BOB))).toEqual([
      ['notes-added', '', 'Confusing invoices', 2, null],
      ['cluster-created', FACILITATOR, 'Billing', null, null],
      ['votes-revealed', FACILITATOR, '', null, null],
    ]);
    revealAuthors(alice, { revealed: true });
    syncBoth(alice, bob);
    expect(lines(readAwayChanges(bob, 'workshops', bobSaw, BOB)).filter(([kind]) => kind === 'notes-added')).toEqual([
      ['notes-added', ALICE, 'Slow checkout', 1, null],
      ['notes-added', FACILITATOR, 'Confusing invoices', 1, null],
    ]);
  });
});
