// Presence end to end with two hubs and two browsers on loopback: once Li has joined, Mei sees
// Li online; sees Li on the board Li opens, on the goal card Li opens, and a ring with Li's name
// on the title field Li edits; and when Li's page closes, Li is gone well within the awareness
// timeout.
import { expect, test } from '@playwright/test';
import { PRESENCE_LIMITS } from '../../shared/api/presence';
import { createGoal, firstRun, goalCard } from './support/goals-page';
import { joinByInvite, readInviteCode, TwoLaptops } from './support/sync-page';
import { openSettings } from './support/settings-page';

const GOAL = 'Launch the referral programme';

test('two people: who is online, on which board, on which goal, editing which field, and gone when they close the page', async ({ browser }) => {
  const laptops = await TwoLaptops.open(browser);
  const { hubA, hubB, pageA, pageB } = laptops;
  try {

    await firstRun(pageA, hubA.url, 'Mei', 'Growth squad');
    await createGoal(pageA, GOAL);
    await pageA.getByTestId('goal-detail').getByRole('button', { name: 'Close' }).click();
    const code = await readInviteCode(pageA);
    await joinByInvite(pageB, hubB.url, code, 'Li');
    await expect(goalCard(pageB, GOAL)).toBeVisible();

    // Li is online.
    const online = pageA.getByTestId('presence-online');
    await expect(online.getByRole('img', { name: 'Li is online' })).toBeVisible({ timeout: 15_000 });
    await expect(online.getByTestId('presence-avatar')).toHaveCount(1);

    // Li leaves the board for the Network view, then opens the Goals board again.
    const boardPresence = pageA.getByRole('navigation').getByTestId('board-presence');
    await expect(boardPresence.getByRole('img', { name: 'Li is looking at this board' })).toBeVisible();
    await openSettings(pageB);
    await expect(boardPresence).toHaveCount(0);
    await expect(online.getByRole('img', { name: 'Li is online' })).toBeVisible();
    await pageB.getByRole('navigation').getByRole('button', { name: /Goals/ }).click();
    await expect(boardPresence.getByRole('img', { name: 'Li is looking at this board' })).toBeVisible();

    // Li opens the goal: Li's avatar is on that card.
    const cardPresence = goalCard(pageA, GOAL).getByTestId('card-presence');
    await expect(cardPresence).toHaveCount(0);
    await goalCard(pageB, GOAL).getByRole('button', { name: `Open “${GOAL}”` }).click();
    await expect(cardPresence.getByRole('img', { name: 'Li is viewing' })).toBeVisible();

    // Mei opens it too; Li edits its title: Mei sees the ring on the title with Li's name.
    await goalCard(pageA, GOAL).getByRole('button', { name: `Open “${GOAL}”` }).click();
    const titleField = pageA.getByTestId('goal-detail').locator('[data-presence-field="title"]');
    await expect(titleField).not.toHaveAttribute('data-presence-editing', 'true');
    await pageB.getByTestId('goal-detail').getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(pageB.getByRole('dialog').getByLabel('Title')).toBeFocused();
    await expect(titleField).toHaveAttribute('data-presence-editing', 'true');
    await expect(titleField.getByTestId('field-presence')).toHaveText('Li is editing');
    await expect(titleField).toHaveCSS('outline-style', 'solid');
    await expect(cardPresence.getByRole('img', { name: 'Li is editing title' })).toBeVisible();

    // Li moves to the description: the ring follows.
    await pageB.getByRole('dialog').getByLabel('Description').focus();
    await expect(titleField).not.toHaveAttribute('data-presence-editing', 'true');
    await expect(pageA.getByTestId('goal-detail').getByTestId('field-presence')).toHaveCount(0);
    await expect(cardPresence.getByRole('img', { name: 'Li is editing description' })).toBeVisible();

    // Li closes the page: Mei no longer shows Li, well within the awareness timeout.
    await pageB.close();
    await expect(online.getByTestId('presence-avatar')).toHaveCount(0, { timeout: PRESENCE_LIMITS.outdatedMs + 5_000 });
    await expect(cardPresence).toHaveCount(0);
    await expect(boardPresence).toHaveCount(0);
  } finally {
    await laptops.close();
  }
});
