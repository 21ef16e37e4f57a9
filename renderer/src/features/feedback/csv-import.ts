// Reading a CSV file of feedback for import: the encoding (UTF-8, with or without BOM, or
// GBK/GB18030 as Excel saves it on Chinese Windows), the rows (Papa Parse), and a first guess
// at which column holds what, from English and Chinese header names. Nothing here writes to
// a document: the preview shows the result and the import is one separate, undoable step.
import Papa from 'papaparse';
import { restoreCell } from '../../export/csv';

/** Larger files are refused before they are read: a board of 10,000 rows fits in far less. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;

export type CsvField = 'title' | 'description' | 'channel' | 'customer' | 'tags' | 'importance' | 'impact' | 'effort' | 'status' | 'owner';
export const CSV_FIELDS: readonly CsvField[] = ['title', 'description', 'channel', 'customer', 'tags', 'importance', 'impact', 'effort', 'status', 'owner'];

export class CsvImportError extends Error {
  override readonly name = 'CsvImportError';
  constructor(readonly messageKey: string, readonly params: Record<string, string | number> = {}) {
    super(messageKey);
  }
}

export interface ParsedCsv {
  readonly encoding: 'utf-8' | 'gb18030';
  readonly headers: readonly string[];
  /** Data rows (the header excluded), each as many cells as there are headers. */
  readonly rows: readonly (readonly string[])[];
  /** Suggested column index for each field, when a header looks like it. */
  readonly mapping: Partial<Record<CsvField, number>>;
}

const SYNONYMS: Record<CsvField, readonly string[]> = {
  title: ['title', 'summary', 'subject', 'feedback', 'name', '标题', '反馈', '主题', '摘要', '名称'],
  description: ['description', 'details', 'detail', 'body', 'text', 'content', '描述', '详情', '内容', '说明'],
  channel: ['channel', 'source', '渠道', '来源'],
  customer: ['customer', 'segment', 'client', 'account', 'company', 'user', '客户', '用户', '细分', '客群', '公司'],
  tags: ['tags', 'tag', 'labels', 'label', '标签'],
  importance: ['importance', 'priority', 'severity', '重要性', '重要程度', '优先级'],
  impact: ['impact', '影响', '影响力'],
  effort: ['effort', 'cost', 'size', '投入', '工作量', '成本'],
  status: ['status', 'state', 'stage', '状态', '阶段'],
  owner: ['owner', 'assignee', '负责人', '处理人'],
};

/** Decodes the file's bytes, detecting GBK/GB18030 when they are not valid UTF-8. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: ParsedCsv['encoding'] } {
  if (bytes.byteLength > MAX_CSV_BYTES) throw new CsvImportError('import.tooLarge', { maxMb: MAX_CSV_BYTES / 1024 / 1024 });
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    // Not UTF-8. Excel on Chinese Windows saves CSV as GBK (a subset of GB18030).
  }
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvImportError('import.unknownEncoding');
  }
  // GB18030 decodes almost any byte soup; accept it only if it reads as Chinese text.
  const cjk = (text.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g) ?? []).length;
  const odd = (text.match(/[\u0080-\u2fff\ua000-\uf8ff]/g) ?? []).length;
  if (cjk === 0 || odd > cjk) throw new CsvImportError('import.unknownEncoding');
  return { text, encoding: 'gb18030' };
}

function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s_\-()（）:：]/g, '');
}

export function suggestMapping(headers: readonly string[]): Partial<Record<CsvField, number>> {
  const mapping: Partial<Record<CsvField, number>> = {};
  const used = new Set<number>();
  for (const field of CSV_FIELDS) {
    const index = headers.findIndex((h, i) => !used.has(i) && SYNONYMS[field].includes(normaliseHeader(h)));
    if (index >= 0) {
      mapping[field] = index;
      used.add(index);
    }
  }
  return mapping;
}

/** Reads a CSV file's bytes into headers, rows and a suggested mapping, or throws a CsvImportError. */
export function parseCsv(bytes: Uint8Array): ParsedCsv {
  const { text, encoding } = decodeCsvBytes(bytes);
  if (text.trim() === '') throw new CsvImportError('import.empty');
  const result = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header, ...data] = result.data;
  if (!header || header.every((h) => h.trim() === '')) throw new CsvImportError('import.empty');
  if (data.length === 0) throw new CsvImportError('import.headerOnly');
  if (data.length > MAX_CSV_ROWS) throw new CsvImportError('import.tooManyRows', { max: MAX_CSV_ROWS });
  const headers = header.map((h, i) => restoreCell(h).trim() || `#${i + 1}`);
  const rows = data.map((row) => headers.map((_, i) => restoreCell(row[i] ?? '')));
  return { encoding, headers, rows, mapping: suggestMapping(headers) };
}
