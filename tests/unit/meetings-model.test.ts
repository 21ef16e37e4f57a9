// The meetings board's mutations on one laptop: meetings, agenda with time boxes, notes,
// decisions with links, action items, series that roll open items over, and bad input refused
// with a translated message and nothing changed.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActionItem, addAgendaItem, addDecision, createMeeting, deleteMeeting, editNotes, LOCAL_ORIGIN, meetingsKind, MEETINGS_UNDO_SCOPE, moveAgendaItem, nextMeetingDate,
  readMeetingsBoard, removeActionItem, saveAgendaAsTemplate, setActionItemDone, setAttendee, startNextMeeting, updateActionItem, updateAgendaItem, updateMeeting,
} from '../../shared/model';
import { ALICE, BOB, boardWithMeeting, meetingInput, meetingOf, newMeetingsBoard } from './meetings-fixtures';
import { expectRefused } from './support/docs';

describe('a meeting', () => {
  it('is read back with its type, date, time, attendees and notes', () => {
    const { doc, meetingId } = boardWithMeeting({ repeat: null });
    editNotes(doc, { meetingId, text: 'Activation dipped after the release.' });
    setAttendee(doc, { meetingId, memberId: 'm_carol0000000000', present: true });
    setAttendee(doc, { meetingId, memberId: BOB, present: false });
    const meeting = readMeetingsBoard(doc).meetings[0];
    expect(meeting).toMatchObject({ title: 'Weekly KPI review', type: 'kpi-review', date: '2026-03-02', time: '10:00', seriesId: null, notes: 'Activation dipped after the release.' });
    expect(meeting?.attendees).toEqual([ALICE, 'm_carol0000000000']);
  });

  it('keeps agenda items in order with their owners and time boxes, and moves them', () => {
    const { doc, meetingId } = boardWithMeeting();
    const a = addAgendaItem(doc, { meetingId, title: 'KPIs', ownerId: ALICE, minutes: 15 });
    const b = addAgendaItem(doc, { meetingId, title: 'User feedback', minutes: 10 });
    const c = addAgendaItem(doc, { meetingId, title: 'Next steps', ownerId: BOB, minutes: 5 });
    moveAgendaItem(doc, { id: c, toIndex: 0 });
    updateAgendaItem(doc, { id: b, minutes: 20 });
    const agenda = meetingOf(readMeetingsBoard(doc), meetingId)?.agenda ?? [];
    expect(agenda.map((item) => [item.id, item.title, item.ownerId, item.minutes])).toEqual([[c, 'Next steps', BOB, 5], [a, 'KPIs', ALICE, 15], [b, 'User feedback', null, 20]]);
  });

  it('records decisions with the goals and feedback they concern', () => {
    const { doc, meetingId } = boardWithMeeting();
    addDecision(doc, { meetingId, text: 'Pause the paid campaign', by: BOB, links: [{ kind: 'goal', boardId: 'b_goals00000000', entityId: 'g_activation0000' }] }, 5);
    const decision = meetingOf(readMeetingsBoard(doc), meetingId)?.decisions[0];
    expect(decision).toMatchObject({ text: 'Pause the paid campaign', by: BOB, links: [{ kind: 'goal', boardId: 'b_goals00000000', entityId: 'g_activation0000' }] });
  });

  it('deletes with its agenda, decisions and action items in one undoable step', () => {
    const { doc, meetingId } = boardWithMeeting();
    addAgendaItem(doc, { meetingId, title: 'KPIs', minutes: 15 });
    addDecision(doc, { meetingId, text: 'Ship it', by: ALICE });
    addActionItem(doc, { meetingId, title: 'Write the launch note', createdBy: ALICE });
    const undo = new Y.UndoManager(MEETINGS_UNDO_SCOPE.map((name) => doc.getMap(name)), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 });
    deleteMeeting(doc, { id: meetingId });
    expect(readMeetingsBoard(doc).meetings).toHaveLength(0);
    expect(doc.getMap('agenda').size + doc.getMap('decisions').size + doc.getMap('actionItems').size).toBe(0);
    undo.undo();
    const back = meetingOf(readMeetingsBoard(doc), meetingId);
    expect([back?.agenda.length, back?.decisions.length, back?.actionItems.length]).toEqual([1, 1, 1]);
  });
});

