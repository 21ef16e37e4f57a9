// Accessibility end to end, in Chromium against a real hub: axe-core (WCAG 2.0/2.1 A and AA)
// on every view, dialog and panel in English and 简体中文, light and dark, with the app's CSP as shipped.
// Each check is soft, so one run lists every view's violations.
import type { Page } from '@playwright/test';
import { expect, test } from './support/hub-fixture';
import { expectNoAxeViolationsInBothThemes } from './support/axe';
import { addKpi, checkIn, createGoal, firstRun } from './support/goals-page';
import { addItem, chooseFromBoardMenu, createFeedbackBoard } from './support/feedback-page';
import { openSettings, settingsButton } from './support/settings-page';

/** Opens a dialog with `open`, checks the page, and closes the dialog with Escape. */
async function checkDialog(page: Page, open: () => Promise<void>, where: string): Promise<void> {
  await open();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoAxeViolationsInBothThemes(page, where);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
}

const sidebarButton = (page: Page, name: string | RegExp) => () => page.getByRole('navigation').getByRole('button', { name }).click();
const inSettings = (page: Page, name: string | RegExp) => () => settingsButton(page, name).click();

test('first run, the Goals board, the goal form and the goal panel pass axe in English and 简体中文', async ({ page, hub }) => {
  await page.goto(hub.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Tandem' })).toBeVisible();
  await expectNoAxeViolationsInBothThemes(page, 'first run');
  await checkDialog(page, () => page.getByRole('button', { name: 'Join a workspace' }).click(), 'join dialog');
  await checkDialog(page, () => page.getByRole('main').getByRole('button', { name: /^Restore from a backup/ }).click(), 'restore dialog on first run');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expectNoAxeViolationsInBothThemes(page, 'first run (zh-CN)');
  await page.getByLabel('语言').selectOption('en');

  await firstRun(page, hub.url);
  await expectNoAxeViolationsInBothThemes(page, 'goals board, empty');
  await checkDialog(page, () => page.getByRole('button', { name: 'New goal' }).click(), 'goal form');
  await createGoal(page, 'Grow weekly active teams');
  await addKpi(page, { name: 'Active teams', baseline: '100', target: '200' });
  await checkIn(page, 'Active teams', '120', '2025-02-01');
  await checkIn(page, 'Active teams', '150', '2025-03-01');
  await expectNoAxeViolationsInBothThemes(page, 'goals board with the goal panel open');
  await checkDialog(page, () => page.getByTestId('goal-detail').getByRole('button', { name: 'Edit', exact: true }).click(), 'goal form, editing');

  await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
  await expectNoAxeViolationsInBothThemes(page, 'goals board with the goal panel open (zh-CN)');
  await checkDialog(page, () => page.getByRole('button', { name: /新建目标/ }).click(), 'goal form (zh-CN)');
});

test('a feedback board in kanban, table and matrix, its item panel and its dialogs pass axe in English and 简体中文', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await checkDialog(page, sidebarButton(page, 'New board'), 'new board dialog');
  await createFeedbackBoard(page, 'User feedback');
  await expectNoAxeViolationsInBothThemes(page, 'feedback board, empty (kanban)');
  await addItem(page, 'Export to PDF', { channel: 'Survey', tags: 'export', impact: '4', effort: '2' });
  await addItem(page, 'Dark mode', { impact: '2', effort: '4' });
  await expectNoAxeViolationsInBothThemes(page, 'kanban with the item panel open');
  await page.keyboard.press('Escape');
  await expectNoAxeViolationsInBothThemes(page, 'kanban');
  await checkDialog(page, () => page.getByRole('button', { name: 'New feedback' }).click(), 'new feedback dialog');
  await checkDialog(page, () => chooseFromBoardMenu(page, 'Import CSV…'), 'import CSV dialog');
  await checkDialog(page, () => chooseFromBoardMenu(page, 'Columns & channels'), 'columns and channels dialog');
  await checkDialog(page, () => chooseFromBoardMenu(page, 'Save view…', { sub: 'Saved views' }), 'saving a view');
  await page.getByRole('tab', { name: 'Table' }).click();
  await expectNoAxeViolationsInBothThemes(page, 'table view');
  await page.getByRole('tab', { name: 'Impact × effort' }).click();
  await expectNoAxeViolationsInBothThemes(page, 'matrix view');

  await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
  await expectNoAxeViolationsInBothThemes(page, 'matrix view (zh-CN)');
  await page.getByRole('tab', { name: '看板' }).click();
  await page.getByTestId('item-card').first().getByRole('button', { name: /^打开/ }).click();
  await expectNoAxeViolationsInBothThemes(page, 'kanban with the item panel open (zh-CN)');
  await checkDialog(page, () => page.getByRole('button', { name: '新建反馈' }).click(), 'new feedback dialog (zh-CN)');
});

test('the workspace dialogs, search and the Network view pass axe in English and 简体中文', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await createGoal(page, 'Export reports');
  await checkDialog(page, sidebarButton(page, 'Invite teammates'), 'invite dialog');
  await page.getByRole('combobox', { name: 'Search every board' }).fill('export');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
  await expectNoAxeViolationsInBothThemes(page, 'search results');
  await page.keyboard.press('Escape');
  await openSettings(page);
  await checkDialog(page, inSettings(page, /^Back up/), 'back up dialog');
  await checkDialog(page, inSettings(page, /^Restore from a backup/), 'restore dialog');
  await checkDialog(page, inSettings(page, /^Leave workspace/), 'leave dialog');
  await checkDialog(page, inSettings(page, /^Import unsynced edits/), 'import unsynced edits dialog');
  await expect(page.getByTestId('diagnostics-reachability')).toBeVisible();
  await expectNoAxeViolationsInBothThemes(page, 'network view');

  await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
  await expectNoAxeViolationsInBothThemes(page, 'network view (zh-CN)');
  await checkDialog(page, sidebarButton(page, '邀请队友'), 'invite dialog (zh-CN)');
  await checkDialog(page, inSettings(page, /^退出工作区/), 'leave dialog (zh-CN)');
});
