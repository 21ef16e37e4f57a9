// Row `render-board`: the real app in Chromium opening the standard board's view (a click on
// its sidebar entry; the board is already loaded in the background, as the app does for every
// board) to the second frame after the board's first paint, and the page's DOM nodes then;
// against a bare virtualised list of the same 10,000 items laid over the same area of the
// same page, timed the same way.
import type { OpenTiming } from '../pages/app-probe-api';
import { openAppSession, type AppSession } from '../support/app-session';
import { profileDuring, topEntries } from '../support/cpu-profile';
import { tracedIfAsked } from '../support/trace';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin } from '../support/timing';

/** The table view's row height and overscan: what a plain list of these items would use. */
const BARE_ROW_HEIGHT = 36;
const BARE_OVERSCAN = 10;
const CARD = '[data-testid="item-card"]';

/** Puts the Goals board on screen (the feedback board's view unmounts) and lets the page settle. */
async function showGoals(session: AppSession): Promise<void> {
  await session.page.locator('nav button.board-link', { hasText: 'Goals' }).click();
  await session.page.locator('[data-testid="kanban"]').waitFor({ state: 'detached', timeout: 60_000 });
  await session.collectGarbage();
}

export const renderBoardRow: BenchRow = {
  name: 'render-board',
  description: 'Chromium: the app opens the standard board view, time to the second frame after first paint and DOM nodes, vs a bare virtualised list',
  async run(context: BenchContext): Promise<RowReport> {
    const session = await openAppSession(context, 'render-board');
    try {
      const { board } = session.workspace;
      const timings: Record<'board' | 'baseline', OpenTiming[]> = { board: [], baseline: [] };
      let round = -1;
      const keep = (variant: keyof typeof timings, timing: OpenTiming) => {
        if (round >= 0) timings[variant].push(timing);
        return timing.ms;
      };
      const samples = await sampleRoundRobin(
        {
          baseline: async () => {
            await showGoals(session);
            return keep('baseline', await session.call('bareList', { boardId: board.boardId, area: 'main#main', rowHeight: BARE_ROW_HEIGHT, overscan: BARE_OVERSCAN }));
          },
          board: async () => {
            await showGoals(session);
            return keep('board', await session.call('openView', { buttonText: board.boardName, ready: CARD, view: 'main#main' }));
          },
        },
        {
          runs: context.runs,
          onRound: (next) => {
            round = next;
            context.progress(round < 0 ? 'render-board: warm-up' : `render-board: run ${round + 1}/${context.runs}`);
          },
        },
      );
      // One more open with the React hook walking each commit (off the clock): what rendered.
      await showGoals(session);
      const traced = await session.call('openView', { buttonText: board.boardName, ready: CARD, view: 'main#main', record: true });
      const cards = await session.page.locator(CARD).count();
      await showGoals(session);
      const profile = await tracedIfAsked(session.page, () => profileDuring(session.page, session.build.rendererDir, () => session.call('openView', { buttonText: board.boardName, ready: CARD, view: 'main#main' })));
      const columns = await session.page.locator('[data-testid="kanban-column"]').count();

      const of = (variant: keyof typeof timings, pick: (t: OpenTiming) => number) => timings[variant].map(pick);
      const longest = (variant: keyof typeof timings) => median(of(variant, (t) => Math.max(0, ...t.longTasks)));
      const workload = `render-board (${(board.itemIds.length / 1000).toFixed(0)}k items)`;
      return {
        lines: [
          { workload, metric: 'click → 2nd frame after first paint', unit: 'ms', measured: { samples: samples.board }, baseline: { samples: samples.baseline }, maxRatio: 1.5 },
          { workload, metric: 'click → first paint', unit: 'ms', measured: { samples: of('board', (t) => t.firstPaintMs) }, baseline: { samples: of('baseline', (t) => t.firstPaintMs) } },
          { workload, metric: 'DOM nodes in the page, settled', unit: 'count', measured: { samples: of('board', (t) => t.nodesSettled) }, baseline: { samples: of('baseline', (t) => t.nodesSettled) }, maxRatio: 2 },
        ],
        notes: [
          `render-board: the app (production build) at ${session.page.viewportSize()?.width}×${session.page.viewportSize()?.height}, against a real hub; the board is loaded in the background before the click, as the app loads every board. ` +
            `The clock runs from the sidebar click to the task after the second frame that shows cards (frames counted by the probe's rAF loop). ` +
            `Baseline: a plain-DOM virtualised list of the same ${board.itemIds.length.toLocaleString('en-US')} item snapshots (${BARE_ROW_HEIGHT} px rows of the card's 7 fields, overscan ${BARE_OVERSCAN}) over the same board area, created and timed the same way in the same page (the Goals board under it).`,
          `render-board: the board view shows ${cards} cards in ${columns} columns; its own elements (main) ${formatValue(median(of('board', (t) => t.viewNodes)), 'count')} against the bare list's ${formatValue(median(of('baseline', (t) => t.viewNodes)), 'count')}; ` +
            `document nodes at the 2nd frame ${formatValue(median(of('board', (t) => t.nodesAtEnd)), 'count')}. Longest task during the open (median) ${formatValue(longest('board'), 'ms')}, baseline ${formatValue(longest('baseline'), 'ms')}.`,
          `render-board: components rendered from the click to the 2nd frame (traced open): ${await session.describe(traced.components.slice(0, 12))}${traced.components.length > 12 ? ` … (${traced.components.length} kinds)` : ''}.`,
          `render-board: CPU profile of one more open (self time, ms, the settle frames after it included): by file ${topEntries(profile.files, 6)}; by function ${topEntries(profile.functions, 8)}.`,
        ],
        environment: session.environment,
      };
    } finally {
      await session.close();
    }
  },
};
