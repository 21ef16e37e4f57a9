// A workshop run end to end with two hubs and two browsers: both write notes anonymously, they
// are clustered (with the mouse on one laptop, from the keyboard on the other), a dot vote with a
// budget of 3 stops the fourth vote, results and authors are revealed together, and a cluster is
// promoted to a feedback item (undone once, then done again) that both browsers find on the board.
// On the way, B's view follows A's until B pans away and goes back.
import { expect, test } from '@playwright/test';
import { card, createFeedbackBoard } from './support/feedback-page';
import { firstRun } from './support/goals-page';
import { expectSyncStatus, joinByInvite, readInviteCode, TwoLaptops } from './support/sync-page';
import { addNote, createWorkshop, note, openBoard } from './support/workshop-page';

const UP_TO_DATE = { connected: 'Connected to 1 teammate', progress: 'Up to date' };

test('two laptops run a workshop: anonymous notes, clusters, a dot vote of 3, reveal, and a cluster made feedback', async ({ browser }) => {
  const laptops = await TwoLaptops.open(browser);
  const { pageA, pageB } = laptops;
  try {
    await firstRun(pageA, laptops.hubA.url, 'Mei', 'Growth squad');
    await createFeedbackBoard(pageA, 'User feedback');
    await createWorkshop(pageA, 'Onboarding retro');
    await expect(pageA.getByRole('heading', { name: 'Start with sticky notes' })).toBeVisible();
    const code = await readInviteCode(pageA);
    await joinByInvite(pageB, laptops.hubB.url, code, 'Li');
    await openBoard(pageB, 'Onboarding retro');
    await expectSyncStatus(pageB, UP_TO_DATE);

    // Both write; neither sees who wrote what.
    await addNote(pageA, 'Welcome email is confusing');
    await addNote(pageA, 'Signup form asks too much');
    await expect(note(pageB, 'Signup form asks too much')).toBeVisible();
    await addNote(pageB, 'Tour is too long');
    await addNote(pageB, 'Pricing page is unclear');
    await expect(note(pageA, 'Pricing page is unclear')).toBeVisible();
    await expect(note(pageB, 'Welcome email is confusing')).not.toHaveAttribute('aria-label', /by Mei/);
    await expect(pageB.getByText('Authors are hidden')).toBeVisible();

    // A clusters two notes with the mouse; B adds a third from the keyboard (M, then the cluster).
    await note(pageA, 'Welcome email is confusing').click();
    await note(pageA, 'Signup form asks too much').click({ modifiers: ['Shift'] });
    await pageA.getByRole('button', { name: 'Group 2 notes' }).click();
    const groupDialog = pageA.getByRole('dialog', { name: 'Group 2 notes into a cluster' });
    await groupDialog.getByLabel('Cluster title').fill('First-run friction');
    await groupDialog.getByRole('button', { name: 'Save' }).click();
    await expect(pageB.getByRole('region', { name: 'First-run friction' })).toBeVisible();
    await note(pageB, 'Tour is too long').focus();
    await pageB.keyboard.press('m');
    const moveDialog = pageB.getByRole('dialog', { name: 'Move to cluster' });
    await moveDialog.getByRole('button', { name: 'First-run friction' }).click();
    await expect(moveDialog).toBeHidden();
    await expect(note(pageB, 'Tour is too long')).toBeFocused();

    // A dot vote with a budget of 3: the fourth vote is refused, results stay hidden until revealed.
    const panel = pageA.getByRole('group', { name: 'Facilitation' });
    await panel.getByLabel('Votes each').fill('3');
    await panel.getByRole('button', { name: 'Start dot voting' }).click();
    await expect(pageB.getByText('Votes left: 3 of 3')).toBeVisible();
    await note(pageB, 'Tour is too long').focus();
    await pageB.keyboard.press('v');
    await pageB.keyboard.press('v');
    await note(pageB, 'Pricing page is unclear').focus();
    await pageB.keyboard.press('v');
    await expect(pageB.getByText('Votes left: 0 of 3')).toBeVisible();
    await pageB.keyboard.press('v');
    await expect(pageB.getByRole('alert')).toHaveText('You have used all 3 of your votes. Take one back to vote elsewhere.');
    await note(pageA, 'Tour is too long').focus();
    await pageA.keyboard.press('v');
    await expect(pageA.getByText('Votes left: 2 of 3')).toBeVisible();
    await expect(note(pageA, 'Tour is too long').locator('.note-total')).toHaveCount(0);

    await panel.getByRole('button', { name: 'Reveal results' }).click();
    await panel.getByLabel('Reveal authors').check();
    for (const page of [pageA, pageB]) {
      await expect(page.getByText('Results: 4 votes counted')).toBeVisible();
      await expect(note(page, 'Tour is too long').locator('.note-total')).toHaveText('3');
      await expect(note(page, 'Pricing page is unclear').locator('.note-total')).toHaveText('1');
      await expect(note(page, 'Welcome email is confusing')).toHaveAttribute('aria-label', /by Mei/);
      await expect(note(page, 'Tour is too long')).toHaveAttribute('aria-label', /by Li/);
    }

    // Follow me: B's canvas shows what A zooms to, until B pans away; then B can go back.
    await panel.getByLabel('Everyone follows my view').check();
    await expect(pageB.getByText('Following Mei’s view')).toBeVisible();
    await pageA.getByRole('button', { name: 'Zoom in' }).click();
    await expect(pageB.locator('.note-world')).toHaveAttribute('style', /scale\(1\.25\)/);
    const box = await pageB.locator('.note-canvas').boundingBox();
    if (!box) throw new Error('no canvas on B');
    await pageB.mouse.move(box.x + box.width - 30, box.y + box.height - 30);
    await pageB.mouse.down();
    await pageB.mouse.move(box.x + box.width - 200, box.y + box.height - 120, { steps: 8 });
    await pageB.mouse.up();
    await pageB.getByRole('button', { name: 'Back to facilitator' }).click();
    await expect(pageB.getByText('Following Mei’s view')).toBeVisible();
    await pageA.getByRole('button', { name: 'Zoom out' }).click();
    await expect(pageB.locator('.note-world')).toHaveAttribute('style', /scale\(1\)/);
    await panel.getByLabel('Everyone follows my view').uncheck();
    await expect(pageB.getByText('Following Mei’s view')).toBeHidden();

    // Promote the cluster to the feedback board; Undo takes it back; promote again.
    const cluster = pageA.getByRole('region', { name: 'First-run friction' });
    const promote = async () => {
      await cluster.getByRole('button', { name: 'Make feedback…' }).click();
      const dialog = pageA.getByRole('dialog', { name: 'Make “First-run friction” a feedback item' });
      await dialog.getByLabel('Feedback board').selectOption({ label: 'User feedback' });
      await dialog.getByRole('button', { name: 'Make feedback' }).click();
      await expect(dialog).toBeHidden();
      await expect(cluster.getByText('Feedback item made')).toBeVisible();
    };
    await promote();
    await pageA.getByRole('status').filter({ hasText: 'Added as feedback on “User feedback”.' }).getByRole('button', { name: 'Undo' }).click();
    await expect(cluster.getByRole('button', { name: 'Make feedback…' })).toBeVisible();
    await promote();

    for (const page of [pageA, pageB]) {
      await openBoard(page, 'User feedback');
      await expect(card(page, 'First-run friction')).toHaveCount(1);
      await card(page, 'First-run friction').getByRole('button', { name: /Open/ }).click();
      const detail = page.getByTestId('item-detail');
      for (const text of ['Welcome email is confusing', 'Signup form asks too much', 'Tour is too long']) await expect(detail).toContainText(text);
      await expect(detail).not.toContainText('Pricing page is unclear');
    }
  } finally {
    await laptops.close();
  }
});
