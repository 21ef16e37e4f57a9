// Turns CSV rows into feedback items as the board understands them: channel, status and
// owner matched by name (in either language), importance by number or word, tags split on
// commas. Each row either becomes an item or gets a reason, with its row number in the file.
import type { TFunction } from 'i18next';
import type { FeedbackBoardSnapshot } from '../../../../shared/model/feedback/snapshots';
import type { ImportRow } from '../../../../shared/model/feedback/import';
import { feedbackItemFields } from '../../../../shared/model/feedback/items';
import { isModelError } from '../../../../shared/model/errors';
import { parseInput } from '../../../../shared/model/validate';
import type { MemberSnapshot } from '../../../../shared/model/workspace';
import type { CsvField, ParsedCsv } from './csv-import';
import { channelLabel, statusLabel } from './labels';

export interface RowProblem {
  /** The row's line in the file, the header being row 1. */
  readonly row: number;
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
}

export interface PreparedImport {
  readonly rows: readonly ImportRow[];
  /** File row number of each prepared row. */
  readonly rowNumbers: readonly number[];
  readonly problems: readonly RowProblem[];
}

const IMPORTANCE_WORDS: Record<string, 1 | 2 | 3> = {
  low: 1, minor: 1, 'nice to have': 1, 'nice-to-have': 1, 锦上添花: 1, 低: 1, 一般: 1,
  medium: 2, important: 2, major: 2, 重要: 2, 中: 2,
  high: 3, critical: 3, urgent: 3, blocker: 3, 关键: 3, 紧急: 3, 高: 3, 严重: 3,
};

function norm(text: string): string {
  return text.trim().toLocaleLowerCase();
}

function parseImportance(text: string): number | undefined {
  const value = norm(text);
  if (value === '') return undefined;
  const word = IMPORTANCE_WORDS[value];
  if (word) return word;
  const n = Number(value.replace(/^\+/, ''));
  return Number.isNaN(n) ? Number.NaN : n;
}

function parseScale(text: string): number | undefined {
  const value = text.trim();
  return value === '' ? undefined : Number(value);
}

export function prepareImport(csv: ParsedCsv, mapping: Partial<Record<CsvField, number>>, board: FeedbackBoardSnapshot, members: readonly MemberSnapshot[], t: TFunction): PreparedImport {
  // A spreadsheet may name template channels and statuses in either language.
  const inBothLanguages = (key: string | null): string[] => (key ? [t(key, { lng: 'en' }), t(key, { lng: 'zh-CN' })] : []);
  const channelByName = new Map<string, string>();
  for (const c of board.channels) {
    for (const name of [c.name, c.key ?? '', channelLabel(c, t), ...inBothLanguages(c.key && `feedback.channels.${c.key}`)]) if (name) channelByName.set(norm(name), c.id);
  }
  const statusByName = new Map<string, string>();
  for (const s of board.statuses) {
    if (s.kind === 'merged') continue;
    for (const name of [s.name, s.key ?? '', statusLabel(s, t), ...inBothLanguages(s.key && `feedback.statuses.${s.key}`)]) if (name) statusByName.set(norm(name), s.id);
  }
  const memberByName = new Map(members.map((m) => [norm(m.name), m.id]));

  const rows: ImportRow[] = [];
  const rowNumbers: number[] = [];
  const problems: RowProblem[] = [];
  csv.rows.forEach((cells, index) => {
    const rowNumber = index + 2;
    const cell = (field: CsvField) => {
      const column = mapping[field];
      return column === undefined ? '' : (cells[column] ?? '');
    };
    const problem = (messageKey: string, params: Record<string, string | number> = {}) => problems.push({ row: rowNumber, messageKey, params });
    const channelText = cell('channel').trim();
    const channelId = channelText === '' ? null : channelByName.get(norm(channelText));
    if (channelId === undefined) return problem('import.unknownChannel', { value: channelText });
    const statusText = cell('status').trim();
    const statusId = statusText === '' ? undefined : statusByName.get(norm(statusText));
    if (statusText !== '' && statusId === undefined) return problem('import.unknownStatus', { value: statusText });
    const ownerText = cell('owner').trim();
    const ownerId = ownerText === '' ? null : memberByName.get(norm(ownerText));
    if (ownerId === undefined) return problem('import.unknownOwner', { value: ownerText });
    const row: ImportRow = {
      title: cell('title'),
      description: cell('description'),
      channelId,
      customer: cell('customer'),
      tags: cell('tags').split(/[,，、;；]/).map((s) => s.trim().replace(/^#/, '')).filter(Boolean),
      ownerId,
      ...(statusId ? { statusId } : {}),
      ...(parseImportance(cell('importance')) !== undefined ? { importance: parseImportance(cell('importance')) } : {}),
      ...(parseScale(cell('impact')) !== undefined ? { impact: parseScale(cell('impact')) } : {}),
      ...(parseScale(cell('effort')) !== undefined ? { effort: parseScale(cell('effort')) } : {}),
    };
    try {
      parseInput(feedbackItemFields, row);
    } catch (error) {
      if (!isModelError(error)) throw error;
      return problem(error.messageKey, { ...error.params, field: error.field ?? '' });
    }
    rows.push(row);
    rowNumbers.push(rowNumber);
  });
  return { rows, rowNumbers, problems };
}
