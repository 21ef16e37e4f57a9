// What outlives the young generation, when asked: TANDEM_BENCH_HEAP=1 samples the page's heap
// during a profiled run (Chromium's sampling heap profiler, counting objects a major GC collects
// and those still alive, not those a scavenge already took) and names where they were allocated
// through the renderer's source map. Objects that survive scavenges only to die in a major GC
// are what makes major GCs frequent; this says which code makes them.
import type { Page } from '@playwright/test';
import { RendererSourceMap } from './component-names';

interface SampleNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
  readonly selfSize: number;
  readonly children: readonly SampleNode[];
}

/** Where sampled bytes were allocated: by function, and by the innermost frames of their stacks. */
export interface HeapSample {
  readonly byFunction: readonly (readonly [string, number])[];
  readonly byStack: readonly (readonly [string, number])[];
}

/** Runs `work`, heap-sampled when TANDEM_BENCH_HEAP is set (null otherwise). */
export async function heapSampledIfAsked<T>(page: Page, rendererDir: string, work: () => Promise<T>): Promise<{ result: T; sample: HeapSample | null }> {
  if (!process.env.TANDEM_BENCH_HEAP) return { result: await work(), sample: null };
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    // The last two options are newer than Playwright's protocol types.
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false } as never);
    const result = await work();
    const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: SampleNode } };
    const map = new RendererSourceMap(rendererDir);
    const byFunction = new Map<string, number>();
    const byStack = new Map<string, number>();
    const walk = (node: SampleNode, path: readonly string[]) => {
      const frame = node.callFrame;
      const name = frame.url.includes('/assets/index-') ? map.describe(frame.lineNumber, frame.columnNumber) : `${frame.functionName || '(anonymous)'} (native)`;
      const stack = [...path, name];
      if (node.selfSize > 0) {
        byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
        const key = stack.slice(-5).reverse().join(' < ');
        byStack.set(key, (byStack.get(key) ?? 0) + node.selfSize);
      }
      for (const child of node.children) walk(child, stack);
    };
    walk(profile.head, []);
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
    return { result, sample: { byFunction: sorted(byFunction), byStack: sorted(byStack) } };
  } finally {
    await cdp.detach();
  }
}
