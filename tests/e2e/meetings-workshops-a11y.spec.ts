// Meetings and workshop boards by keyboard alone, and through axe (WCAG 2.0/2.1 A and AA) in
// English and 简体中文, light and dark, in Chromium against a real hub: a meeting with its agenda, a decision
// and an action item; a workshop with notes written, moved, clustered and voted on, and the timer.
// Every step after the first run is a key press: Tab to reach a control, then type or press.
import type { Page } from '@playwright/test';
import { expect, test } from './support/hub-fixture';
import { expectNoAxeViolationsInBothThemes } from './support/axe';
import { firstRun } from './support/goals-page';
import { tabTo } from './support/keyboard';
import { note } from './support/workshop-page';

/** Switches the language from the sidebar (a select: arrow keys pick) and back. */
async function inChinese(page: Page, check: () => Promise<void>): Promise<void> {
  const language = page.getByRole('navigation').getByLabel(/Language|语言/);
  await language.selectOption('zh-CN');
  await check();
  await language.selectOption('en');
}

test('a meeting by keyboard alone: board, meeting, agenda, decision and action item; axe-clean in both languages', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  const nav = page.getByRole('navigation');
  await tabTo(page, nav.getByRole('button', { name: '+ New meetings board' }));
  await page.keyboard.press('Enter');
  const boardDialog = page.getByRole('dialog', { name: 'New meetings board' });
  await expect(boardDialog).toBeVisible();
  await tabTo(page, boardDialog.getByRole('button', { name: 'Create board' }));
  await page.keyboard.press('Enter');
  await expect(boardDialog).toBeHidden();
  const board = page.getByTestId('meetings-board');
  await expect(board.getByText('No meetings yet.', { exact: false })).toBeVisible();
  await expectNoAxeViolationsInBothThemes(page, 'meetings board, empty');
  await inChinese(page, () => expectNoAxeViolationsInBothThemes(page, 'meetings board, empty (zh-CN)'));

  await tabTo(page, board.locator('.empty-state').getByRole('button', { name: '+ New meeting' }));
  await page.keyboard.press('Enter');
  const meetingDialog = page.getByRole('dialog', { name: 'New meeting' });
  await expect(meetingDialog).toBeVisible();
  await tabTo(page, meetingDialog.getByLabel('Title'));
  await page.keyboard.type('Weekly sync');
  await tabTo(page, meetingDialog.getByLabel('Date'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('2025-03-03');
  await tabTo(page, meetingDialog.getByLabel('Repeats'));
  // A closed select picks the option whose label is typed.
  await page.keyboard.type('Weekly');
  await expect(meetingDialog.getByLabel('Repeats')).toHaveValue('weekly');
  await tabTo(page, meetingDialog.getByRole('button', { name: 'New meeting' }));
  await page.keyboard.press('Enter');
  await expect(meetingDialog).toBeHidden();
  const meeting = page.getByTestId('meeting-page');
  await expect(meeting.getByRole('heading', { name: 'Weekly sync' })).toBeVisible();

  const agendaForm = meeting.locator('form.inline-form').filter({ has: page.getByRole('button', { name: '+ Add topic' }) });
  await tabTo(page, agendaForm.getByRole('textbox', { name: 'Topic' }));
  await page.keyboard.type('Churn this month');
  await page.keyboard.press('Enter');
  await expect(meeting.getByTestId('agenda-item').getByRole('textbox', { name: 'Topic', exact: true })).toHaveValue('Churn this month');

  const decisionForm = meeting.getByRole('form', { name: 'Record decision' });
  await tabTo(page, decisionForm.getByLabel('Decision'));
  await page.keyboard.type('Call every churned account');
  await tabTo(page, decisionForm.getByRole('button', { name: 'Record decision' }));
  await page.keyboard.press('Enter');
  await expect(meeting.getByTestId('decision')).toContainText('Call every churned account');

  const actionForm = meeting.getByRole('form', { name: 'Add action item' });
  await tabTo(page, actionForm.getByLabel('Action item'));
  await page.keyboard.type('Draft the churn survey');
  await tabTo(page, actionForm.getByRole('button', { name: 'Add action item' }));
  await page.keyboard.press('Enter');
  await expect(meeting.getByTestId('action-item')).toContainText('Draft the churn survey');
  // Ticking it done by keyboard: Space on its checkbox.
  await tabTo(page, meeting.getByTestId('action-item').getByRole('checkbox'), { back: true });
  await page.keyboard.press('Space');
  await expect(meeting.getByTestId('action-item').getByRole('checkbox')).toBeChecked();

  await expectNoAxeViolationsInBothThemes(page, 'a meeting with agenda, decision and action item');
  await inChinese(page, () => expectNoAxeViolationsInBothThemes(page, 'a meeting with agenda, decision and action item (zh-CN)'));
});

test('a workshop by keyboard alone: notes written and moved, a cluster, a vote and the timer; axe-clean in both languages', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  const nav = page.getByRole('navigation');
  await tabTo(page, nav.getByRole('button', { name: 'New workshop' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New workshop' });
  await tabTo(page, dialog.getByLabel('Workshop name'));
  await page.keyboard.type('Onboarding retro');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Onboarding retro' })).toBeVisible();
  await expectNoAxeViolationsInBothThemes(page, 'workshop board, empty');
  await inChinese(page, () => expectNoAxeViolationsInBothThemes(page, 'workshop board, empty (zh-CN)'));

  for (const text of ['Welcome email is long', 'Setup wizard confusing']) {
    await tabTo(page, page.getByRole('button', { name: '+ Note', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Note text' })).toBeFocused();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await expect(note(page, text)).toBeFocused();
  }
  // Arrows move the focused note (Shift: a bigger step).
  const second = note(page, 'Setup wizard confusing');
  const before = await second.boundingBox();
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(async () => (await second.boundingBox())?.y).toBeGreaterThan(before?.y ?? 0);

  // The note just written is selected; Space adds the other; the toolbar groups them into a titled cluster.
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  await tabTo(page, note(page, 'Welcome email is long'), { back: true });
  await page.keyboard.press('Space');
  await expect(note(page, 'Welcome email is long')).toHaveAttribute('aria-pressed', 'true');
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  await tabTo(page, page.getByRole('button', { name: 'Group 2 notes' }), { back: true });
  await page.keyboard.press('Enter');
  const groupDialog = page.getByRole('dialog', { name: 'Group 2 notes into a cluster' });
  await tabTo(page, groupDialog.getByLabel('Cluster title'));
  await page.keyboard.type('First-run friction');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'First-run friction' })).toBeVisible();

  // Dot voting with a budget of 3, then a vote on the focused note with V.
  const panel = page.getByRole('group', { name: 'Facilitation' });
  await tabTo(page, panel.getByLabel('Votes each'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('3');
  await tabTo(page, panel.getByRole('button', { name: 'Start dot voting' }));
  await page.keyboard.press('Enter');
  await tabTo(page, note(page, 'Welcome email is long'), { back: true });
  await page.keyboard.press('v');
  await expect(note(page, 'Welcome email is long')).toHaveAttribute('aria-label', /your 1 vote/);

  // The shared timer: minutes typed, started with Enter.
  await tabTo(page, panel.getByLabel('Minutes'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(page.locator('.workshop-timer')).toContainText(/4:5\d|5:00/);

  await expectNoAxeViolationsInBothThemes(page, 'a workshop with notes, a cluster, voting and the timer');
  await inChinese(page, async () => {
    // A note's name follows the language (its words come from the canvas, not a hook of its own).
    await expect(note(page, 'Welcome email is long')).toHaveAttribute('aria-label', /你投了 1 票/);
    await expectNoAxeViolationsInBothThemes(page, 'a workshop with notes, a cluster, voting and the timer (zh-CN)');
  });
  await expect(note(page, 'Welcome email is long')).toHaveAttribute('aria-label', /your 1 vote/);
});

test('bad input on meetings and workshops: a date that is not a date, a vote budget of 0 or −1, a timer of "abc" minutes, a 100,000-character note — a clear message, nothing saved', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: '+ New meetings board' }).click();
  await page.getByRole('dialog', { name: 'New meetings board' }).getByRole('button', { name: 'Create board' }).click();
  const board = page.getByTestId('meetings-board');
  await board.locator('.empty-state').getByRole('button', { name: '+ New meeting' }).click();
  const meetingDialog = page.getByRole('dialog', { name: 'New meeting' });
  await meetingDialog.getByLabel('Title').fill('Weekly sync');
  await meetingDialog.getByLabel('Date').fill('2025-02-30');
  await meetingDialog.getByRole('button', { name: 'New meeting' }).click();
  await expect(meetingDialog.getByRole('alert')).toHaveText('Enter a real date.');
  await meetingDialog.getByLabel('Date').fill('next Tuesday');
  await meetingDialog.getByRole('button', { name: 'New meeting' }).click();
  await expect(meetingDialog.getByRole('alert')).toHaveText('Enter a real date.');
  await page.keyboard.press('Escape');
  await expect(board.getByText('No meetings yet.', { exact: false })).toBeVisible();

  await nav.getByRole('button', { name: 'New workshop' }).click();
  const dialog = page.getByRole('dialog', { name: 'New workshop' });
  await dialog.getByLabel('Workshop name').fill('Onboarding retro');
  await dialog.getByRole('button', { name: 'Create workshop' }).click();
  const panel = page.getByRole('group', { name: 'Facilitation' });
  for (const budget of ['0', '-1']) {
    await panel.getByLabel('Votes each').fill(budget);
    await panel.getByRole('button', { name: 'Start dot voting' }).click();
    await expect(page.getByRole('alert')).toHaveText('Give each person from 1 to 50 votes.');
  }
  await expect(panel.getByRole('button', { name: 'Reveal results' })).toHaveCount(0);
  await panel.getByLabel('Minutes').fill('abc');
  await panel.getByRole('button', { name: 'Start timer' }).click();
  await expect(page.getByRole('alert')).toHaveText('Enter a number of minutes, like 5 or 2.5 (up to 240).');
  await expect(page.locator('.workshop-timer')).toHaveCount(0);

  // A pasted essay: the note keeps its first 500 characters (a sticky note's limit), never more.
  await page.getByRole('button', { name: '+ Note', exact: true }).click();
  const input = page.getByRole('textbox', { name: 'Note text' });
  await input.fill('x'.repeat(100_000));
  await input.press('Enter');
  await expect(page.locator('.sticky-note')).toHaveCount(1);
  expect((await page.locator('.sticky-note .note-text').textContent())?.length).toBeLessThanOrEqual(500);
  // And stays inside its note: text longer than the note is cut there, never spilling onto the canvas.
  const text = await page.locator('.sticky-note .note-text').evaluate((el) => ({ longer: el.scrollHeight > el.clientHeight, clipped: getComputedStyle(el).overflowY !== 'visible' }));
  expect(text).toEqual({ longer: true, clipped: true });
});
