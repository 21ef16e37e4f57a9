// Meetings: creating one (on its own or as the first of a recurring series), editing its type,
// date, time and title, its attendees (a Y.Map used as a set, so two people adding attendees
// offline both count) and its notes (a Y.Text several people type into at once). A series
// occurrence keeps its notes and attendees in top-level types named by its id (see
// `occurrenceId`), so the copies two laptops make of one occurrence merge instead of one winning.
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, replaceText, str, transactLocal } from '../doc';
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

/** The notes of a series occurrence: a top-level Y.Text, so every laptop's copy is the same text. */
export const occurrenceNotesOf = (doc: Y.Doc, meetingId: string) => doc.getText(`notes:${meetingId}`);
/** The attendees of a series occurrence: a top-level Y.Map used as a set. */
export const occurrenceAttendeesOf = (doc: Y.Doc, meetingId: string) => doc.getMap<unknown>(`attendees:${meetingId}`);

/** A meeting's notes text (none when a peer wrote something else there). */
export function notesTextOf(doc: Y.Doc, meeting: Y.Map<unknown>): Y.Text | null {
  if (meeting.get('occurrence') === true) return occurrenceNotesOf(doc, str(meeting.get('id')));
  const notes = meeting.get('notes');
  return notes instanceof Y.Text ? notes : null;
}

/** A meeting's attendee set. */
export function attendeesMapOf(doc: Y.Doc, meeting: Y.Map<unknown>): Y.Map<unknown> | null {
  if (meeting.get('occurrence') === true) return occurrenceAttendeesOf(doc, str(meeting.get('id')));
  const attendees = meeting.get('attendees');
  return attendees instanceof Y.Map ? attendees : null;
}

/** Writes a meeting entity with a random id; the caller has validated its fields. */
export function writeMeeting(doc: Y.Doc, fields: { title: string; type: string; date: string; time: string; attendees: readonly string[]; seriesId: string | null; createdBy: string; createdAt: number }): string {
  const id = newId('m');
  const attendees = new Y.Map<unknown>();
  for (const memberId of fields.attendees) attendees.set(memberId, true);
  const { attendees: _list, ...rest } = fields;
  meetingsOf(doc).set(id, entityWith({ id, ...rest, attendees, notes: new Y.Text() }));
  return id;
}

/**
 * Writes a series occurrence under the id `occurrenceId` gives it. Two laptops that start it
 * apart write the same key with the same fields, so one copy stands after merging; its notes and
 * attendees live in top-level types of that id, which merge, so nothing typed on either is lost.
 */
export function writeOccurrence(doc: Y.Doc, id: string, fields: { title: string; type: string; date: string; time: string; attendees: readonly string[]; seriesId: string; createdBy: string; createdAt: number }): void {
  const { attendees, ...rest } = fields;
  const set = occurrenceAttendeesOf(doc, id);
  for (const memberId of attendees) if (!set.has(memberId)) set.set(memberId, true);
  meetingsOf(doc).set(id, entityWith({ id, ...rest, occurrence: true }));
}

/** 32-bit FNV-1a of a string, for ids derived from other ids. */
function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * The id of a series' meeting on `date`: the same on every laptop, so two laptops starting the
 * same next meeting apart make one meeting, not two. `m_` + a 64-bit hash of the series id + the date.
 */
export function occurrenceId(seriesId: string, date: string): string {
  const hash = fnv1a(seriesId, 0x811c9dc5).toString(36).padStart(7, '0') + fnv1a(seriesId, 0x5bd1e995).toString(36).padStart(7, '0');
  return `m_${hash}${date.replaceAll('-', '')}`;
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
    let set = attendeesMapOf(doc, meeting);
    if (!set) {
      set = new Y.Map<unknown>();
      meeting.set('attendees', set);
    }
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
    const notes = notesTextOf(doc, meeting);
    if (notes) replaceText(notes, input.text);
    else meeting.set('notes', new Y.Text(input.text));
  });
}

/** Deletes a meeting with its agenda, decisions and action items, in one undoable step. */
export function deleteMeeting(doc: Y.Doc, args: { id: string }): void {
  const { id } = parseInput(z.object({ id: entityId }), args);
  transactLocal(doc, () => {
    const meeting = entityOrThrow(meetingsOf(doc), id);
    if (meeting.get('occurrence') === true) {
      const notes = occurrenceNotesOf(doc, id);
      if (notes.length > 0) notes.delete(0, notes.length);
      occurrenceAttendeesOf(doc, id).clear();
    }
    for (const collection of [agendaOf(doc), decisionsOf(doc), actionItemsOf(doc)]) {
      for (const [entity, value] of [...entities(collection)]) if (value.get('meetingId') === id) collection.delete(entity);
    }
    meetingsOf(doc).delete(id);
  });
}
