// Leaving a workspace end to end: the dialog warns that no teammate has confirmed this laptop's
// changes, asks for a deliberate confirmation, then the window starts over at the first-run
// screen with its browser cache deleted, and a second window of the same laptop follows.
import { expect, test } from '@playwright/test';
import { removeDir, startHub, tempDataDir } from '../support/hub';
import { createGoal, expectSaved, firstRun } from './support/goals-page';
import { openSettings, settingsButton } from './support/settings-page';

test('leaving deletes this laptop’s copy, warns first, and every window returns to the first-run screen', async ({ browser }) => {
  const dataDir = tempDataDir();
  const hub = await startHub({ dataDir });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await firstRun(page, hub.url, 'Mei', 'Launch crew');
    await createGoal(page, 'Only on this laptop');
    await expectSaved(page);
    const second = await context.newPage();
    await second.goto(hub.url);
    await expect(second.getByTestId('goal-card').filter({ hasText: 'Only on this laptop' })).toBeVisible();

    await openSettings(page);
    await settingsButton(page, 'Leave workspace…').click();
    const dialog = page.getByRole('dialog', { name: 'Leave “Launch crew”?' });
    await expect(dialog.getByTestId('leave-risk')).toContainText('No teammate is connected now');
    const leave = dialog.getByRole('button', { name: 'Leave workspace' });
    await expect(leave).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('navigation').getByRole('button', { name: /Goals/ }).click();
    await expect(page.getByTestId('goal-card')).toHaveCount(1);

    await openSettings(page);
    await settingsButton(page, 'Leave workspace…').click();
    await dialog.getByLabel('Delete this laptop’s copy of “Launch crew”').check();
    await dialog.getByRole('button', { name: 'Leave workspace' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome to Tandem' })).toBeVisible();
    await expect(second.getByRole('heading', { name: 'Welcome to Tandem' })).toBeVisible({ timeout: 15_000 });

    const caches = await page.evaluate(async () => (await indexedDB.databases()).filter((db) => db.name?.startsWith('tandem:')).length);
    expect(caches).toBe(0);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Welcome to Tandem' })).toBeVisible();
  } finally {
    await context.close();
    await hub.stop();
    removeDir(dataDir);
  }
});
