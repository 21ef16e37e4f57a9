// Reading feedback CSV files: encodings people's spreadsheets produce, the files that must
// be refused with a clear reason, and the first guess at the column mapping.
import { describe, expect, it } from 'vitest';
import { CsvImportError, MAX_CSV_BYTES, parseCsv } from '../../renderer/src/features/feedback/csv-import';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** GBK bytes of a few Chinese words, as Excel on Chinese Windows saves them. */
function gbk(text: string): Uint8Array {
  const table: Record<string, number[]> = { 标: [0xb1, 0xea], 题: [0xcc, 0xe2], 渠: [0xc7, 0xfe], 道: [0xb5, 0xc0], 登: [0xb5, 0xc7], 录: [0xc2, 0xbc], 慢: [0xc2, 0xfd], 客: [0xbf, 0xcd], 服: [0xb7, 0xfe] };
  const out: number[] = [];
  for (const ch of text) out.push(...(table[ch] ?? [ch.charCodeAt(0)]));
  return new Uint8Array(out);
}

function refusal(fn: () => unknown): CsvImportError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CsvImportError) return error;
    throw error;
  }
  throw new Error('expected a CsvImportError');
}

describe('CSV import parsing', () => {
  it('reads a UTF-8 file with a BOM, quoted commas and line breaks inside cells', () => {
    const parsed = parseCsv(utf8('\uFEFFTitle,Description,Channel\n"Export, please","Line one\nline two",survey\nDark mode,,support\n'));
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.headers).toEqual(['Title', 'Description', 'Channel']);
    expect(parsed.rows).toEqual([
      ['Export, please', 'Line one\nline two', 'survey'],
      ['Dark mode', '', 'support'],
    ]);
    expect(parsed.mapping).toMatchObject({ title: 0, description: 1, channel: 2 });
  });

  it('detects a GBK file with Chinese text and maps Chinese headers', () => {
    const parsed = parseCsv(gbk('标题,渠道\n登录慢,客服\n'));
    expect(parsed.encoding).toBe('gb18030');
    expect(parsed.headers).toEqual(['标题', '渠道']);
    expect(parsed.rows).toEqual([['登录慢', '客服']]);
    expect(parsed.mapping).toMatchObject({ title: 0, channel: 1 });
  });

  it('refuses bytes that are neither UTF-8 nor Chinese text', () => {
    expect(refusal(() => parseCsv(new Uint8Array([0x80, 0x81, 0xfe, 0xff, 0x00, 0x9f, 0xa0, 0xb0]))).messageKey).toBe('import.unknownEncoding');
  });

  it('refuses an empty file and a file with only a header', () => {
    expect(refusal(() => parseCsv(utf8(''))).messageKey).toBe('import.empty');
    expect(refusal(() => parseCsv(utf8('\n\n  \n'))).messageKey).toBe('import.empty');
    expect(refusal(() => parseCsv(utf8('Title,Channel\n'))).messageKey).toBe('import.headerOnly');
  });

  it('refuses a 50 MB file before reading it', () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    const error = refusal(() => parseCsv(big));
    expect(error.messageKey).toBe('import.tooLarge');
    expect(error.params.maxMb).toBe(MAX_CSV_BYTES / 1024 / 1024);
  });

  it('pads short rows so every row has a cell per header', () => {
    const parsed = parseCsv(utf8('title,customer,tags\nA\nB,Acme,"x,y"\n'));
    expect(parsed.rows).toEqual([
      ['A', '', ''],
      ['B', 'Acme', 'x,y'],
    ]);
    expect(parsed.mapping).toMatchObject({ title: 0, customer: 1, tags: 2 });
  });
});
