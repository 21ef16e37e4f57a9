// Row `scroll-under-sync`: the real app scrolling the standard board's first kanban column for
// 120 frames while a teammate (a Node client of the hub's link) streams 50 edits a second to
// items of the board; frame intervals measured in the page. Baseline: the same scroll with no
// edits arriving, in the same page.
import type { ScrollTiming } from '../pages/app-probe-api';
import { openAppSession, showFeedbackBoard } from '../support/app-session';
import { profileDuring, topEntries } from '../support/cpu-profile';
import { connectTeammate } from '../support/remote-teammate';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin } from '../support/timing';

const COLUMN = 'new';
const FRAMES = 120;
/** 20 px a frame: a steady wheel scroll of about 1,200 px a second. */
const PX_PER_FRAME = 20;
const UPDATES_PER_SECOND = 50;
const SLOW_FRAME_MS = 50;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export const scrollUnderSyncRow: BenchRow = {
  name: 'scroll-under-sync',
  description: 'Chromium: scroll a kanban column 120 frames while a teammate streams 50 edits/s; p95 frame interval and slow frames, vs the same scroll with no edits',
  async run(context: BenchContext): Promise<RowReport> {
    const session = await openAppSession(context, 'scroll-under-sync');
    try {
      const { board } = session.workspace;
      await showFeedbackBoard(session);
      context.progress('scroll-under-sync: a teammate syncs the board over the hub’s link');
      const teammate = await connectTeammate(session.hub, board.boardId, board.itemIds.length);
      try {
        const scrolls: Record<'quiet' | 'synced', ScrollTiming[]> = { quiet: [], synced: [] };
        const sent: number[] = [];
        const liveItems = [...board.columns].filter(([status]) => status !== 'merged').flatMap(([, ids]) => ids);
        let round = -1;
        const scroll = async (variant: keyof typeof scrolls) => {
          const timing = await session.call('scrollColumn', { boardId: board.boardId, statusId: COLUMN, frames: FRAMES, pxPerFrame: PX_PER_FRAME });
          if (timing.scrolled < (FRAMES * PX_PER_FRAME) / 2) throw new Error(`the column scrolled ${timing.scrolled} px of ${FRAMES * PX_PER_FRAME}`);
          if (round >= 0) scrolls[variant].push(timing);
          return percentile(timing.intervals, 95);
        };
        const samples = await sampleRoundRobin(
          {
            quiet: async () => {
              await session.collectGarbage();
              await session.page.waitForTimeout(500);
              return scroll('quiet');
            },
            synced: async () => {
              await session.collectGarbage();
              const stop = teammate.stream(liveItems, UPDATES_PER_SECOND, context.seed + Math.max(0, round));
              try {
                await session.page.waitForTimeout(500); // edits already flowing when the scroll starts
                return await scroll('synced');
              } finally {
                const count = stop();
                if (round >= 0) sent.push(count);
                await session.page.waitForTimeout(500); // let the last ones land before the next scroll
              }
            },
          },
          {
            runs: context.runs,
            onRound: (next) => {
              round = next;
              context.progress(round < 0 ? 'scroll-under-sync: warm-up' : `scroll-under-sync: run ${round + 1}/${context.runs}`);
            },
          },
        );
        await session.collectGarbage();
        const stopProfiled = teammate.stream(liveItems, UPDATES_PER_SECOND, context.seed - 1);
        const profile = await profileDuring(session.page, session.build.rendererDir, () => session.call('scrollColumn', { boardId: board.boardId, statusId: COLUMN, frames: FRAMES, pxPerFrame: PX_PER_FRAME })).finally(stopProfiled);
        const slow = (t: ScrollTiming) => t.intervals.filter((ms) => ms > SLOW_FRAME_MS).length;
        const of = (variant: keyof typeof scrolls, pick: (t: ScrollTiming) => number) => scrolls[variant].map(pick);
        const workload = `scroll-under-sync (${(board.itemIds.length / 1000).toFixed(0)}k items)`;
        return {
          lines: [
            { workload, metric: `p95 frame interval, ${FRAMES} frames, ${UPDATES_PER_SECOND} edits/s arriving`, unit: 'ms', measured: { samples: samples.synced }, baseline: { samples: samples.quiet }, maxRatio: 1.1 },
            { workload, metric: `frames > ${SLOW_FRAME_MS} ms`, unit: 'count', measured: { samples: of('synced', slow) }, baseline: { samples: of('quiet', slow) }, maxValue: 0, targetLabel: '= 0' },
            { workload, metric: 'median frame interval', unit: 'ms', measured: { samples: of('synced', (t) => median(t.intervals)) }, baseline: { samples: of('quiet', (t) => median(t.intervals)) } },
          ],
          notes: [
            `scroll-under-sync: the ${COLUMN} column (${(board.columns.get(COLUMN) ?? []).length.toLocaleString('en-US')} cards) scrolled from the top by ${PX_PER_FRAME} px in each of ${FRAMES} frames (scrollTop set in the probe's rAF callback); intervals between rAF timestamps. ` +
              `A Node client of the hub's link makes ${UPDATES_PER_SECOND} single-field edits a second (updateFeedbackItem on random items of the board, seeded) from 0.5 s before the scroll to its end; ` +
              `the page applied a median ${median(of('synced', (t) => t.updates))} of them during each scroll (${median(sent)} sent per run).`,
            `scroll-under-sync: React commits per scroll, median: ${median(of('synced', (t) => t.commits))} with edits arriving, ${median(of('quiet', (t) => t.commits))} without; ` +
              `long tasks per scroll, median: ${median(of('synced', (t) => t.longTasks.length))} (longest ${formatValue(median(of('synced', (t) => Math.max(0, ...t.longTasks))), 'ms')}) with edits, ${median(of('quiet', (t) => t.longTasks.length))} without; ` +
              `worst run: ${Math.max(...of('synced', slow))} frames > ${SLOW_FRAME_MS} ms, longest interval ${formatValue(Math.max(...of('synced', (t) => Math.max(...t.intervals))), 'ms')}.`,
            `scroll-under-sync: CPU profile of one more scroll with edits arriving (self time, ms): by file ${topEntries(profile.files, 6)}; by function ${topEntries(profile.functions, 8)}.`,
          ],
          environment: session.environment,
        };
      } finally {
        teammate.close();
      }
    } finally {
      await session.close();
    }
  },
};
