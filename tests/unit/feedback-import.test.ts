// Bulk import of feedback rows: every valid row written in one transaction (one undo step),
// rows with errors skipped and reported by row number, and nothing written when no row is valid.
import { describe, expect, it } from 'vitest';
import { feedbackItemsOf, importItems, readFeedbackBoard, SCHEMA_VERSION, type ImportRow } from '../../shared/model';
import { ALICE, columnTitles, newFeedbackBoard, undoManagerFor } from './feedback-fixtures';
import { contentHash, expectRefused, replicaOf } from './support/docs';

const row = (i: number): ImportRow => ({ title: `Request ${i}`, channelId: 'support', customer: `Customer ${i % 7}`, tags: ['csv'], importance: 2, impact: 3, effort: 2, createdAt: 1_700_000_000_000 + i });

describe('importing rows', () => {
  it('imports 497 of 500 rows in one transaction and reports the three bad rows by number', () => {
    const doc = newFeedbackBoard();
    const rows: unknown[] = Array.from({ length: 500 }, (_, i) => row(i));
    rows[9] = { ...row(9), title: '' };
    rows[250] = { ...row(250), impact: 9 };
    rows[499] = { ...row(499), channelId: 'fax' };
    const transactions: unknown[] = [];
    doc.on('afterTransaction', (tr) => transactions.push(tr));
    const result = importItems(doc, { rows, actorId: ALICE, firstRowNumber: 2 }, 9_000);
    expect(transactions).toHaveLength(1);
    expect(result.imported).toHaveLength(497);
    expect(result.errors).toEqual([
      { row: 11, field: 'title', messageKey: 'errors.required', params: {} },
      { row: 252, field: 'impact', messageKey: 'errors.scale', params: {} },
      { row: 501, field: 'channelId', messageKey: 'errors.notFound', params: { id: 'fax' } },
    ]);
    const snapshot = readFeedbackBoard(doc);
    expect(columnTitles(snapshot).new?.slice(0, 3)).toEqual(['Request 0', 'Request 1', 'Request 2']);
    expect(snapshot.items.get(result.imported[0] as string)).toMatchObject({ createdBy: ALICE, createdAt: 1_700_000_000_000, importance: 2, effort: 2, tags: ['csv'] });
    expect(snapshot.items.get(result.imported[0] as string)?.activity.map((a) => [a.kind, a.to, a.at])).toEqual([['imported', 'new', 9_000]]);
  });

  it('is undone in one step', () => {
    const doc = newFeedbackBoard();
    const before = contentHash(doc);
    const undo = undoManagerFor(doc);
    importItems(doc, { rows: Array.from({ length: 50 }, (_, i) => row(i)), actorId: ALICE });
    expect(feedbackItemsOf(doc).size).toBe(50);
    undo.undo();
    expect(undo.canUndo()).toBe(false);
    expect(contentHash(doc)).toBe(before);
  });

  it('writes nothing when every row has an error', () => {
    const doc = newFeedbackBoard();
    const before = contentHash(doc);
    const result = importItems(doc, { rows: [{ title: ' ' }, { title: 'x', importance: Number.NaN }, 'not a row', null], actorId: ALICE });
    expect(result.imported).toEqual([]);
    expect(result.errors.map((e) => [e.row, e.messageKey])).toEqual([[1, 'errors.required'], [2, 'errors.notANumber'], [3, 'errors.invalid'], [4, 'errors.invalid']]);
    expect(contentHash(doc)).toBe(before);
  });

  it('places rows in their columns after the cards already there, in row order', () => {
    const doc = newFeedbackBoard();
    importItems(doc, { rows: [{ title: 'Old' }], actorId: ALICE });
    importItems(doc, { rows: [{ title: 'P1', statusId: 'planned' }, { title: 'N1' }, { title: 'P2', statusId: 'planned' }, { title: 'M', statusId: 'merged' }], actorId: ALICE });
    expect(columnTitles(readFeedbackBoard(doc))).toMatchObject({ new: ['Old', 'N1'], planned: ['P1', 'P2'], merged: [] });
  });

  it('refuses an import of more than 20,000 rows, a missing actor, or a board from a newer Tandem, writing nothing', () => {
    const doc = newFeedbackBoard();
    expectRefused(doc, () => importItems(doc, { rows: Array.from({ length: 20_001 }, () => ({ title: 'x' })), actorId: ALICE }), { code: 'invalid-input', messageKey: 'errors.tooMany', field: 'rows', params: { max: 20_000 } });
    expectRefused(doc, () => importItems(doc, { rows: [row(1)], actorId: '' }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'actorId' });
    expectRefused(doc, () => importItems(doc, { rows: 'a,b' as unknown as unknown[], actorId: ALICE }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'rows' });
    const newer = replicaOf(doc);
    newer.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    expectRefused(newer, () => importItems(newer, { rows: [row(1)], actorId: ALICE }), { code: 'schema-too-new', messageKey: 'errors.schemaTooNew', field: undefined });
  });
});
