// Row `plan-timeline`: the real app's plan board, its Timeline tab opened with 2,000 plan items
// over three years and 1,000 dependencies (time to the second frame), then toured (scrolled
// right and down a step every frame, zoomed to quarter, week and back to month on the way) with
// frame intervals measured in the page. Baseline: the same timeline with nothing on it (a plan
// board whose only item is undated), opened and toured the same way in the same page.
import type { OpenTiming, TimelineTourTiming } from '../pages/app-probe-api';
import { profileDuring, topEntries } from '../support/cpu-profile';
import { tracedIfAsked } from '../support/trace';
import { showPlanBoard, openPlansSession } from '../support/plans-session';
import { waitUntilSetAside } from '../support/app-session';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin } from '../support/timing';

const ITEMS = 2_000;
const DEPENDENCIES = 1_000;
const STEP = { pxX: 40, pxY: 8 } as const;
const SLOW_FRAME_MS = 50;
/** The tour's frames that start with a zoom click (plan-probe.ts: quarter, week, month). */
const ZOOM_FRAMES = [60, 100, 140];

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export const planTimelineRow: BenchRow = {
  name: 'plan-timeline',
  description: 'Chromium: the plan board Timeline with 2,000 items over three years and 1,000 dependencies, opened (to the second frame) and scrolled and zoomed; vs the same timeline empty',
  async run(context: BenchContext): Promise<RowReport> {
    const { session, bench } = await openPlansSession(context, 'plan-timeline', ITEMS, DEPENDENCIES);
    try {
      await showPlanBoard(session, bench.empty.name);
      await waitUntilSetAside(session, context.progress);
      const opens: Record<'empty' | 'full', OpenTiming[]> = { empty: [], full: [] };
      const tours: Record<'empty' | 'full', TimelineTourTiming[]> = { empty: [], full: [] };
      const p95: Record<'empty' | 'full', number[]> = { empty: [], full: [] };
      let round = -1;
      const visit = async (variant: 'empty' | 'full') => {
        await showPlanBoard(session, variant === 'full' ? bench.full.name : bench.empty.name);
        await session.collectGarbage();
        await session.page.waitForTimeout(300);
        const open = await session.call('openPlanTimeline', { ready: variant === 'full' ? '[data-testid="plan-bar"]' : '[data-testid="plan-timeline-scroller"]' });
        await session.page.waitForTimeout(300);
        const tour = await session.call('tourPlanTimeline', STEP);
        if (variant === 'full' && (tour.scrolledX < 1_000 || tour.scrolledY < 200)) throw new Error(`the tour scrolled only ${tour.scrolledX} px right and ${tour.scrolledY} px down`);
        if (round >= 0) {
          opens[variant].push(open);
          tours[variant].push(tour);
          p95[variant].push(percentile(tour.intervals, 95));
        }
        return open.ms;
      };
      const samples = await sampleRoundRobin(
        { empty: () => visit('empty'), full: () => visit('full') },
        {
          runs: context.runs,
          onRound: (next) => {
            round = next;
            context.progress(round < 0 ? 'plan-timeline: warm-up' : `plan-timeline: run ${round + 1}/${context.runs}`);
          },
        },
      );
      // TANDEM_BENCH_TRACE: a Chromium trace of this untimed open and profiled tour (support/trace.ts).
      const profile = await tracedIfAsked(session.page, async () => {
        await showPlanBoard(session, bench.full.name);
        await session.call('openPlanTimeline', { ready: '[data-testid="plan-bar"]' });
        await session.collectGarbage();
        return profileDuring(session.page, session.build.rendererDir, () => session.call('tourPlanTimeline', STEP));
      });
      const slow = (t: TimelineTourTiming) => t.intervals.filter((ms) => ms > SLOW_FRAME_MS).length;
      const frames = tours.full[0]?.intervals.length ?? 0;
      const workload = `plan-timeline (${ITEMS.toLocaleString('en-US')} items, ${DEPENDENCIES.toLocaleString('en-US')} deps)`;
      return {
        lines: [
          { workload, metric: 'open Timeline tab → 2nd frame', unit: 'ms', measured: { samples: samples.full }, baseline: { samples: samples.empty, label: '(empty)' }, maxRatio: 1.5 },
          { workload, metric: `p95 frame interval, ${frames}-frame scroll + zoom`, unit: 'ms', measured: { samples: p95.full }, baseline: { samples: p95.empty, label: '(empty)' }, maxRatio: 1.2 },
          { workload, metric: `frames > ${SLOW_FRAME_MS} ms`, unit: 'count', measured: { samples: tours.full.map(slow) }, baseline: { samples: tours.empty.map(slow), label: '(empty)' }, maxValue: 0, targetLabel: '= 0' },
          { workload, metric: 'React commits while touring', unit: 'count', measured: { samples: tours.full.map((t) => t.commits) }, baseline: { samples: tours.empty.map((t) => t.commits), label: '(empty)' } },
        ],
        notes: [
          `plan-timeline: ${bench.full.name} (${ITEMS.toLocaleString('en-US')} dated items over three years in lanes by team, ${DEPENDENCIES.toLocaleString('en-US')} dependencies, one in 20 flagged) against ${bench.empty.name} (one undated item: the same timeline with nothing on it), each opened from its Calendar tab by a click on the Timeline tab (to the task after the second frame that shows a bar, or the empty scroller), ` +
            `then toured: ${STEP.pxX} px right and ${STEP.pxY} px down each frame, with zoom clicks to quarter, week and back to month on the way; intervals between rAF timestamps.`,
          `plan-timeline: open, median first paint ${formatValue(median(opens.full.map((o) => o.firstPaintMs)), 'ms')} (empty ${formatValue(median(opens.empty.map((o) => o.firstPaintMs)), 'ms')}), elements in the timeline ${median(opens.full.map((o) => o.viewNodes))} (empty ${median(opens.empty.map((o) => o.viewNodes))}), longest task ${formatValue(median(opens.full.map((o) => Math.max(0, ...o.longTasks))), 'ms')}; tour: median frame interval ${formatValue(median(tours.full.map((t) => median(t.intervals))), 'ms')} (empty ${formatValue(median(tours.empty.map((t) => median(t.intervals))), 'ms')}), longest task ${formatValue(median(tours.full.map((t) => Math.max(0, ...t.longTasks))), 'ms')}.`,
          `plan-timeline: frames that missed a vsync (over 20 ms) per tour, by frame number (p95 is two vsyncs once there are more than ${Math.floor(frames * 0.05)}): ${tours.full.map((t) => `[${t.intervals.flatMap((ms, i) => (ms > 20 ? [i + 1] : [])).join(' ')}]`).join(' ')}; empty: ${tours.empty.map((t) => t.intervals.filter((ms) => ms > 20).length).join(', ')}.`,
          `plan-timeline: frames over ${SLOW_FRAME_MS} ms per tour, by frame number (zoom clicks at ${ZOOM_FRAMES.join(', ')}): ${tours.full.map((t) => `[${t.intervals.flatMap((ms, i) => (ms > SLOW_FRAME_MS ? [`${i + 1}: ${Math.round(ms)} ms`] : [])).join(', ')}]`).join(' ')}.`,
          `plan-timeline: CPU profile of one more tour (self time, ms): by file ${topEntries(profile.files, 6)}; by function ${topEntries(profile.functions, 8)}.`,
        ],
        environment: session.environment,
      };
    } finally {
      await session.close();
    }
  },
};
