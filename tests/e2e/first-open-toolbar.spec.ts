// A feedback board as a new user first meets it, in Chromium against a real hub: the toolbar in
// one row (view tabs, Filter with removable chips, sort, a "⋯" menu) used by keyboard, empty
// states whose buttons do the next step, labelled cards, the matrix legend, and the kanban
// saying how many columns are past the edge. axe checks the open states in both languages.
import type { Page } from '@playwright/test';
import { expect, test } from './support/hub-fixture';
import { expectNoAxeViolationsInBothThemes as expectNoAxeViolations } from './support/axe';
import { firstRun } from './support/goals-page';
import { addItem, card, column, createFeedbackBoard } from './support/feedback-page';
import { expectEscapeReturnsTo } from './support/keyboard';

test.use({ viewport: { width: 1400, height: 900 } });

/** Presses ArrowDown in the open menu until `item` has focus (as a keyboard user walks a menu). */
async function arrowTo(page: Page, item: ReturnType<Page['getByRole']>): Promise<void> {
  await expect(item).toBeVisible();
  for (let i = 0; i < 12 && !(await item.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('ArrowDown');
  await expect(item).toBeFocused();
}

test('the toolbar is one row, and its Filter chips and ⋯ menu work from the keyboard alone, passing axe in English and 简体中文', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await createFeedbackBoard(page, 'User feedback');
  await addItem(page, 'Export reports to Excel', { channel: 'Support' });
  await addItem(page, 'Dark mode', { channel: 'Survey' });
  await page.keyboard.press('Escape');

  // One row: the tabs, the Filter button, the sort and the ⋯ button share one line.
  const toolbar = page.locator('.feedback-toolbar');
  const parts = [page.getByRole('tablist', { name: 'View' }), page.getByTestId('filter-button'), page.getByLabel('Sort'), page.getByRole('button', { name: 'Board actions' })];
  const boxes = await Promise.all(parts.map(async (p) => (await p.boundingBox())!));
  const toolbarBox = (await toolbar.boundingBox())!;
  expect(toolbarBox.height).toBeLessThan(56);
  for (const box of boxes) expect(Math.abs(box.y + box.height / 2 - (toolbarBox.y + toolbarBox.height / 2))).toBeLessThan(12);
  await expect(page.locator('.feedback-toolbar select')).toHaveCount(1);

  // Filter by keyboard: Enter opens the popover with focus inside, Escape closes it back to the button.
  const filterButton = page.getByTestId('filter-button');
  const popover = page.getByRole('dialog', { name: 'Filter this board' });
  await filterButton.focus();
  await page.keyboard.press('Enter');
  await expect(popover).toBeVisible();
  await expect(popover.getByLabel('Filter text')).toBeFocused();
  await expectNoAxeViolations(page, 'filter popover open');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(popover.getByLabel('Channel')).toBeFocused();
  await popover.getByLabel('Channel').selectOption({ label: 'Support' });
  await expectEscapeReturnsTo(page, popover, filterButton);
  await expect(filterButton).toHaveText(/Filter\s*1/);
  const chip = page.getByRole('button', { name: 'Remove filter Channel: Support' });
  await expect(chip).toBeVisible();
  await expect(page.getByTestId('item-card')).toHaveText([/Export reports to Excel/]);
  await expectNoAxeViolations(page, 'toolbar with a filter chip');

  // A second filter, typed; each chip leaves with Delete or Enter, focus staying in the toolbar.
  await page.keyboard.press('Enter');
  await expect(popover.getByLabel('Filter text')).toBeFocused();
  await page.keyboard.type('excel');
  await page.keyboard.press('Escape');
  await expect(filterButton).toBeFocused();
  await expect(page.getByTestId('filter-chip')).toHaveText([/Filter text: “excel”/, /Channel: Support/]);
  const textChip = page.getByRole('button', { name: 'Remove filter Filter text: “excel”' });
  await page.keyboard.press('Tab');
  await expect(textChip).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(textChip).toBeHidden();
  await expect(chip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('filter-chip')).toHaveCount(0);
  await expect(filterButton).toBeFocused();
  await expect(page.getByTestId('item-card')).toHaveCount(2);

  // The ⋯ menu: export and import, by arrow keys.
  const menuButton = page.getByRole('button', { name: 'Board actions' });
  await menuButton.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText(['Rename board', 'Columns & channels…', /^Saved views/, 'Import CSV…', 'Export CSV', 'Export Markdown', 'Archive board']);
  await expectNoAxeViolations(page, 'board menu open');
  await arrowTo(page, menu.getByRole('menuitem', { name: 'Export CSV' }));
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^User feedback-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
  await page.keyboard.press('Enter');
  await arrowTo(page, menu.getByRole('menuitem', { name: 'Import CSV…' }));
  await page.keyboard.press('Enter');
  const importDialog = page.getByRole('dialog', { name: 'Import feedback from CSV' });
  await expect(importDialog).toBeVisible();
  await expectEscapeReturnsTo(page, importDialog, menuButton);
  // Saved views, a submenu: ArrowRight opens it.
  await page.keyboard.press('Enter');
  await arrowTo(page, menu.getByRole('menuitem', { name: 'Saved views' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('menuitem', { name: 'Save view…' })).toBeVisible();
  await expect(page.getByText('No saved views yet')).toBeVisible();
  await expectNoAxeViolations(page, 'saved views submenu open');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Rename from the menu: the name field takes focus, and focus comes back to ⋯ after saving.
  await page.keyboard.press('Enter');
  await arrowTo(page, menu.getByRole('menuitem', { name: 'Rename board' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Board name')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Customer voice');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Customer voice' })).toBeVisible();
  await expect(menuButton).toBeFocused();

  // The same open states in 简体中文.
  await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('button', { name: '筛选', exact: true }).click();
  const popoverZh = page.getByRole('dialog', { name: '筛选此看板' });
  await expect(popoverZh).toBeVisible();
  await popoverZh.getByLabel('渠道').selectOption({ label: '问卷' });
  await expect(page.getByRole('button', { name: '移除筛选条件 渠道：问卷' })).toBeVisible();
  await expectNoAxeViolations(page, 'filter popover open (zh-CN)');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '看板操作' }).click();
  await expect(page.getByRole('menu').getByRole('menuitem', { name: '导出 CSV' })).toBeVisible();
  await expectNoAxeViolations(page, 'board menu open (zh-CN)');
  await page.keyboard.press('Escape');
});

test('empty states offer the next step as buttons; cards name their votes and scores; the matrix has a legend; hidden columns are announced', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  // The empty Goals board offers its first goal as a button too.
  const firstGoal = page.getByRole('button', { name: 'Add the first goal' });
  await firstGoal.focus();
  await page.keyboard.press('Enter');
  const goalForm = page.getByRole('dialog', { name: 'New goal' });
  await expect(goalForm).toBeVisible();
  await expectEscapeReturnsTo(page, goalForm, firstGoal);

  await createFeedbackBoard(page, 'User feedback');

  // An empty board: one message with two buttons, not a "Nothing here" per column.
  const empty = page.getByTestId('feedback-empty');
  await expect(empty).toContainText('No feedback yet.');
  await expect(empty).toContainText('Cards land in “New”');
  await expect(page.getByText('Nothing here')).toHaveCount(0);
  await expectNoAxeViolations(page, 'empty feedback board');
  const importButton = empty.getByRole('button', { name: 'Import a CSV' });
  await importButton.focus();
  await page.keyboard.press('Enter');
  const importDialog = page.getByRole('dialog', { name: 'Import feedback from CSV' });
  await expect(importDialog).toBeVisible();
  await expectEscapeReturnsTo(page, importDialog, importButton);
  await empty.getByRole('button', { name: 'Add the first item' }).click();
  const dialog = page.getByRole('dialog', { name: 'New feedback' });
  await dialog.getByLabel('Title').fill('Export reports to Excel');
  await dialog.getByLabel('Importance to customers').selectOption({ label: '+3 Critical' });
  await dialog.getByLabel('Impact on goals (1–5)').selectOption('4');
  await dialog.getByLabel('Effort (1–5)').selectOption('2');
  await dialog.getByRole('button', { name: 'Add feedback' }).click();
  await expect(card(page, 'Export reports to Excel')).toBeVisible();
  await expect(empty).toBeHidden();

  // The card says what its numbers are.
  const excel = card(page, 'Export reports to Excel');
  await expect(excel.getByTestId('vote-button')).toHaveText(/^▲ 0 votes ·/);
  await excel.getByTestId('vote-button').click();
  await expect(excel.getByTestId('vote-button')).toHaveText(/^▲ 1 vote ·/);
  await expect(excel.getByTestId('vote-button')).toHaveAccessibleName(/1 vote · Vote for “Export reports to Excel”/);
  await expect(excel.getByTestId('impact-effort')).toHaveText('Impact 4/5 · Effort 2/5');
  await expect(excel).toContainText('+3 Critical');
  await expect(excel.getByTestId('priority')).toHaveText(/^Priority \d+\.\d$/);
  await addItem(page, 'Dark mode');
  await expect(card(page, 'Dark mode')).not.toContainText('Nice to have');

  // A filter that matches nothing offers to clear it.
  await page.keyboard.press('Escape');
  await page.getByTestId('filter-button').click();
  await page.getByRole('dialog', { name: 'Filter this board' }).getByLabel('Filter text').fill('zzz');
  await page.keyboard.press('Escape');
  const none = page.getByTestId('feedback-empty-filtered');
  await expect(none).toContainText('No feedback matches these filters.');
  await none.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('item-card')).toHaveCount(2);

  // At 1,400 px the last columns are past the edge, and the board says so.
  const more = page.getByTestId('more-columns-right');
  await expect(more).toHaveText('2 more columns →');
  await expectNoAxeViolations(page, 'kanban with columns past the edge');
  await more.click();
  await expect(more).toBeHidden();
  await expect(page.getByTestId('more-columns-left')).toHaveText(/^← \d more columns?$/);
  const kanban = (await page.getByTestId('kanban').boundingBox())!;
  const declined = (await column(page, 'Declined').boundingBox())!;
  expect(declined.x + declined.width).toBeLessThanOrEqual(kanban.x + kanban.width + 1);

  // The matrix names its quadrants.
  await page.getByRole('tab', { name: 'Impact × effort' }).click();
  const legend = page.getByRole('list', { name: 'Quadrants' });
  await expect(legend.getByRole('listitem')).toHaveText([/Quick wins.*high impact, low effort/, /Big bets/, /Fill-ins/, /Time sinks/]);
  await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('list', { name: '象限' }).getByRole('listitem').first()).toContainText('速赢');
  await expectNoAxeViolations(page, 'matrix with its legend (zh-CN)');
});
