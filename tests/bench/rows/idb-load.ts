// Row `idb-load`: Chromium opening the standard board from its y-indexeddb cache to the first
// painted screenful, (a) stored as one compacted update, (b) after 20 reopen cycles and 2,000
// single-field edits, against in-page `Y.applyUpdate` of the same state to the same paint.
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import type { IdbLoadPageApi, PaintPhases, PaintTiming } from '../pages/idb-load-api';
import { serveBenchPage } from '../support/bench-page';
import { SCREENFUL_ROWS } from '../support/board-fields';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin, withDeadline } from '../support/timing';

const PAGE_ENTRY = fileURLToPath(new URL('../pages/idb-load.ts', import.meta.url));
const COMPACTED_DB = 'tandem-bench:compacted';
const HISTORY_DB = 'tandem-bench:history';
const REOPEN_CYCLES = 20;
const EDITS_PER_CYCLE = 100;
const PAGE_CALL_DEADLINE_MS = 180_000;

type PageMethod = keyof IdbLoadPageApi;

/** Calls the bench page's API (see idb-load-api.ts) and waits, within a deadline, for its answer. */
function callPage<M extends PageMethod>(page: Page, method: M, args: Parameters<IdbLoadPageApi[M]>[0]): Promise<Awaited<ReturnType<IdbLoadPageApi[M]>>> {
  const call = page.evaluate(
    ({ method, args }) => {
      const api = window.tandemIdbBench;
      if (!api) throw new Error('the idb-load bench page did not load');
      return (api[method] as (args: unknown) => Promise<unknown>)(args);
    },
    { method, args },
  );
  return withDeadline(call as Promise<Awaited<ReturnType<IdbLoadPageApi[M]>>>, PAGE_CALL_DEADLINE_MS, `idb-load page call ${method}`);
}

function describePhases(samples: readonly PaintPhases[]): string {
  const of = (phase: keyof PaintPhases) => median(samples.map((s) => s[phase])).toFixed(0);
  return `${of('read')} / ${of('apply')} / ${of('updateEvent')} / ${of('paint')}`;
}

/** A fresh page load with a collected heap, so no run inherits the previous one's garbage. */
async function freshPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
  } finally {
    await cdp.detach();
  }
}

export const idbLoadRow: BenchRow = {
  name: 'idb-load',
  description: 'Chromium opens the standard board from y-indexeddb to its first painted screenful, vs in-page Y.applyUpdate',
  async run(context: BenchContext): Promise<RowReport> {
    const board = context.feedbackBoard();
    const state = Y.encodeStateAsUpdate(board.doc);
    const server = await serveBenchPage({ title: 'idb-load', entry: PAGE_ENTRY, assets: { '/board.bin': { contentType: 'application/octet-stream', body: state } } });
    const browser = await context.browser();
    const browserContext = await browser.newContext();
    try {
      const page = await browserContext.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));

      context.progress('idb-load: seeding IndexedDB (a) compacted');
      await freshPage(page, server.url);
      const compacted = await callPage(page, 'seedCompacted', { dbName: COMPACTED_DB });
      context.progress(`idb-load: seeding IndexedDB (b) ${REOPEN_CYCLES} reopen cycles × ${EDITS_PER_CYCLE} single-field edits`);
      await freshPage(page, server.url);
      await callPage(page, 'seedCompacted', { dbName: HISTORY_DB });
      const history = await callPage(page, 'addHistory', { dbName: HISTORY_DB, cycles: REOPEN_CYCLES, editsPerCycle: EDITS_PER_CYCLE, seed: context.seed });

      const checked = (timing: PaintTiming, what: string): number => {
        if (pageErrors.length > 0) throw new Error(`the idb-load page failed: ${pageErrors.join('; ')}`);
        if (timing.cards !== board.cardIds.length || timing.firstRow === '') throw new Error(`${what} painted ${timing.cards} cards, expected ${board.cardIds.length}`);
        return timing.ms;
      };
      let round = -1;
      const phases: Record<'baseline' | 'compacted' | 'history', PaintPhases[]> = { baseline: [], compacted: [], history: [] };
      const record = (variant: keyof typeof phases, timing: PaintTiming) => {
        if (round >= 0) phases[variant].push(timing.phases);
        return timing;
      };
      let baselineFirstRow = '';
      const measure = {
        baseline: async () => {
          await freshPage(page, server.url);
          const timing = record('baseline', await callPage(page, 'openFromMemory', undefined));
          baselineFirstRow = timing.firstRow;
          return checked(timing, 'the in-memory baseline');
        },
        compacted: async () => {
          await freshPage(page, server.url);
          const timing = record('compacted', await callPage(page, 'openFromIndexedDb', { dbName: COMPACTED_DB, keepThroughKey: compacted.lastKey }));
          if (timing.firstRow !== baselineFirstRow) throw new Error('(a) painted a different first row than the baseline');
          return checked(timing, '(a)');
        },
        history: async () => {
          await freshPage(page, server.url);
          return checked(record('history', await callPage(page, 'openFromIndexedDb', { dbName: HISTORY_DB, keepThroughKey: history.lastKey })), '(b)');
        },
      };
      const samples = await sampleRoundRobin(measure, {
        runs: context.runs,
        onRound: (next) => {
          round = next;
          context.progress(round < 0 ? 'idb-load: warm-up' : `idb-load: run ${round + 1}/${context.runs}`);
        },
      });

      const workload = `idb-load (${(board.cardIds.length / 1000).toFixed(0)}k cards)`;
      return {
        lines: [
          { workload, metric: `(a) compacted, ${compacted.rows} row: open to first paint`, unit: 'ms', measured: { samples: samples.compacted }, baseline: { samples: samples.baseline }, maxRatio: 1.3 },
          { workload, metric: `(b) ${history.rows.toLocaleString('en-US')} rows: open to first paint`, unit: 'ms', measured: { samples: samples.history }, baseline: { samples: samples.compacted, label: '(a)' }, maxRatio: 1.1, targetLabel: '≤ 1.1× (a)' },
        ],
        notes: [
          `idb-load: (a) ${compacted.rows} row, ${formatValue(compacted.bytes, 'bytes')}; (b) ${history.rows.toLocaleString('en-US')} rows, ${formatValue(history.bytes, 'bytes')} after ${REOPEN_CYCLES} reopen cycles × ${EDITS_PER_CYCLE} single-field edits (y-indexeddb's 1 s idle trim kept from running). ` +
            `Open to first paint = new IndexeddbPersistence → whenSynced → first ${SCREENFUL_ROWS} cards by order (title/status/owner) into the DOM → a task after the next rAF; ` +
            `baseline = Y.applyUpdate of the same compacted bytes (fetched off the clock) → same render → same paint. Every sample is a fresh page load; IndexedDB is warm in the browser process.`,
          `idb-load phases, median ms (IndexedDB read / Yjs apply / encoding the 'update' event for listeners / render to paint): baseline ${describePhases(phases.baseline)}; (a) ${describePhases(phases.compacted)}; (b) ${describePhases(phases.history)}.`,
        ],
        environment: { chromium: browser.version() },
      };
    } finally {
      await browserContext.close();
      await server.close();
    }
  },
};
