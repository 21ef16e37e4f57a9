// Exports of a feedback board: CSV (the columns the import reads back) and Markdown (one
// section per column), offered as downloads.
import type { FeedbackBoardSnapshot } from '../../../../shared/model/feedback/snapshots';
import type { MemberSnapshot } from '../../../../shared/model/workspace';
import { toSafeCsv } from '../../export/csv';

const HEADERS = ['Title', 'Description', 'Status', 'Channel', 'Customer', 'Tags', 'Importance', 'Impact', 'Effort', 'Votes', 'Priority', 'Owner', 'Created'];

export interface ExportNames {
  status(id: string): string;
  channel(id: string | null): string;
}

function rowsOf(board: FeedbackBoardSnapshot, members: readonly MemberSnapshot[], names: ExportNames): string[][] {
  const memberName = (id: string | null) => (id ? (members.find((m) => m.id === id)?.name ?? '') : '');
  return board.columns.flatMap((column) =>
    column.items
      .filter((item) => item.mergedInto === null)
      .map((item) => [
        item.title,
        item.description,
        names.status(item.columnId),
        item.channelId ? names.channel(item.channelId) : '',
        item.customer,
        item.tags.join(', '),
        String(item.importance),
        String(item.impact),
        String(item.effort),
        String(item.voteCount),
        item.priority.toFixed(2),
        memberName(item.ownerId),
        new Date(item.createdAt).toISOString(),
      ]),
  );
}

/** The board as a CSV safe to open in a spreadsheet (see `toSafeCsv`). */
export function boardToCsv(board: FeedbackBoardSnapshot, members: readonly MemberSnapshot[], names: ExportNames): string {
  return toSafeCsv(HEADERS, rowsOf(board, members, names));
}

function mdEscape(text: string): string {
  return text.replace(/([\\`*_[\]#|<>])/g, '\\$1').replace(/\s*\n\s*/g, ' ');
}

export function boardToMarkdown(boardName: string, board: FeedbackBoardSnapshot, names: ExportNames): string {
  const lines = [`# ${mdEscape(boardName)}`, ''];
  for (const column of board.columns) {
    const items = column.items.filter((i) => i.mergedInto === null);
    if (items.length === 0) continue;
    lines.push(`## ${mdEscape(names.status(column.status.id))} (${items.length})`, '');
    for (const item of items) {
      const details = [item.channelId ? names.channel(item.channelId) : '', item.customer, `▲ ${item.voteCount}`, item.tags.map((t) => `#${t}`).join(' ')].filter(Boolean).join(' · ');
      lines.push(`- **${mdEscape(item.title)}** — ${mdEscape(details)}`);
      if (item.description.trim()) lines.push(`  ${mdEscape(item.description.trim())}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

// Downloads and file names are shared by every kind's export.
export { download, exportFileName } from '../../export/download';
