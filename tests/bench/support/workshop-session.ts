// The real app with the workshop boards of generate-workshop.ts in its workspace: the standard
// session (app-session.ts) on a workspace that also holds a workshop board of N notes and an
// empty one, and a way to put either on screen.
import { generateWorkshopBench, type WorkshopBench } from '../generate-workshop';
import { openAppSession, type AppSession } from './app-session';
import type { BenchContext } from './row';

let bench: { notes: number; value: WorkshopBench } | undefined;

export async function openWorkshopSession(context: BenchContext, name: string, notes: number): Promise<{ session: AppSession; bench: WorkshopBench }> {
  if (bench?.notes !== notes) bench = { notes, value: generateWorkshopBench(context.modelWorkspace(), notes, context.seed) };
  const value = bench.value;
  const session = await openAppSession({ ...context, modelWorkspace: () => value.workspace }, name);
  return { session, bench: value };
}

/** Opens the workshop board named `boardName` from the sidebar and waits until its canvas holds `notes` notes (those near the screen rendered). */
export async function showWorkshop(session: AppSession, boardName: string, notes: number): Promise<void> {
  await session.page.locator('nav button.board-link', { hasText: boardName }).click();
  await session.page.locator('.note-canvas').waitFor({ timeout: 60_000 });
  await session.page.waitForFunction(
    (count) => document.querySelector('.note-world')?.getAttribute('data-notes') === String(count) && (count === 0 || document.querySelectorAll('.note-world .sticky-note').length > 0),
    notes,
    { timeout: 60_000, polling: 100 },
  );
}