describe('a recurring series', () => {
  it('lets me undo what I typed into a series occurrence’s notes, as the board’s undo scope covers it', () => {
    const { doc, meetingId } = boardWithMeeting();
    const seriesId = readMeetingsBoard(doc).meetings.find((m) => m.id === meetingId)?.seriesId as string;
    const next = startNextMeeting(doc, { seriesId, createdBy: ALICE });
    const undo = new Y.UndoManager(MEETINGS_UNDO_SCOPE.map((name) => doc.getMap(name)), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 });
    undo.addToScope([...(meetingsKind.undoEntityTypes(doc))]);
    editNotes(doc, { meetingId: next, text: 'Activation down 3%' });
    setAttendee(doc, { meetingId: next, memberId: 'm_carol000000000', present: true });
    undo.undo();
    undo.undo();
    expect(readMeetingsBoard(doc).meetings.find((m) => m.id === next)).toMatchObject({ notes: '', attendees: [ALICE, BOB] });
  });

  it('falls on the next week, fortnight or month (the last day of a shorter month)', () => {
    expect(nextMeetingDate('2026-03-02', 'weekly')).toBe('2026-03-09');
    expect(nextMeetingDate('2026-12-28', 'fortnightly')).toBe('2027-01-11');
    expect(nextMeetingDate('2026-01-31', 'monthly')).toBe('2026-02-28');
  });

  it('starts the next meeting with the series agenda and the open action items, done ones left behind', () => {
    const { doc, meetingId } = boardWithMeeting();
    addAgendaItem(doc, { meetingId, title: 'KPIs', minutes: 15 });
    saveAgendaAsTemplate(doc, { meetingId });
    const open = addActionItem(doc, { meetingId, title: 'Call the three churned accounts', ownerId: BOB, due: '2026-03-06', createdBy: ALICE });
    const done = addActionItem(doc, { meetingId, title: 'Fix the signup typo', createdBy: ALICE });
    setActionItemDone(doc, { id: done, done: true });
    const seriesId = readMeetingsBoard(doc).meetings[0]?.seriesId as string;
    const next = startNextMeeting(doc, { seriesId, createdBy: ALICE }, 2_000);
    const meeting = meetingOf(readMeetingsBoard(doc), next);
    expect(meeting).toMatchObject({ date: '2026-03-09', time: '10:00', type: 'kpi-review', seriesId, previousKpiReview: '2026-03-02' });
    expect(meeting?.agenda.map((a) => [a.title, a.minutes])).toEqual([['KPIs', 15]]);
    expect(meeting?.actionItems.map((a) => [a.title, a.ownerId, a.due, a.rolled, a.originId])).toEqual([['Call the three churned accounts', BOB, '2026-03-06', true, open]]);
  });

  it('rolls an item over once per meeting, from its latest meeting, and never twice', () => {
    const { doc, meetingId } = boardWithMeeting();
    const item = addActionItem(doc, { meetingId, title: 'Draft the survey', createdBy: ALICE });
    const seriesId = readMeetingsBoard(doc).meetings[0]?.seriesId as string;
    const second = startNextMeeting(doc, { seriesId, createdBy: ALICE });
    const third = startNextMeeting(doc, { seriesId, createdBy: ALICE });
    const board = readMeetingsBoard(doc);
    const copies = board.meetings.flatMap((m) => m.actionItems).filter((a) => a.originId === item);
    expect(copies.map((c) => c.meetingId)).toEqual([meetingId, second, third]);
    expect(doc.getMap('actionItems').size).toBe(3);
  });

  it('shows an item done in a later meeting as done everywhere, and rolls it no further', () => {
    const { doc, meetingId } = boardWithMeeting();
    addActionItem(doc, { meetingId, title: 'Draft the survey', createdBy: ALICE });
    const seriesId = readMeetingsBoard(doc).meetings[0]?.seriesId as string;
    const second = startNextMeeting(doc, { seriesId, createdBy: ALICE });
    const copy = meetingOf(readMeetingsBoard(doc), second)?.actionItems[0];
    setActionItemDone(doc, { id: copy?.id as string, done: true });
    updateActionItem(doc, { id: copy?.id as string, title: 'Draft and send the survey' });
    const third = startNextMeeting(doc, { seriesId, createdBy: ALICE });
    const board = readMeetingsBoard(doc);
    expect(meetingOf(board, meetingId)?.actionItems.map((a) => [a.title, a.done])).toEqual([['Draft and send the survey', true]]);
    expect(meetingOf(board, second)?.actionItems.map((a) => a.done)).toEqual([true]);
    expect(meetingOf(board, third)?.actionItems).toEqual([]);
  });

  it('removes a rolled item from its meeting and later ones, but keeps the earlier record', () => {
    const { doc, meetingId } = boardWithMeeting();
    addActionItem(doc, { meetingId, title: 'Draft the survey', createdBy: ALICE });
    const seriesId = readMeetingsBoard(doc).meetings[0]?.seriesId as string;
    const second = startNextMeeting(doc, { seriesId, createdBy: ALICE });
    const third = startNextMeeting(doc, { seriesId, createdBy: ALICE });
    removeActionItem(doc, { id: meetingOf(readMeetingsBoard(doc), second)?.actionItems[0]?.id as string });
    const board = readMeetingsBoard(doc);
    expect([meetingId, second, third].map((id) => meetingOf(board, id)?.actionItems.length)).toEqual([1, 0, 0]);
  });
});

