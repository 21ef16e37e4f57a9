// Meetings: creating one (on its own or as the first of a recurring series), editing its type,
// date, time and title, its attendees (a Y.Map used as a set, so two people adding attendees
// offline both count) and its notes (a Y.Text several people type into at once).
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, replaceText, transactLocal } from '../doc';
import { newId } from '../ids';
import { entityId, isoDate, LIMITS, optionalText, parseInput, requiredText } from '../validate';
import { actionItemsOf, agendaOf, cadence, decisionsOf, entityWith, meetingsOf, meetingType, MEETINGS_LIMITS, seriesOf, timeOfDay } from './schema';

const attendeesInput = z.array(entityId, { error: 'errors.invalid' }).max(MEETINGS_LIMITS.attendees, { error: `errors.tooMany|${MEETINGS_LIMITS.attendees}` });

const createInput = z.object({
  title: requiredText(LIMITS.title),
  type: meetingType,
  date: isoDate,
  time: timeOfDay,
  attendees: attendeesInput.optional(),
  /** Makes the meeting the first of a new series repeating at this cadence. */
  repeat: cadence.nullable().optional(),
  createdBy: entityId,
});

const updateInput = z.object({
  id: entityId,
  title: requiredText(LIMITS.title).optional(),
  type: meetingType.optional(),
  date: isoDate.optional(),
  time: timeOfDay.optional(),
});

const attendeeInput = z.object({ meetingId: entityId, memberId: entityId, present: z.boolean({ error: 'errors.invalid' }) });
const notesInput = z.object({ meetingId: entityId, text: optionalText(LIMITS.text) });

export type CreateMeetingInput = z.input<typeof createInput>;
export type UpdateMeetingInput = z.input<typeof updateInput>;

/** Writes a meeting entity; the caller has validated its fields. */
export function writeMeeting(doc: Y.Doc, fields: { title: string; type: string; date: string; time: string; attendees: readonly string[]; seriesId: string | null; createdBy: string; createdAt: number }): string {
  const id = newId('m');
  const attendees = new Y.Map<unknown>();
  for (const memberId of fields.attendees) attendees.set(memberId, true);
  const { attendees: _list, ...rest } = fields;
  meetingsOf(doc).set(id, entityWith({ id, ...rest, attendees, notes: new Y.Text() }));
  return id;
}

/** Creates a meeting and returns its id; with `repeat`, also the series it is the first of. */
export function createMeeting(doc: Y.Doc, args: CreateMeetingInput, now = Date.now()): string {
  const input = parseInput(createInput, args);
  return transactLocal(doc, () => {
    const attendees = [...new Set(input.attendees ?? [input.createdBy])];
    let seriesId: string | null = null;
    if (input.repeat) {
      seriesId = newId('s');
      const seriesAttendees = new Y.Map<unknown>();
      for (const memberId of attendees) seriesAttendees.set(memberId, true);
      seriesOf(doc).set(seriesId, entityWith({ id: seriesId, title: input.title, type: input.type, time: input.time, cadence: input.repeat, attendees: seriesAttendees, createdBy: input.createdBy, createdAt: now }));
    }
    return writeMeeting(doc, { title: input.title, type: input.type, date: input.date, time: input.time, attendees, seriesId, createdBy: input.createdBy, createdAt: now });
  });
}

/** Changes only the fields given, so a teammate's concurrent change to another field survives. */
export function updateMeeting(doc: Y.Doc, args: UpdateMeetingInput): void {
  const input = parseInput(updateInput, args);
  transactLocal(doc, () => {
    const meeting = entityOrThrow(meetingsOf(doc), input.id);
    for (const key of ['title', 'type', 'date', 'time'] as const) {
      const value = input[key];
      if (value !== undefined && meeting.get(key) !== value) meeting.set(key, value);
    }
  });
}

/** Adds or removes one attendee. */
export function setAttendee(doc: Y.Doc, args: z.input<typeof attendeeInput>): void {
  const input = parseInput(attendeeInput, args);
  transactLocal(doc, () => {
    const meeting = entityOrThrow(meetingsOf(doc), input.meetingId, 'meetingId');
    let attendees = meeting.get('attendees');
    if (!(attendees instanceof Y.Map)) {
      attendees = new Y.Map<unknown>();
      meeting.set('attendees', attendees);
    }
    const set = attendees as Y.Map<unknown>;
    if (input.present && set.size >= MEETINGS_LIMITS.attendees) return;
    if (input.present) set.set(input.memberId, true);
    else set.delete(input.memberId);
  });
}

/**
 * Replaces the meeting's notes with `text`, writing only the changed middle, so what a
 * teammate types elsewhere in the notes at the same time survives.
 */
export function editNotes(doc: Y.Doc, args: z.input<typeof notesInput>): void {
  const input = parseInput(notesInput, args);
  transactLocal(doc, () => {
    const meeting = entityOrThrow(meetingsOf(doc), input.meetingId, 'meetingId');
    const notes = meeting.get('notes');
    if (notes instanceof Y.Text) replaceText(notes, input.text);
    else meeting.set('notes', new Y.Text(input.text));
  });
}

/** Deletes a meeting with its agenda, decisions and action items, in one undoable step. */
export function deleteMeeting(doc: Y.Doc, args: { id: string }): void {
  const { id } = parseInput(z.object({ id: entityId }), args);
  transactLocal(doc, () => {
    entityOrThrow(meetingsOf(doc), id);
    for (const collection of [agendaOf(doc), decisionsOf(doc), actionItemsOf(doc)]) {
      for (const [entity, value] of [...entities(collection)]) if (value.get('meetingId') === id) collection.delete(entity);
    }
    meetingsOf(doc).delete(id);
  });
}
