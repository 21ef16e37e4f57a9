// Where a page spent its time: a sampling CPU profile (CDP Profiler) of some work in the app's
// page, its self time summed per function and per source file of the renderer bundle (mapped
// through its source map), for the notes under the table. Profiled runs are never timed.
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { RendererSourceMap } from './component-names';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface ProfileSummary {
  /** Milliseconds sampled in total (the profile's span, idle included). */
  readonly totalMs: number;
  /** Self time by function (`Name (File.tsx:line)`, or a native/GC bucket), largest first. */
  readonly functions: readonly (readonly [string, number])[];
  /** Self time by source file (or package), largest first. */
  readonly files: readonly (readonly [string, number])[];
  /**
   * The longest stretch of samples with no idle one between them (what a long task was made
   * of): its length and its self time by function, largest first.
   */
  readonly longestBusy: { readonly ms: number; readonly functions: readonly (readonly [string, number])[] };
}

/** Runs `work` under the CDP sampling profiler (100 µs interval) and sums self time. */
export async function profileDuring(page: Page, rendererDir: string, work: () => Promise<unknown>): Promise<ProfileSummary> {
  const map = new RendererSourceMap(rendererDir);
  const cdp = await page.context().newCDPSession(page);
  let profile: Profile;
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    try {
      await work();
    } finally {
      profile = ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile;
    }
  } finally {
    await cdp.detach();
  }
  // TANDEM_BENCH_CPUPROFILE=<file.cpuprofile>: the raw profile too, for DevTools or a script (the last profiled run wins).
  if (process.env.TANDEM_BENCH_CPUPROFILE) writeFileSync(process.env.TANDEM_BENCH_CPUPROFILE, JSON.stringify(profile));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample's time is the delta to the next sample.
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i] as number, (selfUs.get(samples[i] as number) ?? 0) + (deltas[i + 1] ?? 0));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const names = new Map<number, { name: string; file: string }>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    total += us;
    if (us === 0) continue;
    const { name, file } = describeNode(node, map);
    names.set(node.id, { name, file });
    byFunction.set(name, (byFunction.get(name) ?? 0) + us / 1000);
    byFile.set(file, (byFile.get(file) ?? 0) + us / 1000);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs: total / 1000, functions: sorted(byFunction), files: sorted(byFile), longestBusy: longestBusyStretch(samples, deltas, names) };
}

/** The longest run of consecutive samples none of which is idle, summed by function. */
function longestBusyStretch(samples: readonly number[], deltas: readonly number[], names: ReadonlyMap<number, { name: string }>): ProfileSummary['longestBusy'] {
  let best = { from: 0, to: 0, us: 0 };
  let from = 0;
  let us = 0;
  for (let i = 0; i <= samples.length; i++) {
    const idle = i === samples.length || names.get(samples[i] as number)?.name === '(idle)';
    if (idle) {
      if (us > best.us) best = { from, to: i, us };
      from = i + 1;
      us = 0;
    } else {
      us += deltas[i + 1] ?? 0;
    }
  }
  const byFunction = new Map<string, number>();
  for (let i = best.from; i < best.to; i++) {
    const name = names.get(samples[i] as number)?.name ?? '(unknown)';
    byFunction.set(name, (byFunction.get(name) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  return { ms: best.us / 1000, functions: [...byFunction].sort((a, b) => b[1] - a[1]) };
}

function describeNode(node: ProfileNode, map: RendererSourceMap): { name: string; file: string } {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  let name: string;
  let file: string;
  if (url.includes('/assets/index-')) {
    name = map.describe(lineNumber, columnNumber);
    file = /\(([^():]+):\d+\)$/.exec(name)?.[1] ?? 'bundle';
  } else {
    // V8's own buckets: "(idle)", "(garbage collector)", and "(program)": the browser's native work outside JS (style, layout, paint, IPC).
    name = functionName === '(program)' ? '(browser: style, layout, paint…)' : functionName.startsWith('(') ? functionName : `${functionName || '(anonymous)'} (native or injected)`;
    file = url || functionName.startsWith('(') ? (url ? 'injected scripts' : name) : 'browser built-ins';
  }
  return { name, file };
}

/** `name 12.3 ms; …` for the `count` largest entries, leaving out idle time. */
export function topEntries(entries: readonly (readonly [string, number])[], count: number): string {
  return entries
    .filter(([name]) => name !== '(idle)')
    .slice(0, count)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`)
    .join('; ');
}