describe('bad input is refused with a translated message and changes nothing', () => {
  it('refuses a meeting date that is not a date', () => {
    const doc = newMeetingsBoard(1);
    expectRefused(doc, () => createMeeting(doc, meetingInput({ date: 'next Tuesday' })), { code: 'invalid-input', messageKey: 'errors.invalidDate', field: 'date' });
    expectRefused(doc, () => createMeeting(doc, meetingInput({ date: '2026-02-30' })), { code: 'invalid-input', messageKey: 'errors.invalidDate', field: 'date' });
    expectRefused(doc, () => createMeeting(doc, meetingInput({ time: '25:00' })), { code: 'invalid-input', messageKey: 'errors.invalidTime', field: 'time' });
  });

  it('refuses titles of 100,000 characters', () => {
    const { doc, meetingId } = boardWithMeeting();
    const huge = 'x'.repeat(100_000);
    expectRefused(doc, () => updateMeeting(doc, { id: meetingId, title: huge }), { code: 'invalid-input', messageKey: 'errors.tooLong', field: 'title', params: { max: 200 } });
    expectRefused(doc, () => addAgendaItem(doc, { meetingId, title: huge, minutes: 5 }), { code: 'invalid-input', messageKey: 'errors.tooLong', field: 'title', params: { max: 200 } });
    expectRefused(doc, () => addActionItem(doc, { meetingId, title: huge, createdBy: ALICE }), { code: 'invalid-input', messageKey: 'errors.tooLong', field: 'title', params: { max: 200 } });
  });

  it('refuses a time box of "abc", zero or ten hours', () => {
    const { doc, meetingId } = boardWithMeeting();
    expectRefused(doc, () => addAgendaItem(doc, { meetingId, title: 'KPIs', minutes: 'abc' as unknown as number }), { code: 'invalid-input', messageKey: 'errors.notANumber', field: 'minutes' });
    expectRefused(doc, () => addAgendaItem(doc, { meetingId, title: 'KPIs', minutes: Number.NaN }), { code: 'invalid-input', messageKey: 'errors.notANumber', field: 'minutes' });
    expectRefused(doc, () => addAgendaItem(doc, { meetingId, title: 'KPIs', minutes: 0 }), { code: 'invalid-input', messageKey: 'errors.timeBox', field: 'minutes', params: { max: 600 } });
    expectRefused(doc, () => addAgendaItem(doc, { meetingId, title: 'KPIs', minutes: 601 }), { code: 'invalid-input', messageKey: 'errors.timeBox', field: 'minutes', params: { max: 600 } });
  });

  it('refuses a due date that is not a date and an action item in a meeting that is gone', () => {
    const { doc, meetingId } = boardWithMeeting();
    expectRefused(doc, () => addActionItem(doc, { meetingId, title: 'Call', due: '31/12/2026', createdBy: ALICE }), { code: 'invalid-input', messageKey: 'errors.invalidDate', field: 'due' });
    expectRefused(doc, () => addActionItem(doc, { meetingId: 'm_gone000000000000', title: 'Call', createdBy: ALICE }), { code: 'not-found', messageKey: 'errors.notFound', field: 'meetingId' });
    expectRefused(doc, () => saveAgendaAsTemplate(doc, { meetingId: createMeeting(newMeetingsBoard(), meetingInput()) }), { code: 'not-found', messageKey: 'errors.notFound', field: 'meetingId' });
  });
});
