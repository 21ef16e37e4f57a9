// `npm run bench [-- --quick] [row …]`: runs the selected rows of BENCHMARKS.md (all by
// default) and prints one table of medians against same-run baselines, with the environment.
// A missed target is a finding, not a failure: the exit code is non-zero only on a crash.
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { DEFAULT_SEED, generateFeedbackBoard, type FeedbackBoard } from './generate';
import { generateModelFeedbackBoard, generateModelWorkspace, type ModelWorkspace } from './generate-model';
import { ROWS } from './rows';
import { launchChromium } from './support/browser';
import type { BenchContext, BenchLine, BenchRow, BenchSettings } from './support/row';
import { formatReport } from './support/table';
import { withDeadline } from './support/timing';

/** Board sizes of the rows that show how cost grows with the board (load-peer, sync-cold, memory). */
const GROWTH_CARDS: readonly number[] = [1_000, 10_000, 30_000];

const USAGE = `usage: npm run bench [-- [--quick] [--runs=N] [row …]]
  --quick   1k-card board, 3 runs: a smoke check (growth rows: 1k only, not 1k/10k/30k)
  --runs=N  measured runs per workload (median reported; default 5, 3 with --quick)
rows: ${ROWS.map((row) => row.name).join(', ')}`;

/** A row that takes longer than this is stopped and reported as crashed, so the bench always ends. */
const ROW_DEADLINE_MS = { quick: 3 * 60_000, full: 10 * 60_000 };

function parseCommandLine(argv: string[]): { settings: BenchSettings; rows: BenchRow[] } | undefined {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { quick: { type: 'boolean', default: false }, runs: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) return undefined;
  const unknown = positionals.filter((name) => !ROWS.some((row) => row.name === name));
  if (unknown.length > 0) throw new Error(`unknown row ${unknown.join(', ')}`);
  const runs = values.runs === undefined ? (values.quick ? 3 : 5) : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  const rows = positionals.length === 0 ? [...ROWS] : ROWS.filter((row) => positionals.includes(row.name));
  const boardCards = values.quick ? 1_000 : 10_000;
  return { settings: { quick: values.quick, boardCards, growthCards: values.quick ? [boardCards] : GROWTH_CARDS, runs, seed: DEFAULT_SEED }, rows };
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!parsed) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { settings, rows } = parsed;
  const started = performance.now();
  const boards = new Map<number, FeedbackBoard>();
  let workspace: ModelWorkspace | undefined;
  let browser: Promise<Browser> | undefined;
  const context: BenchContext = {
    ...settings,
    feedbackBoard(cards = settings.boardCards) {
      let board = boards.get(cards);
      if (!board) {
        progress(`generating the ${cards.toLocaleString('en-US')}-card feedback board (seed 0x${settings.seed.toString(16)})`);
        board = generateFeedbackBoard({ cards, seed: settings.seed });
        boards.set(cards, board);
      }
      return board;
    },
    modelWorkspace() {
      if (!workspace) {
        progress(`generating the ${settings.boardCards.toLocaleString('en-US')}-item feedback board in the app's model (seed 0x${settings.seed.toString(16)})`);
        workspace = generateModelWorkspace(generateModelFeedbackBoard({ items: settings.boardCards, seed: settings.seed }), settings.seed);
      }
      return workspace;
    },
    browser: () => (browser ??= launchChromium()),
    progress,
  };

  const require = createRequire(import.meta.url);
  const lines: BenchLine[] = [];
  const notes: string[] = [];
  const failures: string[] = [];
  const environment: Record<string, string> = {
    node: process.version,
    yjs: (require('yjs/package.json') as { version: string }).version,
    'y-indexeddb': (require('y-indexeddb/package.json') as { version: string }).version,
  };
  try {
    for (const row of rows) {
      progress(`${row.name}: ${row.description}`);
      try {
        const report = await withDeadline(row.run(context), settings.quick ? ROW_DEADLINE_MS.quick : ROW_DEADLINE_MS.full, row.name);
        lines.push(...report.lines);
        notes.push(...(report.notes ?? []));
        Object.assign(environment, report.environment);
      } catch (error) {
        failures.push(`${row.name}: ${(error as Error).stack ?? String(error)}`);
      }
    }
  } finally {
    if (browser) await (await browser.catch(() => undefined))?.close();
  }
  const cpu = cpus();
  Object.assign(environment, {
    N: `${settings.boardCards.toLocaleString('en-US')} cards`,
    runs: `median of ${settings.runs} after 1 warm-up${settings.quick ? ' (--quick)' : ''}`,
    seed: `0x${settings.seed.toString(16)}`,
    cpu: `${cpu.length}× ${cpu[0]?.model.trim() ?? 'unknown'}`,
    took: `${((performance.now() - started) / 1000).toFixed(0)} s`,
  });
  process.stdout.write(`\n${formatReport({ lines, notes, environment, failures })}\n`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench crashed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
