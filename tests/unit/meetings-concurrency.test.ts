// Two laptops editing the same meetings board offline, then merging both ways: an action item
// completed on one while the series rolls over on the other does not roll; two people typing
// notes, adding agenda items or reordering the agenda at once lose nothing.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addActionItem, addAgendaItem, editNotes, moveAgendaItem, readMeetingsBoard, removeAgendaItem, setActionItemDone, setAttendee, startNextMeeting, updateAgendaItem, type MeetingsBoardSnapshot } from '../../shared/model';
import { ALICE, BOB, boardWithMeeting, meetingOf, mergeAndAgree } from './meetings-fixtures';
import { peerOrigin, replicaOf } from './support/docs';
import * as Yjs from 'yjs';

function oneWayThenBack(from: Y.Doc, to: Y.Doc): void {
  Yjs.applyUpdate(to, Yjs.encodeStateAsUpdate(from, Yjs.encodeStateVector(to)), peerOrigin('a'));
  Yjs.applyUpdate(from, Yjs.encodeStateAsUpdate(to, Yjs.encodeStateVector(from)), peerOrigin('b'));
}

type Merge = (alice: Y.Doc, bob: Y.Doc) => MeetingsBoardSnapshot;
const MERGES: [string, Merge][] = [
  ['Alice’s first', (a, b) => (oneWayThenBack(a, b), mergeAndAgree(a, b))],
  ['Bob’s first', (a, b) => (oneWayThenBack(b, a), mergeAndAgree(a, b))],
];

function twoLaptops() {
  const { doc: alice, meetingId } = boardWithMeeting();
  const seriesId = readMeetingsBoard(alice).meetings[0]?.seriesId as string;
  return { alice, meetingId, seriesId };
}

