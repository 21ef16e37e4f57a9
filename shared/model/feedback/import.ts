// Bulk import of feedback items (the CSV import's last step): every row is validated first,
// then all valid rows are written in one transaction — one undo step — and rows with errors
// are skipped and reported by row number. Nothing is ever half-imported.
import { generateNKeysBetween } from 'fractional-indexing';
import type * as Y from 'yjs';
import { z } from 'zod';
import { isReadOnly, docSchemaVersion, transactLocal } from '../doc';
import { isModelError, ModelError } from '../errors';
import { columnCards, readLayout } from './columns';
import { checkFeedbackChannel, checkFeedbackStatus, feedbackItemFields, writeFeedbackItem, type FeedbackItemFields } from './items';
import { FEEDBACK_LIMITS, memberId, recordActivity } from './schema';
import { isValidKey } from '../order';
import { finiteNumber, parseInput } from '../validate';

const importRow = feedbackItemFields.extend({ createdAt: finiteNumber.pipe(z.number().min(0, { error: 'errors.invalid' })).optional() });
const importInput = z.object({
  rows: z.array(z.unknown(), { error: 'errors.invalid' }).max(FEEDBACK_LIMITS.importRows, { error: `errors.tooMany|${FEEDBACK_LIMITS.importRows}` }),
  actorId: memberId,
  /** The number of the first row in `rows` as the person sees it (2 for a CSV file with a header line). */
  firstRowNumber: z.number({ error: 'errors.invalid' }).int({ error: 'errors.invalid' }).min(0, { error: 'errors.invalid' }).optional(),
});

export type ImportRow = z.input<typeof importRow>;

/** Why one row was skipped: the same key and parameters a refused mutation carries. */
export interface ImportRowError {
  readonly row: number;
  readonly field: string | undefined;
  readonly messageKey: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface ImportResult {
  /** Ids of the items written, in row order. */
  readonly imported: readonly string[];
  readonly errors: readonly ImportRowError[];
}

interface ValidRow {
  readonly fields: FeedbackItemFields & { createdAt?: number | undefined };
  readonly statusId: string;
}

/**
 * Imports `rows` (objects with the fields of `createFeedbackItem`, plus an optional
 * `createdAt`) at the bottom of their columns, in row order. Returns the new ids and the
 * errors of the rows skipped; when no row is valid nothing is written.
 */
export function importItems(doc: Y.Doc, args: z.input<typeof importInput>, now = Date.now()): ImportResult {
  const input = parseInput(importInput, args);
  if (isReadOnly(doc)) throw new ModelError('schema-too-new', 'errors.schemaTooNew', undefined, { version: docSchemaVersion(doc) });
  const firstRow = input.firstRowNumber ?? 1;
  const layout = readLayout(doc);
  const valid: ValidRow[] = [];
  const errors: ImportRowError[] = [];
  input.rows.forEach((row, index) => {
    try {
      const fields = parseInput(importRow, row);
      checkFeedbackChannel(doc, fields.channelId);
      valid.push({ fields, statusId: checkFeedbackStatus(layout, fields.statusId) });
    } catch (error) {
      if (!isModelError(error)) throw error;
      errors.push({ row: firstRow + index, field: error.field, messageKey: error.messageKey, params: error.params });
    }
  });
  if (valid.length === 0) return { imported: [], errors };

  const counts = new Map<string, number>();
  for (const { statusId } of valid) counts.set(statusId, (counts.get(statusId) ?? 0) + 1);
  const keysByColumn = new Map<string, string[]>();
  for (const [statusId, count] of counts) keysByColumn.set(statusId, generateNKeysBetween(lastKey(columnCards(layout, statusId).map((c) => c.order)), null, count));
  const used = new Map<string, number>();
  const imported = transactLocal(doc, () =>
    valid.map(({ fields, statusId }) => {
      const index = used.get(statusId) ?? 0;
      used.set(statusId, index + 1);
      const order = keysByColumn.get(statusId)?.[index] as string;
      const id = writeFeedbackItem(doc, { ...fields, statusId, order, createdBy: input.actorId, createdAt: fields.createdAt ?? now });
      recordActivity(doc, { itemId: id, kind: 'imported', to: statusId, actorId: input.actorId, at: now });
      return id;
    }),
  );
  return { imported, errors };
}

function lastKey(keys: readonly string[]): string | null {
  let max: string | null = null;
  for (const key of keys) if (isValidKey(key) && (max === null || key > max)) max = key;
  return max;
}
