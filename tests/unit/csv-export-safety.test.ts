// CSV injection: a cell a spreadsheet would run as a formula comes out of every export as text,
// a number stays a number, and importing the export gives back exactly what was typed.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createFeedbackItem, initFeedbackBoard, readFeedbackBoard } from '../../shared/model';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { parseCsv } from '../../renderer/src/features/feedback/csv-import';
import { prepareImport } from '../../renderer/src/features/feedback/import-rows';
import { boardToCsv } from '../../renderer/src/features/feedback/export';
import { neutraliseCell, restoreCell, toSafeCsv } from '../../renderer/src/export/csv';

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r'];
const member = 'm_mei0000000000000';
const members = [{ id: member, name: 'Mei', team: 'product' as const, colour: '#000', joinedAt: 0 }];

/** What a spreadsheet would evaluate: a cell starting with a formula character that is not a plain number. */
function live(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell) && !/^[-+]?\d+(\.\d+)?$/.test(cell);
}

describe('CSV exports are safe to open in a spreadsheet', () => {
  it('writes titles, descriptions, customers and tags that begin with =, +, -, @, tab or CR as text, and reads them back unchanged', () => {
    const doc = new Y.Doc();
    initFeedbackBoard(doc, { source: 'user' });
    const typed = DANGEROUS.map((c, i) => ({
      title: `${c}HYPERLINK("http://evil.example/${i}","Open")`,
      description: `${c}SUM(A1:A9) and more`,
      customer: `${c}cmd|' /C calc'!A0`,
      tags: [`${c}tag${i}`],
    }));
    for (const fields of typed) createFeedbackItem(doc, { ...fields, createdBy: member });
    const board = readFeedbackBoard(doc);
    const names = { status: (id: string) => board.statuses.find((s) => s.id === id)?.name ?? '', channel: () => '' };
    const text = boardToCsv(board, members, names);

    // As a spreadsheet sees the file: no cell is a live formula.
    const cells = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' }).data.flat();
    expect(cells.filter(live)).toEqual([]);
    expect(cells).toContain(`'=HYPERLINK("http://evil.example/0","Open")`);

    // Imported again: exactly the text that was typed.
    const parsed = parseCsv(new TextEncoder().encode(text));
    const prepared = prepareImport(parsed, parsed.mapping, board, members, createI18n('en').t);
    expect(prepared.problems).toEqual([]);
    const back = prepared.rows.map((r) => ({ title: r.title, description: r.description, customer: r.customer, tags: r.tags }));
    // (the model trims a title's, customer's and tag's surrounding white space as they are typed)
    const held = [...board.items.values()].map((i) => ({ title: i.title, description: i.description, customer: i.customer, tags: [...i.tags] }));
    expect(held.filter((i) => i.description.startsWith('\t'))).toHaveLength(1);
    expect(new Set(back.map((r) => JSON.stringify(r)))).toEqual(new Set(held.map((r) => JSON.stringify(r))));
  });

  it('leaves numbers such as -3 as numbers and round-trips text that already began with an apostrophe', () => {
    for (const n of ['-3', '+2', '0.50', '-1.5e3', '42']) expect(neutraliseCell(n)).toBe(n);
    for (const text of ["'=already quoted", "''-x", '=1+1', '-', '- a list item', 'plain', "'plain"]) {
      expect(live(neutraliseCell(text))).toBe(false);
      expect(restoreCell(neutraliseCell(text))).toBe(text);
    }
    expect(toSafeCsv(['=Header', 'B'], [['-3', '@me']])).toBe("\uFEFF'=Header,B\r\n-3,'@me\r\n");
  });
});
