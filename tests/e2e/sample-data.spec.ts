// The sample workspace across two laptops: Mei adds it from the command palette, it reaches Li
// like any data (the goals, the forty-item feedback board, the notice on both boards), the
// palette finds a sample goal and a sample item by a part of their names and opens their panels,
// and Li removes all of it in one step from Settings, leaving Mei's own goal and feedback as they were.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addItem, card, chooseFromBoardMenu, createFeedbackBoard } from './support/feedback-page';
import { addKpi, checkIn, createGoal, firstRun, goalCard } from './support/goals-page';
import { openSettings, settingsButton } from './support/settings-page';
import { joinByInvite, readInviteCode, TwoLaptops } from './support/sync-page';

const sidebar = (page: Page, name: string | RegExp) => page.getByRole('navigation').getByRole('button', { name });

/** What of Mei's own data a person can see and take away: her goal's card and check-ins, her board's CSV export. */
async function ownData(page: Page): Promise<{ goal: string; checkIns: string[]; csv: string }> {
  await sidebar(page, /Goals/).click();
  const goal = await goalCard(page, 'My own goal').innerText();
  await goalCard(page, 'My own goal').getByRole('button', { name: /^Open/ }).click();
  const checkIns = await page.getByTestId('goal-detail').getByTestId('check-in').allInnerTexts();
  await page.keyboard.press('Escape');
  await sidebar(page, /Customer calls/).click();
  await expect(page.getByRole('heading', { name: 'Customer calls', level: 1 })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), chooseFromBoardMenu(page, 'Export CSV')]);
  return { goal, checkIns, csv: readFileSync(await download.path(), 'utf8') };
}

/** Opens the palette, types `query` and runs the best match, which must read `best`. */
async function runFromPalette(page: Page, query: string, best: string | RegExp): Promise<void> {
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('command-palette');
  await page.keyboard.type(query);
  await expect(palette.getByRole('option').first()).toHaveText(best);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

test('sample data is added from the palette, syncs to a teammate, is found by the palette, and is removed in one step with my own data untouched', async ({ browser }) => {
  const laptops = await TwoLaptops.open(browser);
  const { hubA, pageA, pageB } = laptops;
  try {
    await firstRun(pageA, hubA.url, 'Mei', 'Growth squad');
    await createGoal(pageA, 'My own goal');
    await addKpi(pageA, { name: 'Paying teams', baseline: '0', target: '100' });
    await checkIn(pageA, 'Paying teams', '40', '2025-02-15', 'First month');
    await expect(pageA.getByTestId('goal-detail').getByTestId('check-in')).toHaveCount(1);
    await createFeedbackBoard(pageA, 'User feedback', 'Customer calls');
    await addItem(pageA, 'My own request', { customer: 'Contoso', impact: '4' });
    await card(pageA, 'My own request').getByRole('button', { name: /Vote for/ }).click();
    await expect(card(pageA, 'My own request')).toContainText('1 vote');
    const before = await ownData(pageA);
    expect(before.csv).toContain('My own request');

    await joinByInvite(pageB, laptops.hubB.url, await readInviteCode(pageA), 'Li');
    await expect(goalCard(pageB, 'My own goal')).toBeVisible();

    await runFromPalette(pageA, 'sample', 'Load sample data');
    await expect(goalCard(pageA, 'Grow weekly active teams')).toBeVisible();
    await expect(pageA.getByTestId('goal-card')).toHaveCount(4);
    await expect(pageA.getByTestId('sample-notice')).toBeVisible();

    // Li's laptop gets the sample as any other data, marked as sample there too.
    await expect(goalCard(pageB, 'Grow weekly active teams')).toBeVisible({ timeout: 15_000 });
    await expect(pageB.getByTestId('sample-notice')).toBeVisible();
    await sidebar(pageB, /User feedback \(sample\)/).click();
    await expect(pageB.getByText('40 items', { exact: true })).toBeVisible({ timeout: 15_000 });
    await expect(pageB.getByTestId('sample-notice')).toBeVisible();
    await sidebar(pageB, /Customer calls/).click();
    await expect(pageB.getByTestId('sample-notice')).toBeHidden();

    // The palette finds a goal and an item by a loose part of their names and opens their panels.
    await runFromPalette(pageA, 'weekly activ', /Grow weekly active teams · Goal · Goals$/);
    await expect(pageA.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();
    await expect(pageA.getByTestId('goal-detail').getByRole('heading', { name: 'Grow weekly active teams' })).toBeFocused();
    await runFromPalette(pageA, 'zendesk', /Import feedback from Zendesk · Feedback · User feedback \(sample\)$/);
    await expect(pageA.getByRole('heading', { name: 'User feedback (sample)', level: 1 })).toBeVisible();
    await expect(pageA.getByTestId('item-detail').getByRole('heading', { name: 'Import feedback from Zendesk' })).toBeFocused();

    // Li removes the sample, in one step, from Settings: it goes from both laptops.
    await openSettings(pageB);
    await settingsButton(pageB, 'Remove sample data').click();
    await expect(pageB.getByRole('status').filter({ hasText: 'Sample data removed.' })).toBeVisible();
    await expect(settingsButton(pageB, 'Try with sample data')).toBeVisible();
    await expect(sidebar(pageA, /User feedback \(sample\)/)).toHaveCount(0, { timeout: 15_000 });
    // Mei had the sample board open: it reads as archived, as any board a teammate archives does.
    await expect(pageA.getByText('This board is archived. Restore it to edit.')).toBeVisible();
    // Read-only means its cards no longer move either, by mouse or by Alt+arrows.
    await expect(pageA.getByTestId('item-card').first()).toHaveAttribute('aria-disabled', 'true');
    await sidebar(pageA, /Goals/).click();
    await expect(pageA.getByTestId('goal-card')).toHaveCount(1);
    await expect(pageA.getByTestId('sample-notice')).toBeHidden();

    expect(await ownData(pageA)).toEqual(before);
  } finally {
    await laptops.close();
  }
});
