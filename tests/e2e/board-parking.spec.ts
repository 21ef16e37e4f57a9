// A big board off screen is set aside (renderer/src/boards/parking.ts): its doc is closed in
// this window while its last snapshot still answers the palette, a change made elsewhere while
// it is closed shows when it is opened again, and a board holding my undo history is never set
// aside. Two windows on one hub: window A sets boards aside at a test's thresholds (any board,
// after 0.8 s off screen); window B, at the app's own, is where the board is made and edited.
import type { Page } from '@playwright/test';
import { test, expect } from './support/hub-fixture';
import { addItem, card, createFeedbackBoard } from './support/feedback-page';
import { firstRun } from './support/goals-page';

interface TandemWindow {
  __tandem: {
    store: { getState(): { workspace: { boards: { id: string; name: string }[] } | null } };
    boards: { isParked(id: string): boolean; isBehind(id: string): boolean };
    docs: { all(): { docId: string }[] };
  };
}

const IDLE_MS = 800;
const sidebar = (page: Page, name: string | RegExp) => page.getByRole('navigation').getByRole('button', { name });

function boardState(page: Page, name: string) {
  return page.evaluate((name) => {
    const app = (window as unknown as TandemWindow).__tandem;
    const id = app.store.getState().workspace?.boards.find((b) => b.name === name)?.id;
    if (!id) return null;
    return { parked: app.boards.isParked(id), behind: app.boards.isBehind(id), docOpen: app.docs.all().some((d) => d.docId === id) };
  }, name);
}

test('a board off screen is set aside yet found by the palette, shows a change made meanwhile when opened, and my undo history keeps a board open', async ({ browser, hub }) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  try {
    await contextA.addInitScript((idleMs) => localStorage.setItem('tandem.parking', JSON.stringify({ minStructs: 1, idleMs })), IDLE_MS);
    const pageA = await contextA.newPage();
    await firstRun(pageA, hub.url, 'Mei', 'Growth squad');
    const pageB = await contextB.newPage();
    await pageB.goto(hub.url);
    await expect(pageB.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();
    await createFeedbackBoard(pageB, 'User feedback', 'Customer calls');
    await addItem(pageB, 'Dark mode for night shifts');

    // Window A has the board only in the background: it is set aside, its doc closed.
    await expect(sidebar(pageA, /Customer calls/)).toBeVisible();
    await expect.poll(() => boardState(pageA, 'Customer calls'), { timeout: 15_000 }).toEqual({ parked: true, behind: false, docOpen: false });

    // Its snapshot still answers the palette, and the match opens the board, read again.
    await pageA.keyboard.press('Control+k');
    const palette = pageA.getByTestId('command-palette');
    await pageA.keyboard.type('night shift');
    await expect(palette.getByRole('option').first()).toHaveText(/Dark mode for night shifts · Feedback · Customer calls$/);
    await pageA.keyboard.press('Escape');
    await expect(palette).toBeHidden();

    // A change made in window B while A's copy is closed: A knows it is behind, and shows it once opened.
    await addItem(pageB, 'Export to CSV');
    await expect.poll(() => boardState(pageA, 'Customer calls'), { timeout: 15_000 }).toMatchObject({ parked: true, behind: true });
    await sidebar(pageA, /Customer calls/).click();
    await expect(pageA.getByRole('heading', { name: 'Customer calls', level: 1 })).toBeVisible();
    await expect(card(pageA, 'Dark mode for night shifts')).toBeVisible();
    await expect(card(pageA, 'Export to CSV')).toBeVisible();
    expect(await boardState(pageA, 'Customer calls')).toEqual({ parked: false, behind: false, docOpen: true });

    // My own edit there: the board keeps its undo history, so it stays open off screen, and Ctrl+Z still takes the edit back.
    await addItem(pageA, 'Keyboard shortcuts');
    await pageA.keyboard.press('Escape');
    await sidebar(pageA, /Goals/).click();
    await expect(pageA.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();
    await pageA.waitForTimeout(IDLE_MS * 4);
    expect(await boardState(pageA, 'Customer calls')).toEqual({ parked: false, behind: false, docOpen: true });
    await sidebar(pageA, /Customer calls/).click();
    await expect(card(pageA, 'Keyboard shortcuts')).toBeVisible();
    await pageA.keyboard.press('Control+z');
    await expect(card(pageA, 'Keyboard shortcuts')).toHaveCount(0);
    await expect(card(pageB, 'Keyboard shortcuts')).toHaveCount(0);
    await expect(card(pageB, 'Dark mode for night shifts')).toBeVisible();
  } finally {
    await contextA.close();
    await contextB.close();
  }
});
