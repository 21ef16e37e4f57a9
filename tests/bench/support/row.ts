// What a benchmark row is: a named workload that, given the run's settings, measures itself
// against a baseline taken in the same run and reports lines for the table. A new row (see
// BENCHMARKS.md) is one module under `tests/bench/rows/` added to the registry there.
import type { Browser } from '@playwright/test';
import type { FeedbackBoard } from '../generate';
import type { ModelWorkspace } from '../generate-model';

/** How big and how careful this run is; `--quick` shrinks everything for a smoke check. */
export interface BenchSettings {
  readonly quick: boolean;
  /** Cards on the standard feedback board (10k, or 1k with `--quick`). */
  readonly boardCards: number;
  /** Board sizes of the rows that show how cost grows with the board: 1k, 10k and 30k (only 1k with `--quick`). */
  readonly growthCards: readonly number[];
  /** Measured runs per workload (the median is reported), after one warm-up. */
  readonly runs: number;
  readonly seed: number;
}

/** What a row is given: the settings plus shared, lazily built fixtures. */
export interface BenchContext extends BenchSettings {
  /** The standard feedback board (or one of `cards` cards, same seed), generated once per run and size and shared by every row. */
  feedbackBoard(cards?: number): FeedbackBoard;
  /** The standard feedback board in the app's real model, in a workspace, generated once per run (rows that drive the app). */
  modelWorkspace(): ModelWorkspace;
  /** Debian's Chromium, launched on first use and closed when the run ends. */
  browser(): Promise<Browser>;
  /** A progress line on stderr (stdout carries only the table). */
  progress(message: string): void;
}

export type Unit = 'ms' | 'bytes' | 'count' | 'frames';

/** Samples of one side of a comparison. */
export interface Series {
  readonly samples: readonly number[];
  /** Shown beside the baseline's median when it is not the row's usual baseline, e.g. "(a)". */
  readonly label?: string;
}

/** One line of the table. */
export interface BenchLine {
  readonly workload: string;
  readonly metric: string;
  readonly unit: Unit;
  readonly measured: Series;
  readonly baseline?: Series;
  /** The largest acceptable measured/baseline ratio; absent for lines shown for information. */
  readonly maxRatio?: number;
  /** A target on the measured median itself (frames, components, a task's length), for lines with no baseline to divide by. */
  readonly maxValue?: number;
  /** How the target reads in the table when it is not simply "≤ maxRatio×". */
  readonly targetLabel?: string;
}

export interface RowReport {
  readonly lines: readonly BenchLine[];
  /** Footnotes printed under the table: sizes, row counts, what was measured. */
  readonly notes?: readonly string[];
  /** Environment facts this row learned (e.g. the Chromium version). */
  readonly environment?: Readonly<Record<string, string>>;
}

export interface BenchRow {
  /** The name used on the command line: `npm run bench -- load-peer`. */
  readonly name: string;
  readonly description: string;
  run(context: BenchContext): Promise<RowReport>;
}
