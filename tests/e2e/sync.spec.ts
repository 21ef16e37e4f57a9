// LAN sync end to end with two hubs and two browsers on loopback: A creates the workspace and
// reads its invite, B joins from the first-run screen, an edit in A reaches B within 2 s, the
// status reads right on both sides, the Network view lists the teammate, and when hub B stops
// and comes back A reads Offline, keeps editing, and both converge to Up to date. While apart,
// both change the same goal's status: after the restart each side shows both versions with
// their authors, keeping one in A resolves it in B, and B lists A's changes "while you were away".
import { expect, test, type Page } from '@playwright/test';
import { createGoal, expectSaved, firstRun, goalCard } from './support/goals-page';
import { expectSyncStatus, joinByInvite, readInviteCode, TwoLaptops } from './support/sync-page';
import { openSettings } from './support/settings-page';
import { expectNoAxeViolationsInBothThemes } from './support/axe';

const UP_TO_DATE = { connected: 'Connected to 1 teammate', progress: 'Up to date' };
const SHARED_GOAL = 'Launch the referral programme';

/** Sets a goal's status in its edit form. */
async function setGoalStatus(page: Page, title: string, status: 'on-track' | 'at-risk' | 'off-track'): Promise<void> {
  await goalCard(page, title).getByRole('button', { name: /Open/ }).click();
  await page.getByTestId('goal-detail').getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Status').selectOption(status);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** The conflict review's versions, as "value by author" lines. */
async function reviewVersions(page: Page): Promise<string[]> {
  await page.getByTestId('review-conflicts').click();
  const review = page.getByTestId('conflict-review');
  await expect(review.getByTestId('conflict-version')).toHaveCount(2);
  const lines = await review.getByTestId('conflict-version').evaluateAll((els) => els.map((el) => `${el.querySelector('.conflict-value')?.textContent} ${el.querySelector('.conflict-value + span')?.textContent}`));
  return lines.sort();
}

test('two hubs: invite, join, live edits, the sync status, and a hub that stops and comes back', async ({ browser }) => {
  const laptops = await TwoLaptops.open(browser);
  const { hubA, pageA, pageB } = laptops;
  try {

    await firstRun(pageA, hubA.url, 'Mei', 'Growth squad');
    await createGoal(pageA, 'Launch the referral programme');
    await expectSyncStatus(pageA, 'Alone');
    const code = await readInviteCode(pageA);

    await joinByInvite(pageB, laptops.hubB.url, code, 'Li');
    await expect(goalCard(pageB, 'Launch the referral programme')).toBeVisible();
    await expect(pageB.getByRole('navigation').getByText('Li (you)')).toBeVisible();
    await expect(pageA.getByRole('navigation').getByText('Li', { exact: true })).toBeVisible();

    await createGoal(pageA, 'Cut churn by a third');
    await expect(goalCard(pageB, 'Cut churn by a third')).toBeVisible({ timeout: 2_000 });
    await expectSyncStatus(pageA, UP_TO_DATE);
    await expectSyncStatus(pageB, UP_TO_DATE);

    await openSettings(pageA);
    const row = pageA.getByTestId('network-peer').filter({ hasText: 'Li' });
    await expect(row).toHaveAttribute('data-connected', 'true');
    await expect(row).toContainText('Connected');
    await expect(pageA.getByTestId('diagnostics-port')).toContainText('Listening on 127.0.0.1:');
    await pageA.getByRole('navigation').getByRole('button', { name: /Goals/ }).click();

    // B has been caught up once, so what A does from here on is news to B.
    await expect.poll(() => pageB.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('tandem.caughtUp.')))).toBe(true);
    expect(await laptops.stopB()).toBe(0);
    await expectSyncStatus(pageA, 'Offline');
    await expectSyncStatus(pageB, 'Offline');
    await createGoal(pageA, 'Written while B was away');
    await expectSaved(pageA);
    await setGoalStatus(pageA, SHARED_GOAL, 'at-risk');
    await expectSyncStatus(pageA, 'Offline');
    // B keeps working from its browser's own copy.
    await createGoal(pageB, 'Written by B while apart');
    await setGoalStatus(pageB, SHARED_GOAL, 'off-track');
    await expectSyncStatus(pageB, 'Offline');
    await expect(pageA.getByTestId('conflict-badge')).toHaveCount(0);

    await laptops.restartB();
    await expect(goalCard(pageB, 'Written while B was away')).toBeVisible({ timeout: 15_000 });
    await expect(goalCard(pageA, 'Written by B while apart')).toBeVisible({ timeout: 15_000 });
    await expectSyncStatus(pageA, UP_TO_DATE, 15_000);
    await expectSyncStatus(pageB, UP_TO_DATE, 15_000);

    // Both sides see the one field both changed, with both versions and who wrote them.
    for (const page of [pageA, pageB]) {
      await expect(goalCard(page, SHARED_GOAL).getByTestId('conflict-badge')).toHaveText(/2 versions/);
      await expect(page.getByTestId('review-conflicts')).toHaveText('Review conflicts (1)');
      expect(await reviewVersions(page)).toEqual(['At risk by Mei', 'Off track by Li']);
    }
    await expectNoAxeViolationsInBothThemes(pageB, 'conflict review');
    await pageB.getByTestId('conflict-review').getByRole('button', { name: 'Close' }).click();
    await pageB.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
    await pageB.getByTestId('review-conflicts').click();
    await expect(pageB.getByTestId('conflict-review').getByRole('button', { name: '关闭' })).toBeVisible();
    await expectNoAxeViolationsInBothThemes(pageB, 'conflict review (zh-CN)');
    await pageB.getByTestId('conflict-review').getByRole('button', { name: '关闭' }).click();
    await pageB.getByRole('navigation').getByLabel('语言').selectOption('en');

    // B lists what A changed while B was away.
    const away = pageB.getByTestId('away-summary');
    await expect(away).toBeVisible();
    await expect(away).toContainText('Mei');
    await expect(away).toContainText('created the goal “Written while B was away”');
    await expect(away).toContainText(`set the status of “${SHARED_GOAL}” to At risk`);
    await expect(away).not.toContainText('Written by B while apart');

    // Keeping one in A resolves it in B too.
    await pageA.getByTestId('conflict-review').getByRole('button', { name: 'Keep Off track by Li' }).click();
    await expect(pageA.getByTestId('conflict-review')).toContainText('No conflicts left.');
    await pageA.getByTestId('conflict-review').getByRole('button', { name: 'Close' }).click();
    await expect(pageA.getByTestId('conflict-badge')).toHaveCount(0);
    await expect(pageB.getByTestId('conflict-badge')).toHaveCount(0, { timeout: 5_000 });
    await expect(pageB.getByTestId('review-conflicts')).toBeHidden();
    await expect(goalCard(pageB, SHARED_GOAL).getByTestId('goal-status')).toHaveText('Off track');
    await expectSyncStatus(pageA, UP_TO_DATE);
    await expectSyncStatus(pageB, UP_TO_DATE);

    // The summary's lines open what they name; dismissing it puts it away.
    await away.getByRole('button', { name: /created the goal “Written while B was away”/ }).click();
    await expect(pageB.getByTestId('goal-detail').getByRole('heading', { name: 'Written while B was away' })).toBeVisible();
    await away.getByRole('button', { name: 'Dismiss' }).click();
    await expect(away).toBeHidden();
  } finally {
    await laptops.close();
  }
});
