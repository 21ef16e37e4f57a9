// A first open, end to end: the command palette by keyboard alone (open, filter, run), the
// sample data from the empty Goals board and from the palette (added, a goal opened, removed,
// by keyboard; its board clean under axe light and dark), Settings reached from its gear entry
// and clean under axe in both languages, the short goal form with its first KPI, the reason under a status,
// and the built-in Goals board named 目标 in 简体中文.
import { expect, test } from './support/hub-fixture';
import { expectNoAxeViolationsInBothThemes as expectNoAxeViolations } from './support/axe';
import { checkIn, firstRun, goalCard } from './support/goals-page';
import { openSettings } from './support/settings-page';

test('the command palette opens with Ctrl+K, filters as you type, runs a command and is listed in the shortcut sheet', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  const input = palette.getByRole('combobox');
  await expect(input).toBeFocused();
  await expectNoAxeViolations(page, 'command palette');
  await page.keyboard.type('settings');
  // Fuzzy: the best match comes first, looser ones ("New meetings board") after it.
  await expect(palette.getByRole('option').first()).toHaveText('Open Settings');
  // The ranked matches are new elements: the input must name the selected one, not a gone one.
  await expect(input).toHaveAttribute('aria-activedescendant', (await palette.getByRole('option', { selected: true }).getAttribute('id'))!);
  await expectNoAxeViolations(page, 'command palette with matches');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByTestId('settings-view')).toBeVisible();

  // Either language finds a command: "目标" finds the Goals board in English.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('目标');
  await expect(palette.getByRole('option').first()).toHaveText(/Go to Goals/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();

  // A command that opens a dialog: New goal, by arrow keys from a filtered list.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('new goal');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'New goal' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'New goal' }).getByLabel('Title')).toBeFocused();
  await page.keyboard.press('Escape');

  // Escape closes the palette; the shortcut sheet names Ctrl+K.
  await page.keyboard.press('Control+k');
  await expect(palette).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await page.getByRole('main').focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-sheet')).toContainText('Open the command palette');
});

test('an empty workspace offers sample data (goals with check-ins, forty linked feedback items) that Undo removes, and the palette adds, opens and removes by keyboard alone', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await expect(page.getByTestId('sync-indicator')).toHaveText('Only on this laptop');
  await expect(page.getByText('Nobody else sees it until you invite teammates.')).toBeVisible();
  await page.getByRole('button', { name: 'Try with sample data' }).click();
  await expect(goalCard(page, 'Grow weekly active teams')).toBeVisible();
  await expect(page.getByTestId('goal-card')).toHaveCount(3);
  await expect(page.getByRole('navigation').getByRole('button', { name: /User feedback \(sample\)/ })).toBeVisible();
  await goalCard(page, 'Grow weekly active teams').getByRole('button', { name: /^Open/ }).click();
  await expect(page.getByTestId('goal-detail').getByTestId('check-in')).toHaveCount(5);
  await expect(page.getByTestId('goal-detail').getByTestId('check-in').first()).toContainText('#5');
  await expect(page.getByTestId('goal-detail').getByText('Export a goal’s check-ins to a spreadsheet')).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: /User feedback \(sample\)/ }).click();
  await expect(page.getByText('40 items', { exact: true })).toBeVisible();
  await expect(page.getByTestId('sample-notice')).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: /Goals/ }).click();
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('goal-card')).toHaveCount(0);
  await expect(page.getByRole('navigation').getByRole('button', { name: /User feedback \(sample\)/ })).toHaveCount(0);

  // By keyboard alone: the palette adds the sample again, opens one of its goals, then removes it all.
  await page.getByRole('main').focus();
  const palette = page.getByTestId('command-palette');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('load sample');
  await expect(palette.getByRole('option').first()).toHaveText('Load sample data');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('goal-card')).toHaveCount(3);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('user feedback sample');
  await expect(palette.getByRole('option').first()).toHaveText(/Go to User feedback \(sample\)$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sample-notice')).toBeVisible();
  await expectNoAxeViolations(page, 'sample feedback board with its notice');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('weekly active');
  await expect(palette.getByRole('option').first()).toHaveText(/Grow weekly active teams · Goal · Goals$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('goal-detail').getByRole('heading', { name: 'Grow weekly active teams' })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('remove sample');
  await expect(palette.getByRole('option').first()).toHaveText('Remove sample data');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('goal-card')).toHaveCount(0);
  await expect(page.getByTestId('sample-notice')).toBeHidden();
});

test('the sample data comes in 简体中文 when the app is in 简体中文, and the built-in board reads 目标', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '目标', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('button', { name: /目标/ })).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('示例');
  await page.keyboard.press('Enter');
  await expect(goalCard(page, '提升每周活跃团队数')).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('button', { name: /用户反馈（示例）/ })).toBeVisible();
});

test('Settings is one gear entry away and passes axe in English and 简体中文', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await openSettings(page);
  for (const section of ['Language', 'Backup & restore', 'Network & relay', 'Workspace']) await expect(page.getByRole('heading', { name: section, level: 2 })).toBeVisible();
  await expect(page.getByTestId('diagnostics-reachability')).toBeVisible();
  await expectNoAxeViolations(page, 'Settings');
  await page.getByTestId('settings-view').getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '设置', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, 'Settings (zh-CN)');
  await page.keyboard.press('Control+k');
  await expectNoAxeViolations(page, 'command palette (zh-CN)');
});

test('a new goal needs only a title, a KPI and an owner; More options holds the rest; a goal behind says why', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await page.getByRole('button', { name: 'New goal' }).click();
  const dialog = page.getByRole('dialog', { name: 'New goal' });
  await expect(dialog.getByLabel('Year')).toBeHidden();
  await expect(dialog.getByLabel('Team')).toBeHidden();
  await dialog.getByLabel('Title').fill('Grow paying teams');
  await dialog.getByLabel('KPI name').fill('Paying teams');
  await dialog.getByLabel('Target').fill('abc');
  await dialog.getByRole('button', { name: 'Create goal' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter a number, like 1200 or 3.5.');
  await dialog.getByLabel('Target').fill('100');
  await expectNoAxeViolations(page, 'short goal form');
  await dialog.getByText('More options').click();
  await expect(dialog.getByLabel('Year')).toBeVisible();
  await dialog.getByLabel('Year').selectOption('2025');
  await dialog.getByLabel('Quarter').selectOption('1');
  await dialog.getByRole('button', { name: 'Create goal' }).click();
  await expect(dialog).toBeHidden();
  const detail = page.getByTestId('goal-detail');
  await expect(detail.getByRole('region', { name: 'Paying teams' })).toBeVisible();
  await checkIn(page, 'Paying teams', '20', '2025-02-15');
  await checkIn(page, 'Paying teams', '40', '2025-03-01');
  await expect(detail.getByTestId('check-in')).toHaveCount(2);
  await expect(detail.getByTestId('check-in').first()).toContainText('#2');
  await expect(detail.getByTestId('check-in').last()).toContainText('#1');
  // Q1 2025 is wholly past: 40% of target with all of the period gone.
  await expect(detail.getByText('Off track')).toBeVisible();
  await expect(detail.getByTestId('status-reason')).toHaveText('behind the expected pace: 40% of target at 100% of the period');
});
