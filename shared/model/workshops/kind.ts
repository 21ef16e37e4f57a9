// The workshops kind's descriptor for the registry (../kinds.ts): what undo covers (the timer is
// left out: undo must not rewind a clock the room is watching), no fields tracked for offline
// conflicts (notes merge by character, votes are separate entities), and its away summary.
import type { BoardKindModel } from '../kinds';
import { SCHEMA_VERSION } from '../doc';
import { readWorkshopChanges } from './away';

export const workshopsKind = {
  schemaVersion: SCHEMA_VERSION,
  undoScope: ['notes', 'clusters', 'votes', 'session'],
  conflictFields: {},
  readAwayChanges: readWorkshopChanges,
} as const satisfies BoardKindModel;
