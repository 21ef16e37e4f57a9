// Row `idb-burst`: with the standard board on screen in the real app, 1,000 single-field
// edits in about a second (typing, dragging: a few every frame) through the app's own action
// (`__tandem.feedback.update`), until the runtime says every one is in IndexedDB
// (`docs.cachePending()` back to 0, checked against the database); and the longest main-thread
// task meanwhile and in the cache compaction that may follow. Baseline: the same update blobs
// added to a scratch y-indexeddb database in one transaction, in the same page.
import * as Y from 'yjs';
import type { BatchTiming, BurstTiming } from '../pages/app-probe-api';
import { openAppSession, showFeedbackBoard, type AppSession } from '../support/app-session';
import { profileDuring, topEntries } from '../support/cpu-profile';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { tracedIfAsked } from '../support/trace';
import { median, sampleRoundRobin } from '../support/timing';

const EDITS = 1_000;
const SPAN_MS = 1_000;
/** The cards edited in turn: the top of the first column, on screen or just below it. */
const EDITED_CARDS = 20;
const LONG_TASK_MS = 50;

/** Clock ranges (inserted structs and deletions) per client that a set of stored rows holds. */
function storedRanges(rows: readonly Uint8Array[]): { structs: Map<number, [number, number][]>; deletes: Map<number, [number, number][]> } {
  const structs = new Map<number, [number, number][]>();
  const deletes = new Map<number, [number, number][]>();
  const add = (into: Map<number, [number, number][]>, client: number, from: number, length: number) => {
    if (!into.has(client)) into.set(client, []);
    into.get(client)?.push([from, from + length]);
  };
  for (const row of rows) {
    const { structs: rowStructs, ds } = Y.decodeUpdate(row);
    for (const struct of rowStructs) add(structs, struct.id.client, struct.id.clock, struct.length);
    for (const [client, items] of ds.clients) for (const item of items) add(deletes, client, item.clock, item.len);
  }
  return { structs, deletes };
}

function covered(ranges: Map<number, [number, number][]>, client: number, from: number, length: number): boolean {
  // Ranges may be split across rows: walk them in order.
  let at = from;
  const end = from + length;
  for (const [start, stop] of [...(ranges.get(client) ?? [])].sort((a, b) => a[0] - b[0])) {
    if (start <= at && stop > at) at = stop;
    if (at >= end) return true;
  }
  return at >= end;
}

/**
 * Throws unless every update of the burst is in IndexedDB. Updates not stored verbatim must be
 * covered by the rows written since the burst began: the app merges the edits made while a write
 * is in flight into one row (and may compact every row into one of the whole doc), so each
 * update's structs and deletions are looked for by client and clock range.
 */
async function checkPersisted(session: AppSession, dbName: string, burst: BurstTiming): Promise<void> {
  if (burst.missing.length === 0) return;
  const rows = (await session.call('rowsAfter', { dbName, afterKey: burst.keyBefore })).map((row) => new Uint8Array(Buffer.from(row, 'base64')));
  const stored = storedRanges(rows);
  const lost = burst.missing.filter((text) => {
    const { structs, ds } = Y.decodeUpdate(new Uint8Array(Buffer.from(text, 'base64')));
    if (structs.some((struct) => !covered(stored.structs, struct.id.client, struct.id.clock, struct.length))) return true;
    for (const [client, items] of ds.clients) if (items.some((item) => !covered(stored.deletes, client, item.clock, item.len))) return true;
    return false;
  });
  if (lost.length > 0) throw new Error(`${lost.length} updates of the burst are not in IndexedDB although the runtime said they were`);
}

