// Every CSV that Tandem writes goes through here, and every CSV it reads is undone here: a
// cell that a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) is
// written with a leading apostrophe, so a customer's `=HYPERLINK(…)` stays text in Excel or
// WPS; a plain number such as -3 stays a number, and reading the file back restores the text.
import Papa from 'papaparse';

/** A number as a spreadsheet reads one: it cannot be a formula, so it is left as it is. */
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** Cells a spreadsheet would evaluate, and cells already starting with the escape (so they read back exactly). */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The cell as written: with one more leading apostrophe when a spreadsheet would evaluate it. */
export function neutraliseCell(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** The text a neutralised cell stood for (cells from other tools that used the same escape too). */
export function restoreCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

/** CSV with a UTF-8 BOM (so Excel opens Chinese text correctly) and CRLF line ends, every cell neutralised. */
export function toSafeCsv(fields: readonly string[], rows: readonly (readonly string[])[]): string {
  const data = rows.map((row) => row.map(neutraliseCell));
  return `\uFEFF${Papa.unparse({ fields: fields.map(neutraliseCell), data }, { newline: '\r\n' })}\r\n`;
}
