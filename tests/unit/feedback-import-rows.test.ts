// Turning CSV rows into feedback items: names matched in either language, words for
// importance, per-row reasons with the row's number in the file, and exports that read back.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createFeedbackItem, initFeedbackBoard, readFeedbackBoard, toggleVote, type FeedbackBoardSnapshot } from '../../shared/model';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { parseCsv } from '../../renderer/src/features/feedback/csv-import';
import { prepareImport } from '../../renderer/src/features/feedback/import-rows';
import { boardToCsv, boardToMarkdown, exportFileName } from '../../renderer/src/features/feedback/export';
import { matchesFeedbackFilters, NO_FEEDBACK_FILTERS, queryWords, sortFeedbackItems } from '../../renderer/src/features/feedback/filtering';

const members = [{ id: 'm_mei0000000000000', name: 'Mei', team: 'product' as const, colour: '#000', joinedAt: 0 }];

function userBoard(): { doc: Y.Doc; board: FeedbackBoardSnapshot } {
  const doc = new Y.Doc();
  initFeedbackBoard(doc, { source: 'user' });
  return { doc, board: readFeedbackBoard(doc) };
}

const csv = (text: string) => parseCsv(new TextEncoder().encode(text));

describe('preparing CSV rows for import', () => {
  it('matches channels and statuses by their English or Chinese names, and owners by name', () => {
    const { board } = userBoard();
    const t = createI18n('en').t;
    const parsed = csv('Title,Channel,Status,Owner,Importance\nA,客服,已计划,Mei,critical\nB,Survey,under review,,+2\nC,,,mei,重要\n');
    const prepared = prepareImport(parsed, parsed.mapping, board, members, t);
    expect(prepared.problems).toEqual([]);
    const support = board.channels.find((c) => c.key === 'support')?.id;
    const planned = board.statuses.find((s) => s.key === 'planned')?.id;
    expect(prepared.rows[0]).toMatchObject({ title: 'A', channelId: support, statusId: planned, ownerId: 'm_mei0000000000000', importance: 3 });
    expect(prepared.rows[1]).toMatchObject({ title: 'B', importance: 2 });
    expect(prepared.rows[2]).toMatchObject({ title: 'C', channelId: null, ownerId: 'm_mei0000000000000', importance: 2 });
    expect(prepared.rowNumbers).toEqual([2, 3, 4]);
  });

  it('reports each bad row by its number in the file and keeps the others', () => {
    const { board } = userBoard();
    const parsed = csv('Title,Channel,Impact,Owner\nGood,Support,3,\n,Support,3,\nTypo,Suport,3,\nToo big,Survey,7,\nNobody,Survey,2,Zed\n');
    const prepared = prepareImport(parsed, parsed.mapping, board, members, createI18n('en').t);
    expect(prepared.rows.map((r) => r.title)).toEqual(['Good']);
    expect(prepared.problems.map((p) => [p.row, p.messageKey])).toEqual([
      [3, 'errors.required'],
      [4, 'import.unknownChannel'],
      [5, 'errors.scale'],
      [6, 'import.unknownOwner'],
    ]);
  });
});

describe('exporting a board', () => {
  it('writes a CSV that Excel opens as UTF-8 and that the import reads back', () => {
    const { doc } = userBoard();
    const id = createFeedbackItem(doc, { title: '导出, "Excel"', customer: 'Acme', tags: ['报表', 'export'], createdBy: 'm_mei0000000000000' });
    toggleVote(doc, { itemId: id, memberId: 'm_mei0000000000000' });
    const board = readFeedbackBoard(doc);
    const names = { status: (sid: string) => board.statuses.find((s) => s.id === sid)?.name ?? '', channel: () => '' };
    const text = boardToCsv(board, members, names);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const back = csv(text);
    expect(back.headers.slice(0, 3)).toEqual(['Title', 'Description', 'Status']);
    expect(back.rows[0]?.slice(0, 3)).toEqual(['导出, "Excel"', '', 'New']);
    expect(back.rows[0]?.[9]).toBe('1');
    const markdown = boardToMarkdown('Board *one*', board, names);
    expect(markdown).toContain('# Board \\*one\\*');
    expect(markdown).toContain('## New (1)');
    expect(exportFileName('a/b:c', 'csv', '2026-11-25')).toBe('a-b-c-2026-11-25.csv');
  });
});

describe('filtering and sorting items', () => {
  it('matches every word of the text filter and sorts by votes', () => {
    const { doc } = userBoard();
    const a = createFeedbackItem(doc, { title: 'Export to Excel', customer: 'Acme', createdBy: 'm_mei0000000000000' });
    createFeedbackItem(doc, { title: 'Excel import', createdBy: 'm_mei0000000000000' });
    toggleVote(doc, { itemId: a, memberId: 'm_mei0000000000000' });
    const items = [...readFeedbackBoard(doc).items.values()];
    const words = queryWords('excel ACME');
    expect(items.filter((i) => matchesFeedbackFilters(i, NO_FEEDBACK_FILTERS, words)).map((i) => i.title)).toEqual(['Export to Excel']);
    expect(sortFeedbackItems(items, 'votes').map((i) => i.title)).toEqual(['Export to Excel', 'Excel import']);
  });
});
