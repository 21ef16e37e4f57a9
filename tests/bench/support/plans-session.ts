// The real app with the plan boards of generate-plans.ts in its workspace: the standard session
// (app-session.ts) on a workspace that also holds a plan board of N items and an almost empty one,
// and a way to put either on screen, on its Calendar tab (the view the timeline is opened from).
import { generatePlansBench, type PlansBench } from '../generate-plans';
import { openAppSession, type AppSession } from './app-session';
import type { BenchContext } from './row';

let bench: { key: string; value: PlansBench } | undefined;

export async function openPlansSession(context: BenchContext, name: string, items: number, dependencies: number): Promise<{ session: AppSession; bench: PlansBench }> {
  const key = `${items}/${dependencies}`;
  if (bench?.key !== key) bench = { key, value: generatePlansBench(context.modelWorkspace(), items, dependencies, context.seed) };
  const value = bench.value;
  const session = await openAppSession({ ...context, modelWorkspace: () => value.workspace }, name);
  return { session, bench: value };
}

/** Opens the plan board named `boardName` from the sidebar, on its Calendar tab. */
export async function showPlanBoard(session: AppSession, boardName: string): Promise<void> {
  await session.page.locator('nav button.board-link', { hasText: boardName }).click();
  await session.page.getByRole('heading', { level: 1, name: boardName }).waitFor({ timeout: 60_000 });
  await session.page.locator('[data-testid="plans-board"] [role="tab"]').first().waitFor({ timeout: 60_000 });
  await session.call('leavePlanTimeline', {});
  await session.page.locator('[data-testid="plan-timeline"]').waitFor({ state: 'detached', timeout: 60_000 });
}
