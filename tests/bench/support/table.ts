// The one table `npm run bench` prints: a Markdown table (readable in a terminal, pastable
// into an issue) of every line's median against its same-run baseline, then the notes and
// the environment the numbers were taken in.
import type { BenchLine, Unit } from './row';
import { median } from './timing';

const COLUMNS = ['workload', 'metric', 'median', 'baseline', 'ratio', 'target', 'met?'] as const;

export function formatValue(value: number, unit: Unit): string {
  if (unit === 'ms') return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
  if (unit === 'bytes') return value >= 1e6 ? `${(value / 1e6).toFixed(2)} MB` : value >= 1e3 ? `${(value / 1e3).toFixed(1)} kB` : `${value} B`;
  if (unit === 'frames') return `${Number.isInteger(value) ? value : value.toFixed(1)} frame${value === 1 ? '' : 's'}`;
  return Math.round(value).toLocaleString('en-US');
}

/** The measured/baseline ratio of a line, or undefined when it has no baseline. */
export function ratioOf(line: BenchLine): number | undefined {
  if (!line.baseline) return undefined;
  const base = median(line.baseline.samples);
  return base > 0 ? median(line.measured.samples) / base : undefined;
}

function cells(line: BenchLine): string[] {
  const ratio = ratioOf(line);
  const baseline = line.baseline ? `${formatValue(median(line.baseline.samples), line.unit)}${line.baseline.label ? ` ${line.baseline.label}` : ''}` : '—';
  const measured = median(line.measured.samples);
  const target = line.maxValue !== undefined ? (line.targetLabel ?? `≤ ${formatValue(line.maxValue, line.unit)}`) : line.maxRatio === undefined ? '(info)' : (line.targetLabel ?? `≤ ${line.maxRatio}×`);
  const met = line.maxValue !== undefined ? (measured <= line.maxValue ? 'yes' : 'NO') : line.maxRatio === undefined || ratio === undefined ? '—' : ratio <= line.maxRatio ? 'yes' : 'NO';
  return [line.workload, line.metric, formatValue(measured, line.unit), baseline, ratio === undefined ? '—' : `${ratio.toFixed(2)}×`, target, met];
}

export function formatTable(lines: readonly BenchLine[]): string {
  const rows = [COLUMNS.slice(), ...lines.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const render = (row: readonly string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [render(rows[0] ?? []), rule, ...rows.slice(1).map(render)].join('\n');
}

export function formatReport(input: { lines: readonly BenchLine[]; notes: readonly string[]; environment: Readonly<Record<string, string>>; failures: readonly string[] }): string {
  const parts = [input.lines.length > 0 ? formatTable(input.lines) : '(no lines: every selected row failed)'];
  if (input.notes.length > 0) parts.push(input.notes.map((note) => `- ${note}`).join('\n'));
  parts.push(`Environment: ${Object.entries(input.environment).map(([key, value]) => `${key} ${value}`).join(' · ')}`);
  if (input.failures.length > 0) parts.push(input.failures.map((failure) => `CRASHED ${failure}`).join('\n'));
  return parts.join('\n\n');
}
