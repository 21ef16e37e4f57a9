// The plans kind's descriptor for the registry (../kinds.ts): what undo covers (my own edits of
// plan items and dependencies), and the fields two people moving one item apart see in
// conflict review (its title, status and dates).
import type { BoardKindModel } from '../kinds';
import { SCHEMA_VERSION } from '../doc';
import { PLANS_UNDO_SCOPE } from './schema';

export const plansKind = {
  schemaVersion: SCHEMA_VERSION,
  undoScope: PLANS_UNDO_SCOPE,
  conflictFields: {
    planItem: { collection: 'items', fields: ['title', 'status', 'start', 'end'] },
  },
  // The away summary lists goal and feedback changes; flagged plan items show in "My work".
  readAwayChanges: () => undefined,
} as const satisfies BoardKindModel;
