// Row `canvas-pan`: the real app panning a workshop board of 1,000 sticky notes (a mouse drag on
// the canvas's background, d3-zoom's gesture, one move a frame from the probe's rAF callback)
// for 120 frames; frame intervals measured in the page. Baseline: the same pan over the empty
// workshop board in the same page. The canvas renders only the notes near the screen, so a pan
// commits React a few times (when notes come near), not once a frame. Also shown: a note dragged
// the same way (React commits while it moves, and its frames), since a drag must not re-render
// React per pointer move either.
import type { GestureTiming } from '../pages/app-probe-api';
import { profileDuring, topEntries } from '../support/cpu-profile';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin } from '../support/timing';
import { openWorkshopSession, showWorkshop } from '../support/workshop-session';
import { waitUntilSetAside } from '../support/app-session';

const NOTES = 1_000;
const FRAMES = 120;
const PX_PER_FRAME = 20;
const SLOW_FRAME_MS = 50;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export const canvasPanRow: BenchRow = {
  name: 'canvas-pan',
  description: 'Chromium: pan a workshop board of 1,000 sticky notes 120 frames; p95 frame interval and slow frames, vs the same pan over an empty canvas; and a note dragged the same way',
  async run(context: BenchContext): Promise<RowReport> {
    const { session, bench } = await openWorkshopSession(context, 'canvas-pan', NOTES);
    try {
      await showWorkshop(session, bench.empty.name, 0);
      await waitUntilSetAside(session, context.progress);
      const timings: Record<'empty' | 'full' | 'drag', GestureTiming[]> = { empty: [], full: [], drag: [] };
      let round = -1;
      const gesture = async (variant: keyof typeof timings) => {
        await session.collectGarbage();
        await session.page.waitForTimeout(300);
        if (variant === 'empty') await showWorkshop(session, bench.empty.name, 0);
        else if (variant === 'full') await showWorkshop(session, bench.full.name, NOTES);
        const timing = variant === 'drag' ? await session.call('dragNote', { frames: FRAMES / 2, pxPerFrame: 4 }) : await session.call('panCanvas', { frames: FRAMES, pxPerFrame: PX_PER_FRAME });
        if (timing.moved < (variant === 'drag' ? 60 : (FRAMES * PX_PER_FRAME) / 2)) throw new Error(`the ${variant} gesture moved ${timing.moved} px`);
        if (round >= 0) timings[variant].push(timing);
        return percentile(timing.intervals, 95);
      };
      const samples = await sampleRoundRobin(
        { empty: () => gesture('empty'), full: () => gesture('full'), drag: () => gesture('drag') },
        {
          runs: context.runs,
          onRound: (next) => {
            round = next;
            context.progress(round < 0 ? 'canvas-pan: warm-up' : `canvas-pan: run ${round + 1}/${context.runs}`);
          },
        },
      );
      await showWorkshop(session, bench.full.name, NOTES);
      await session.collectGarbage();
      const profile = await profileDuring(session.page, session.build.rendererDir, () => session.call('panCanvas', { frames: FRAMES, pxPerFrame: PX_PER_FRAME }));
      const slow = (t: GestureTiming) => t.intervals.filter((ms) => ms > SLOW_FRAME_MS).length;
      const of = (variant: keyof typeof timings, pick: (t: GestureTiming) => number) => timings[variant].map(pick);
      const workload = `canvas-pan (${NOTES.toLocaleString('en-US')} notes)`;
      return {
        lines: [
          { workload, metric: `p95 frame interval, ${FRAMES}-frame pan`, unit: 'ms', measured: { samples: samples.full }, baseline: { samples: samples.empty, label: '(empty)' }, maxRatio: 1.2 },
          { workload, metric: `frames > ${SLOW_FRAME_MS} ms`, unit: 'count', measured: { samples: of('full', slow) }, baseline: { samples: of('empty', slow), label: '(empty)' }, maxValue: 0, targetLabel: '= 0' },
          // Notes are rendered near the screen only: a pan commits when notes come near (in a transition), never per frame.
          { workload, metric: 'React commits while panning (notes coming near)', unit: 'count', measured: { samples: of('full', (t) => t.commits) } },
          { workload, metric: `p95 frame interval, ${FRAMES / 2}-frame note drag`, unit: 'ms', measured: { samples: samples.drag }, baseline: { samples: samples.empty, label: '(empty pan)' }, maxRatio: 1.2 },
          { workload, metric: 'React commits while dragging a note', unit: 'count', measured: { samples: of('drag', (t) => t.commits) }, maxValue: 0, targetLabel: '= 0' },
        ],
        notes: [
          `canvas-pan: a mouse drag on the canvas background (d3-zoom) moving ${PX_PER_FRAME} px left in each of ${FRAMES} frames, over the ${bench.full.name} board (${NOTES.toLocaleString('en-US')} notes on a 40-column grid, some in clusters) and over the empty workshop board in the same page; intervals between rAF timestamps. ` +
              `The note drag moves one note on screen 4 px a frame for ${FRAMES / 2} frames (d3-drag) and lets go: React commits while it moved, median ${median(of('drag', (t) => t.commits))}; from letting go to 5 frames later (the move written to the board), median ${median(of('drag', (t) => t.commitsAtEnd))}.`,
          `canvas-pan: CPU profile of one more pan over the notes (self time, ms): by file ${topEntries(profile.files, 6)}; by function ${topEntries(profile.functions, 8)}.`,
          `canvas-pan: long tasks per pan, median ${median(of('full', (t) => t.longTasks.length))} (longest ${formatValue(Math.max(0, ...of('full', (t) => Math.max(0, ...t.longTasks))), 'ms')}); median frame interval ${formatValue(median(of('full', (t) => median(t.intervals))), 'ms')} over notes, ${formatValue(median(of('empty', (t) => median(t.intervals))), 'ms')} empty.`,
        ],
        environment: session.environment,
      };
    } finally {
      await session.close();
    }
  },
};
