// Helpers the meetings tests share: a meetings board doc, a teammate's replica, valid meeting
// input, and merging two laptops while checking they agree.
import { expect } from 'vitest';
import * as Y from 'yjs';
import { createMeeting, initMeetingsBoard, readMeetingsBoard, SCHEMA_VERSION, type CreateMeetingInput, type MeetingsBoardSnapshot } from '../../shared/model';
import { contentHash, syncBoth } from './support/docs';

export const ALICE = 'm_alice0000000000';
export const BOB = 'm_bob000000000000';

export function newMeetingsBoard(clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  initMeetingsBoard(doc, SCHEMA_VERSION);
  return doc;
}

export function meetingInput(overrides: Partial<CreateMeetingInput> = {}): CreateMeetingInput {
  return { title: 'Weekly KPI review', type: 'kpi-review', date: '2026-03-02', time: '10:00', attendees: [ALICE, BOB], createdBy: ALICE, ...overrides };
}

/** A board with one meeting (weekly, unless `repeat` says otherwise). */
export function boardWithMeeting(overrides: Partial<CreateMeetingInput> = {}): { doc: Y.Doc; meetingId: string } {
  const doc = newMeetingsBoard(1);
  const meetingId = createMeeting(doc, meetingInput({ repeat: 'weekly', ...overrides }), 1_000);
  return { doc, meetingId };
}

/** Merges both ways and asserts both laptops hold the same content and read the same board. */
export function mergeAndAgree(alice: Y.Doc, bob: Y.Doc): MeetingsBoardSnapshot {
  syncBoth(alice, bob);
  expect(contentHash(bob)).toBe(contentHash(alice));
  const snapshot = readMeetingsBoard(alice);
  expect(readMeetingsBoard(bob)).toEqual(snapshot);
  return snapshot;
}

export const meetingOf = (snapshot: MeetingsBoardSnapshot, id: string) => snapshot.meetings.find((m) => m.id === id);
