// Measuring on a noisy shared machine: medians, a garbage collection between runs so one
// run's garbage is not collected on the next one's clock, round-robin sampling so drift hits
// the workload and its baseline alike, and a deadline so a stuck run cannot hang the bench.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Now on a clock that a bench process and the processes it forks share: the epoch in milliseconds, to a fraction. */
export const sharedNow = (): number => performance.timeOrigin + performance.now();

/** A frame at least this big carries a board (or a large part of one), not a hello or a saved report. */
export const BIG_FRAME_BYTES = 64 * 1024;

let gcFunction: (() => void) | undefined;

/** A full GC, even though tsx starts Node without `--expose-gc`. */
export function collectGarbage(): void {
  if (!gcFunction) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
}

/** Milliseconds `work` takes (wall clock), after a GC so it starts with a clean heap. */
export async function timeOnce(work: () => unknown): Promise<number> {
  collectGarbage();
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Runs every variant `warmups + runs` times, round-robin, and returns the samples of the
 * measured runs per variant. Each variant returns its own duration, so it can keep setup
 * and teardown off the clock.
 */
export async function sampleRoundRobin<K extends string>(
  variants: Readonly<Record<K, () => Promise<number>>>,
  options: { runs: number; warmups?: number; onRound?: (round: number) => void },
): Promise<Record<K, number[]>> {
  const names = Object.keys(variants) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  const warmups = options.warmups ?? 1;
  for (let round = 0; round < warmups + options.runs; round++) {
    options.onRound?.(round - warmups);
    for (const name of names) {
      const ms = await variants[name]();
      if (round >= warmups) samples[name].push(ms);
    }
  }
  return samples;
}

/** Rejects with a message naming `what` if `work` has not settled after `ms`. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
