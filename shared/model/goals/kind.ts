// The goals kind's descriptor for the registry (../kinds.ts): what undo covers, which fields
// are tracked for offline conflicts, and how "while you were away" reads a goals board.
import type { BoardKindModel } from '../kinds';
import { SCHEMA_VERSION } from '../doc';
import { readGoalsChanges } from './away';

export const goalsKind = {
  schemaVersion: SCHEMA_VERSION,
  undoScope: ['goals', 'kpis', 'checkIns'],
  conflictFields: {
    goal: { collection: 'goals', fields: ['statusOverride'] },
    kpi: { collection: 'kpis', fields: ['target'], ownerField: 'goalId' },
  },
  readAwayChanges: readGoalsChanges,
} as const satisfies BoardKindModel;
