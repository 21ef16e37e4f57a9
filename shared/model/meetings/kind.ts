// The meetings kind's descriptor for the registry (../kinds.ts): what undo covers (my own
// edits of meetings, agendas, decisions and action items) and what "while you were away" reads.
import type { BoardKindModel } from '../kinds';
import { SCHEMA_VERSION } from '../doc';
import { MEETINGS_UNDO_SCOPE } from './schema';

export const meetingsKind = {
  schemaVersion: SCHEMA_VERSION,
  undoScope: MEETINGS_UNDO_SCOPE,
  // Meetings fields are edited together in the room, not apart for days: none keeps a write history.
  conflictFields: {},
  // The away summary lists goal and feedback changes; meetings have their own "My action items".
  readAwayChanges: () => undefined,
} as const satisfies BoardKindModel;