describe.each(MERGES)('merged with %s', (_order, merge) => {
  it('does not roll over an action item completed on one laptop while the series rolls over on the other', () => {
    const { alice, meetingId, seriesId } = twoLaptops();
    const done = addActionItem(alice, { meetingId, title: 'Call the churned accounts', ownerId: BOB, createdBy: ALICE });
    const open = addActionItem(alice, { meetingId, title: 'Draft the survey', createdBy: ALICE });
    const bob = replicaOf(alice, 2);
    setActionItemDone(alice, { id: done, done: true });
    const next = startNextMeeting(bob, { seriesId, createdBy: BOB });
    const board = merge(alice, bob);
    expect(meetingOf(board, next)?.actionItems.map((a) => [a.originId, a.done])).toEqual([[open, false]]);
    expect(meetingOf(board, meetingId)?.actionItems.map((a) => [a.id, a.done])).toEqual([[done, true], [open, false]]);
  });

  it('hides the rolled copy when the item is ticked in the meeting that was rolled from, even two roll-overs later', () => {
    const { alice, meetingId, seriesId } = twoLaptops();
    const item = addActionItem(alice, { meetingId, title: 'Call the churned accounts', createdBy: ALICE });
    const second = startNextMeeting(alice, { seriesId, createdBy: ALICE });
    const bob = replicaOf(alice, 2);
    const copy = meetingOf(readMeetingsBoard(alice), second)?.actionItems[0]?.id as string;
    setActionItemDone(alice, { id: copy, done: true });
    const third = startNextMeeting(bob, { seriesId, createdBy: BOB });
    const fourth = startNextMeeting(bob, { seriesId, createdBy: BOB });
    const board = merge(alice, bob);
    expect(meetingOf(board, second)?.actionItems.map((a) => [a.originId, a.done])).toEqual([[item, true]]);
    expect(meetingOf(board, third)?.actionItems).toEqual([]);
    expect(meetingOf(board, fourth)?.actionItems).toEqual([]);
  });

  it('makes one meeting of the next one when two laptops start it apart, with both laptops’ notes, attendees and items', () => {
    const { alice, meetingId, seriesId } = twoLaptops();
    addAgendaItem(alice, { seriesId, title: 'KPIs', minutes: 15 });
    const open = addActionItem(alice, { meetingId, title: 'Draft the survey', createdBy: ALICE });
    const bob = replicaOf(alice, 2);
    const onAlice = startNextMeeting(alice, { seriesId, createdBy: ALICE });
    const onBob = startNextMeeting(bob, { seriesId, createdBy: BOB });
    expect(onBob).toBe(onAlice);
    editNotes(alice, { meetingId: onAlice, text: 'Activation down 3%' });
    editNotes(bob, { meetingId: onBob, text: 'Export requests doubled' });
    setAttendee(bob, { meetingId: onBob, memberId: 'm_carol000000000', present: true });
    addActionItem(bob, { meetingId: onBob, title: 'Call Carol', createdBy: BOB });
    const board = merge(alice, bob);
    expect(board.meetings.map((m) => m.date)).toEqual(['2026-03-02', '2026-03-09']);
    const next = meetingOf(board, onAlice);
    expect(next?.agenda.map((a) => a.title)).toEqual(['KPIs']);
    expect(next?.actionItems.map((a) => a.title)).toEqual(['Draft the survey', 'Call Carol']);
    expect(next?.actionItems[0]?.originId).toBe(open);
    expect(next?.attendees).toEqual([ALICE, BOB, 'm_carol000000000'].sort());
    // Both texts typed apart are kept (Yjs orders the two insertions by client id).
    expect([next?.notes.includes('Activation down 3%'), next?.notes.includes('Export requests doubled')]).toEqual([true, true]);
    // Starting it again after the merge makes the one after, not a second copy.
    expect(startNextMeeting(alice, { seriesId, createdBy: ALICE, date: '2026-03-09' })).toBe(onAlice);
  });

  it('keeps both laptops’ edits of a copied agenda topic when each started the next meeting apart', () => {
    const { alice, seriesId } = twoLaptops();
    addAgendaItem(alice, { seriesId, title: 'KPIs and churn', minutes: 15 });
    addAgendaItem(alice, { seriesId, title: 'Feedback', minutes: 10 });
    const bob = replicaOf(alice, 2);
    const next = startNextMeeting(alice, { seriesId, createdBy: ALICE });
    startNextMeeting(bob, { seriesId, createdBy: BOB });
    const [kpis, feedback] = meetingOf(readMeetingsBoard(alice), next)?.agenda ?? [];
    expect(meetingOf(readMeetingsBoard(bob), next)?.agenda.map((a) => a.id)).toEqual([kpis?.id, feedback?.id]);
    // The same topic's title edited on both, in different words; another topic's owner and time box on each.
    updateAgendaItem(alice, { id: kpis?.id as string, title: 'KPIs (activation) and churn' });
    updateAgendaItem(bob, { id: kpis?.id as string, title: 'KPIs and churn by plan' });
    updateAgendaItem(alice, { id: feedback?.id as string, ownerId: ALICE });
    updateAgendaItem(bob, { id: feedback?.id as string, minutes: 20 });
    const agenda = meetingOf(merge(alice, bob), next)?.agenda;
    expect(agenda?.map((a) => [a.title, a.ownerId, a.minutes])).toEqual([
      ['KPIs (activation) and churn by plan', null, 15],
      ['Feedback', ALICE, 20],
    ]);
    // The copy removed on one laptop is gone from both; the template is untouched.
    removeAgendaItem(bob, { id: feedback?.id as string });
    expect(meetingOf(merge(alice, bob), next)?.agenda.map((a) => a.title)).toEqual(['KPIs (activation) and churn by plan']);
    expect(readMeetingsBoard(alice).series[0]?.agenda.map((a) => a.title)).toEqual(['KPIs and churn', 'Feedback']);
  });

  it('keeps what two people typed into the notes at once', () => {
    const { alice, meetingId } = twoLaptops();
    editNotes(alice, { meetingId, text: 'KPIs:\n\nFeedback:\n' });
    const bob = replicaOf(alice, 2);
    editNotes(alice, { meetingId, text: 'KPIs: activation down 3%\n\nFeedback:\n' });
    editNotes(bob, { meetingId, text: 'KPIs:\n\nFeedback: export requests doubled\n' });
    expect(meetingOf(merge(alice, bob), meetingId)?.notes).toBe('KPIs: activation down 3%\n\nFeedback: export requests doubled\n');
  });

  it('keeps agenda items two people added at once, each once', () => {
    const { alice, meetingId } = twoLaptops();
    addAgendaItem(alice, { meetingId, title: 'KPIs', minutes: 15 });
    const bob = replicaOf(alice, 2);
    addAgendaItem(alice, { meetingId, title: 'Churn', minutes: 10 });
    addAgendaItem(bob, { meetingId, title: 'Export requests', minutes: 5 });
    const titles = meetingOf(merge(alice, bob), meetingId)?.agenda.map((a) => a.title) ?? [];
    expect(titles[0]).toBe('KPIs');
    expect([...titles].sort()).toEqual(['Churn', 'Export requests', 'KPIs']);
  });

  it('keeps every agenda item exactly once after two people reorder at once', () => {
    const { alice, meetingId } = twoLaptops();
    const ids = ['A', 'B', 'C', 'D'].map((title) => addAgendaItem(alice, { meetingId, title, minutes: 5 }));
    const bob = replicaOf(alice, 2);
    moveAgendaItem(alice, { id: ids[3] as string, toIndex: 0 });
    moveAgendaItem(bob, { id: ids[0] as string, toIndex: 3 });
    moveAgendaItem(bob, { id: ids[3] as string, toIndex: 1 });
    const agenda = meetingOf(merge(alice, bob), meetingId)?.agenda.map((a) => a.title) ?? [];
    expect([...agenda].sort()).toEqual(['A', 'B', 'C', 'D']);
    // Bob's later move of D wins its key; Alice's and Bob's other moves both stand.
    expect(agenda.indexOf('A')).toBeGreaterThan(agenda.indexOf('B'));
  });
});
