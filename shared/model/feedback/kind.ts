// The feedback kind's descriptor for the registry (../kinds.ts): what undo covers, which fields
// are tracked for offline conflicts, how "while you were away" reads a feedback board, and the
// column check a kept status needs (a column may be gone or be the merged one by then).
import type * as Y from 'yjs';
import type { BoardKindModel, KeptVersion } from '../kinds';
import { SCHEMA_VERSION } from '../doc';
import { ModelError } from '../errors';
import { readFeedbackChanges } from './away';
import { columnOfItem, readLayout } from './columns';
import { recordActivity } from './schema';

function beforeKeepVersion(doc: Y.Doc, kept: KeptVersion): void {
  if (kept.entityKind !== 'item' || kept.field !== 'statusId') return;
  const layout = readLayout(doc);
  const kind = typeof kept.value === 'string' ? layout.index.kinds.get(kept.value) : undefined;
  if (kind === undefined || kind === 'merged') throw new ModelError('not-found', 'errors.notFound', 'statusId', { id: String(kept.value) });
  const from = columnOfItem(layout, kept.entityId);
  if (from !== kept.value) recordActivity(doc, { itemId: kept.entityId, kind: 'status', from, to: kept.value as string, actorId: kept.actorId, at: kept.now });
}

export const feedbackKind = {
  schemaVersion: SCHEMA_VERSION,
  undoScope: ['items', 'statuses', 'channels', 'comments', 'activity'],
  conflictFields: {
    item: { collection: 'items', fields: ['title', 'statusId'] },
  },
  readAwayChanges: readFeedbackChanges,
  beforeKeepVersion,
} as const satisfies BoardKindModel;
