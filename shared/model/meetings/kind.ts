// The meetings kind's descriptor for the registry (../kinds.ts): what undo covers (my own
// edits of meetings, agendas, decisions and action items) and what "while you were away" reads.
import type * as Y from 'yjs';
import { entities } from '../doc';
import { readMeetingChanges } from './away';
import type { BoardKindModel } from '../kinds';
import { occurrenceAttendeesOf, occurrenceNotesOf } from './meetings';
import { SCHEMA_VERSION } from '../doc';
import { MEETINGS_UNDO_SCOPE, meetingsOf } from './schema';

export const meetingsKind = {
  schemaVersion: SCHEMA_VERSION,
  undoScope: MEETINGS_UNDO_SCOPE,
  // A series occurrence's notes and attendees (see meetings.ts).
  undoEntityTypes: (doc: Y.Doc) => {
    const types: (Y.Text | Y.Map<unknown>)[] = [];
    for (const [id, meeting] of entities(meetingsOf(doc))) {
      if (meeting.get('occurrence') === true) types.push(occurrenceNotesOf(doc, id), occurrenceAttendeesOf(doc, id));
    }
    return types;
  },
  // Meetings fields are edited together in the room, not apart for days: none keeps a write history.
  conflictFields: {},
  readAwayChanges: readMeetingChanges,
} as const satisfies BoardKindModel;