export const idbBurstRow: BenchRow = {
  name: 'idb-burst',
  description: 'Chromium: 1,000 single-field edits in ~1 s until all are in IndexedDB, and the longest task, vs one IndexedDB transaction of the same blobs',
  async run(context: BenchContext): Promise<RowReport> {
    const session = await openAppSession(context, 'idb-burst');
    try {
      const { board } = session.workspace;
      await showFeedbackBoard(session);
      const itemIds = (board.columns.get('new') ?? []).slice(0, EDITED_CARDS);
      const bursts: BurstTiming[] = [];
      const batches: BatchTiming[] = [];
      let round = -1;
      // Key order matters: each baseline writes the blobs of the burst just made.
      const samples = await sampleRoundRobin(
        {
          burst: async () => {
            await session.collectGarbage();
            await session.page.waitForTimeout(300);
            const timing = await session.call('burst', { boardId: board.boardId, itemIds, edits: EDITS, spanMs: SPAN_MS });
            await checkPersisted(session, `tandem:${board.boardId}`, timing);
            if (round >= 0) bursts.push(timing);
            return timing.tailMs;
          },
          batch: async () => {
            await session.collectGarbage();
            const timing = await session.call('batchWrite', { dbName: 'tandem-bench:burst-baseline' });
            if (round >= 0) batches.push(timing);
            return timing.ms;
          },
        },
        {
          runs: context.runs,
          onRound: (next) => {
            round = next;
            context.progress(round < 0 ? 'idb-burst: warm-up' : `idb-burst: run ${round + 1}/${context.runs}`);
          },
        },
      );
      await session.collectGarbage();
      const profile = await tracedIfAsked(session.page, () => profileDuring(session.page, session.build.rendererDir, () => session.call('burst', { boardId: board.boardId, itemIds, edits: EDITS, spanMs: SPAN_MS })));
      const of = (pick: (t: BurstTiming) => number) => bursts.map(pick);
      const typical = [...bursts].sort((a, b) => a.totalMs - b.totalMs)[bursts.length >> 1] as BurstTiming;
      const workload = `idb-burst (${(board.itemIds.length / 1000).toFixed(0)}k items)`;
      return {
        lines: [
          { workload, metric: `${EDITS.toLocaleString('en-US')} edits in ~${SPAN_MS / 1000} s: last edit → all in IndexedDB`, unit: 'ms', measured: { samples: samples.burst }, baseline: { samples: samples.batch }, maxRatio: 2 },
          { workload, metric: 'first edit → all in IndexedDB', unit: 'ms', measured: { samples: of((t) => t.totalMs) }, baseline: { samples: of((t) => t.editSpanMs), label: '(edit span)' } },
          { workload, metric: 'longest task, first edit → all persisted', unit: 'ms', measured: { samples: of((t) => t.longestTaskMs) }, maxValue: LONG_TASK_MS, targetLabel: `≤ ${LONG_TASK_MS} ms` },
          { workload, metric: 'longest task, cache compaction after the burst', unit: 'ms', measured: { samples: of((t) => t.longestTrimTaskMs) }, maxValue: LONG_TASK_MS, targetLabel: `≤ ${LONG_TASK_MS} ms` },
        ],
        notes: [
          `idb-burst: ${EDITS.toLocaleString('en-US')} edits of impact, effort or importance on the top ${itemIds.length} cards of the first column through __tandem.feedback.update (each its own transaction and undo step), a few per frame over ~${SPAN_MS} ms; ` +
            `"all in IndexedDB" = the runtime's docs.cachePending() back to 0, then checked: every update of the burst is a row of the cache's store byte for byte, or covered (by client and clock range) by the rows written since: the app merges edits made while a write is in flight into one row (median ${median(of((t) => t.rowsAdded))} rows added; ${bursts.filter((t) => t.missing.length > 0).length} of ${bursts.length} runs merged or compacted when checked). ` +
            `Baseline: the same ${typical.updates.toLocaleString('en-US')} blobs (${formatValue(typical.updateBytes, 'bytes')}) added in one read-write transaction to a scratch database of y-indexeddb's layout in the same page (longest task ${formatValue(median(batches.map((b) => b.longestTaskMs)), 'ms')}).`,
          `idb-burst: worst run: longest task ${formatValue(Math.max(...of((t) => t.longestTaskMs)), 'ms')} during the burst, ${formatValue(Math.max(...of((t) => t.longestTrimTaskMs)), 'ms')} after it (once the cache holds ≥ 500 rows the app encodes the doc in memory as one row when the window is idle; y-indexeddb used to read every row back and apply it). ` +
            `React commits during a burst (median run): ${typical.commits}; components rendered: ${await session.describe(typical.components.slice(0, 8))}.`,
          `idb-burst: CPU profile of one more burst and its trim (self time, ms): by file ${topEntries(profile.files, 6)}; by function ${topEntries(profile.functions, 8)}.`,
          `idb-burst: long tasks of the median run, [ms after the first edit, duration]: ${typical.tasks.map(([at, ms]) => `[${at}, ${ms}]`).join(' ')}; last edit at ${typical.marks.lastEdit} ms, all persisted at ${typical.marks.persisted} ms, trimmed and quiet at ${typical.marks.settled} ms.`,
        ],
        environment: session.environment,
      };
    } finally {
      await session.close();
    }
  },
};
