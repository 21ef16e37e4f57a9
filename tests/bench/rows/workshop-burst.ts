// Row `workshop-burst`: a room of 20 laptops on a workshop board that the real app shows, each
// making 10 edits a second (new notes, typing into them, dot votes) for 30 s (5 s with --quick),
// arriving through the hub's link. Measured in the page: the longest main-thread task, and per
// new note the frames from the message that carried it to the frame that painted it.
// TANDEM_BENCH_TRACE=<file.json> also records a Chromium trace of the profiled run (support/trace.ts),
// and TANDEM_BENCH_HEAP=1 says where what outlived the young generation was allocated (support/heap-sample.ts).
import type { NoteArrivals } from '../pages/app-probe-api';
import { profileDuring, topEntries } from '../support/cpu-profile';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { heapSampledIfAsked } from '../support/heap-sample';
import { tracedIfAsked } from '../support/trace';
import { median, sampleRoundRobin } from '../support/timing';
import { joinWorkshopRoom } from '../support/workshop-teammates';
import { openWorkshopSession, showWorkshop } from '../support/workshop-session';
import { waitUntilSetAside } from '../support/app-session';

const LAPTOPS = 20;
const EDITS_PER_SECOND = 10;
const MAX_TASK_MS = 50;
const MAX_FRAMES = 2;

export const workshopBurstRow: BenchRow = {
  name: 'workshop-burst',
  description: 'Chromium: 20 laptops’ notes, typing and votes arriving at 10 edits/s each; longest main-thread task, frames from arrival to a new note painted',
  async run(context: BenchContext): Promise<RowReport> {
    const seconds = context.quick ? 5 : 30;
    const { session, bench } = await openWorkshopSession(context, 'workshop-burst', 1_000);
    try {
      await showWorkshop(session, bench.empty.name, 0);
      const heap = await waitUntilSetAside(session, context.progress);
      context.progress('workshop-burst: the room joins the workshop board over the hub’s link');
      const room = await joinWorkshopRoom(session.hub, bench.empty.boardId, LAPTOPS, context.seed);
      try {
        const runs: NoteArrivals[] = [];
        const sent: { edits: number; notes: number }[] = [];
        let round = -1;
        /** An empty board and a collected heap, so each burst starts alike. */
        const prepare = async () => {
          room.clear();
          await session.page.waitForFunction(() => document.querySelectorAll('.note-world .sticky-note').length === 0, undefined, { timeout: 60_000, polling: 100 });
          await session.collectGarbage();
          await session.page.waitForTimeout(300);
        };
        const burst = async (prepared = false): Promise<{ arrivals: NoteArrivals; count: { edits: number; notes: number } }> => {
          if (!prepared) await prepare();
          await session.call('watchNotes', { boardId: bench.empty.boardId });
          const stop = room.stream(EDITS_PER_SECOND, context.seed + Math.max(0, round));
          await session.page.waitForTimeout(seconds * 1000);
          const count = stop();
          const arrivals = await session.call('stopWatchingNotes', { settleMs: 1_000 });
          if (arrivals.notes === 0) throw new Error('no note arrived');
          return { arrivals, count };
        };
        const samples = await sampleRoundRobin(
          {
            burst: async () => {
              const { arrivals, count } = await burst();
              if (round >= 0) {
                runs.push(arrivals);
                sent.push(count);
              }
              return Math.max(0, ...arrivals.longTasks);
            },
          },
          {
            runs: context.runs,
            onRound: (next) => {
              round = next;
              context.progress(round < 0 ? 'workshop-burst: warm-up' : `workshop-burst: run ${round + 1}/${context.runs}`);
            },
          },
        );
        context.progress('workshop-burst: one more run, profiled');
        await prepare();
        const { result: profile, sample: survivors } = await heapSampledIfAsked(session.page, session.build.rendererDir, () => tracedIfAsked(session.page, () => profileDuring(session.page, session.build.rendererDir, () => burst(true))));
        const worst = (a: NoteArrivals) => Math.max(a.missing > 0 ? Number.POSITIVE_INFINITY : 0, ...a.frames);
        const workload = `workshop-burst (${LAPTOPS} laptops × ${EDITS_PER_SECOND}/s, ${seconds} s)`;
        return {
          lines: [
            { workload, metric: 'longest main-thread task', unit: 'ms', measured: { samples: samples.burst }, maxValue: MAX_TASK_MS, targetLabel: `≤ ${MAX_TASK_MS} ms` },
            { workload, metric: 'arrival → new note painted, slowest note', unit: 'frames', measured: { samples: runs.map(worst) }, maxValue: MAX_FRAMES, targetLabel: `≤ ${MAX_FRAMES}` },
            { workload, metric: 'arrival → new note painted, median note', unit: 'frames', measured: { samples: runs.map((a) => median(a.frames)) } },
          ],
          notes: [
            `workshop-burst: one Node client of the hub's link writes as ${LAPTOPS} laptops in turn (own Yjs client id and member each) with the workshop model's mutations — 10 % new notes in the part of the canvas on screen, 30 % dot votes (budget 20; a vote taken back once spent), the rest typing into the laptop's latest note — ` +
              `${LAPTOPS * EDITS_PER_SECOND} edits/s for ${seconds} s; per run, median ${median(sent.map((s) => s.edits))} edits and ${median(sent.map((s) => s.notes))} notes sent, ${median(runs.map((a) => a.updates))} remote updates applied in the page, ${median(runs.map((a) => a.notes))} notes arrived, ${Math.max(0, ...runs.map((a) => a.missing))} never painted (worst run).`,
            `workshop-burst: CPU profile of one more run (self time, ms): by file ${topEntries(profile.files, 6)}; by function ${topEntries(profile.functions, 10)}; its longest busy stretch ${formatValue(profile.longestBusy.ms, 'ms')}: ${topEntries(profile.longestBusy.functions, 8)}.`,
            `workshop-burst: the page's JS heap after GC, ${formatValue(heap.heapBefore, 'bytes')} with the 10k feedback board open in the background, ${formatValue(heap.heapAfter, 'bytes')} once the app set it aside (off screen for a minute: renderer/src/boards/parking.ts); the bursts run after that.`,
            `workshop-burst: long tasks per run, median ${median(runs.map((a) => a.longTasks.length))}; React commits per run, median ${median(runs.map((a) => a.commits))}; notes over ${MAX_FRAMES} frames, worst run ${Math.max(0, ...runs.map((a) => a.frames.filter((f) => f > MAX_FRAMES).length))}; longest task ${formatValue(Math.max(...samples.burst), 'ms')}.`,
            ...(survivors
              ? [
                  `workshop-burst: TANDEM_BENCH_HEAP, bytes allocated in the profiled run that outlived the young generation, by function: ${survivors.byFunction.slice(0, 12).map(([name, bytes]) => `${name} ${formatValue(bytes, 'bytes')}`).join('; ')}; by stack: ${survivors.byStack.slice(0, 6).map(([stack, bytes]) => `${formatValue(bytes, 'bytes')} ${stack}`).join(' | ')}.`,
                ]
              : []),
          ],
          environment: session.environment,
        };
      } finally {
        room.close();
      }
    } finally {
      await session.close();
    }
  },
};
