// Row `remote-edit-paint`: with the standard board on screen in the real app, a teammate (a
// Node client of the hub's link) retitles a card that is visible. Measured in the page: rAF
// ticks from the WebSocket message that carried the edit to the frame that painted the new
// title, and the React components that rendered in the commit that put it in the DOM.
import type { RemoteEditTiming } from '../pages/app-probe-api';
import { openAppSession, showFeedbackBoard } from '../support/app-session';
import { profileDuring, topEntries } from '../support/cpu-profile';
import { SeededRandom } from '../support/prng';
import { connectTeammate } from '../support/remote-teammate';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin } from '../support/timing';

const COLUMN = 'new';
const WORDS = ['export', 'login', 'offline', 'sync', 'filter', 'search', 'report', 'chart', 'roadmap', 'crash', 'scroll', 'shortcut', 'import', 'pricing', 'audit', 'digest'];

export const remoteEditPaintRow: BenchRow = {
  name: 'remote-edit-paint',
  description: 'Chromium: a teammate retitles a card on screen; frames from arrival to paint, and components rendered',
  async run(context: BenchContext): Promise<RowReport> {
    const session = await openAppSession(context, 'remote-edit-paint');
    try {
      const { board } = session.workspace;
      await showFeedbackBoard(session);
      context.progress('remote-edit-paint: a teammate syncs the board over the hub’s link');
      const teammate = await connectTeammate(session.hub, board.boardId, board.itemIds.length);
      try {
        const rng = new SeededRandom(context.seed);
        const timings: RemoteEditTiming[] = [];
        let round = -1;
        let edit = 0;
        const settle = async () => {
          await session.collectGarbage();
          await session.page.waitForTimeout(300);
        };
        const editOnce = async () => {
          const visible = await session.call('visibleCards', { statusId: COLUMN });
          const itemId = visible[edit % visible.length];
          if (!itemId) throw new Error(`no card visible in the ${COLUMN} column`);
          const title = `${rng.words(WORDS, 4)} (remote edit ${++edit})`;
          await session.call('armRemoteEdit', { boardId: board.boardId, itemId, title, timeoutMs: 30_000 });
          teammate.retitle(itemId, title);
          return session.call('awaitRemoteEdit', undefined);
        };
        const samples = await sampleRoundRobin(
          {
            edit: async () => {
              await settle();
              const timing = await editOnce();
              if (round >= 0) timings.push(timing);
              return timing.frames;
            },
          },
          {
            runs: context.runs,
            onRound: (next) => {
              round = next;
              context.progress(round < 0 ? 'remote-edit-paint: warm-up' : `remote-edit-paint: run ${round + 1}/${context.runs}`);
            },
          },
        );
        await settle();
        const profile = await profileDuring(session.page, session.build.rendererDir, editOnce);
        const count = (t: RemoteEditTiming, which: 'paintCommit' | 'allCommits') => t[which].reduce((n, r) => n + r.count, 0);
        const typical = [...timings].sort((a, b) => count(a, 'allCommits') - count(b, 'allCommits'))[timings.length >> 1] as RemoteEditTiming;
        const workload = `remote-edit-paint (${(board.itemIds.length / 1000).toFixed(0)}k items)`;
        return {
          lines: [
            { workload, metric: 'edit received → painted', unit: 'frames', measured: { samples: samples.edit }, maxValue: 2 },
            { workload, metric: 'components rendered in the commit that painted it', unit: 'count', measured: { samples: timings.map((t) => count(t, 'paintCommit')) }, maxValue: 3 },
            { workload, metric: 'components rendered, arrival → 2 frames after paint', unit: 'count', measured: { samples: timings.map((t) => count(t, 'allCommits')) } },
            { workload, metric: 'edit received → painted', unit: 'ms', measured: { samples: timings.map((t) => t.ms) } },
          ],
          notes: [
            `remote-edit-paint: a Node client of the hub's link (real WebSocket) retitles a card fully visible in the ${COLUMN} column with updateFeedbackItem. ` +
              `Arrival = the WebSocket message event that carried it (stamped before the app's handler); frames = rAF ticks from there to the frame that painted the new title (1 = the next frame). ` +
              `Median ms from arrival: update applied to the doc ${formatValue(median(timings.map((t) => t.appliedMs)), 'ms')}, title in the DOM ${formatValue(median(timings.map((t) => t.mutatedMs)), 'ms')}, painted ${formatValue(median(timings.map((t) => t.ms)), 'ms')}; ` +
              `React commits from arrival to 2 frames after the paint: ${median(timings.map((t) => t.commits))}.`,
            `remote-edit-paint: components in the commit that painted the edit (median run): ${await session.describe(typical.paintCommit)}.`,
            `remote-edit-paint: components in every commit from arrival to 2 frames after the paint (median run): ${await session.describe(typical.allCommits)}.`,
            `remote-edit-paint: CPU profile of one more edit (self time, ms): by file ${topEntries(profile.files, 6)}; by function ${topEntries(profile.functions, 8)}.`,
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
