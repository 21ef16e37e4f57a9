// A Chromium trace of a profiled run, when asked for: TANDEM_BENCH_TRACE=<file.json> (categories
// in TANDEM_BENCH_TRACE_CATEGORIES, comma-separated), for chrome://tracing or DevTools'
// performance panel. Where the CPU profile says "style, layout, paint", the trace says which.
import type { Page } from '@playwright/test';

const DEFAULT_CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.gc,blink.user_timing';

/** Runs `work`, traced into TANDEM_BENCH_TRACE's file when that is set. */
export async function tracedIfAsked<T>(page: Page, work: () => Promise<T>): Promise<T> {
  const path = process.env.TANDEM_BENCH_TRACE;
  const browser = page.context().browser();
  if (!path || !browser) return work();
  await browser.startTracing(page, { path, categories: (process.env.TANDEM_BENCH_TRACE_CATEGORIES ?? DEFAULT_CATEGORIES).split(',') });
  try {
    return await work();
  } finally {
    await browser.stopTracing();
  }
}
