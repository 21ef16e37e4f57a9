// Where a peer process spent a measured window: its `--cpu-prof` profile, the samples inside
// the window (V8 stamps them with the system's monotonic clock, the one `process.hrtime` reads
// here), self time summed per function and per source file of the peer bundle (mapped through
// its source map), for the notes under the table. Profiled runs are never timed.
import { readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { topEntries } from './cpu-profile';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The monotonic clock in microseconds, as V8 stamps profile samples. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** A `performance.now()` reading on the monotonic clock, in microseconds. */
export function toMonotonicMicros(performanceNow: number): number {
  return monotonicMicros() - (performance.now() - performanceNow) * 1000;
}

export interface WindowProfile {
  /** Milliseconds sampled in the window, idle included. */
  readonly totalMs: number;
  readonly idleMs: number;
  readonly functions: readonly (readonly [string, number])[];
  readonly files: readonly (readonly [string, number])[];
  /** Milliseconds from the window's start by which 10 %, 50 % and 90 % of the busy time had passed. */
  readonly busyBy: readonly [number, number, number];
}

function shortSource(source: string): string {
  const at = source.search(/(node_modules|electron|shared)\//);
  const path = at >= 0 ? source.slice(at) : source;
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  return pkg ?? path;
}

/** Self time of the profile `<dir>/<name>.cpuprofile`, between two monotonic instants (µs). */
export function profileWindow(dir: string, name: string, fromMicros: number, toMicros: number): WindowProfile {
  const file = readdirSync(dir).find((f) => f === `${name}.cpuprofile`);
  if (!file) throw new Error(`no profile ${name} in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const selfUs = new Map<number, number>();
  const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const busy: [number, number][] = [];
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const next = profile.timeDeltas[i + 1] ?? 0;
    if (at < fromMicros || at > toMicros) continue;
    const id = profile.samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + next);
    if (!idleIds.has(id)) busy.push([at - fromMicros, next]);
  }
  const busyTotal = busy.reduce((sum, [, us]) => sum + us, 0);
  const busyBy = [0.1, 0.5, 0.9].map((share) => {
    let sum = 0;
    for (const [offset, us] of busy) if ((sum += us) >= share * busyTotal) return offset / 1000;
    return 0;
  }) as [number, number, number];
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (url: string): SourceMap | null => {
    if (!maps.has(url)) {
      let map: SourceMap | null = null;
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${new URL(url).pathname}.map`, 'utf8')));
      } catch {
        map = null;
      }
      maps.set(url, map);
    }
    return maps.get(url) ?? null;
  };
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    total += us;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === '(idle)') idle += us;
    let fileName = url ? 'node internals' : functionName;
    let name = functionName || '(anonymous)';
    const entry = (url.startsWith('file:') ? mapOf(url)?.findEntry(lineNumber, columnNumber) : undefined) as { originalSource?: string; originalLine: number } | undefined;
    if (entry?.originalSource) {
      fileName = shortSource(entry.originalSource);
      name = `${functionName || '(anonymous)'} (${fileName.split('/').pop()}:${entry.originalLine + 1})`;
    } else if (url.startsWith('node:')) {
      fileName = 'node internals';
      name = `${functionName || '(anonymous)'} (${url})`;
    }
    byFunction.set(name, (byFunction.get(name) ?? 0) + us / 1000);
    byFile.set(fileName, (byFile.get(fileName) ?? 0) + us / 1000);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]);
  return { totalMs: total / 1000, idleMs: idle / 1000, functions: sorted(byFunction), files: sorted(byFile), busyBy };
}

/** `"busy 123 ms of 456 ms: by file …; by function …"` for a note. */
export function describeWindow(profile: WindowProfile, count = 6): string {
  const [p10, p50, p90] = profile.busyBy.map((ms) => ms.toFixed(0));
  return `busy ${(profile.totalMs - profile.idleMs).toFixed(0)} of ${profile.totalMs.toFixed(0)} ms (10/50/90 % of it done by +${p10}/+${p50}/+${p90} ms); by file: ${topEntries(profile.files, count)}; by function: ${topEntries(profile.functions, count)}`;
}

/** Node flags that write `<dir>/<name>.cpuprofile` when the process exits. */
export function cpuProfileArgs(dir: string, name: string): string[] {
  return ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `${name}.cpuprofile`, '--cpu-prof-interval', '250'];
}
