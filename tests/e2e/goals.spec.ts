// The Goals board end to end, in Chromium against a real hub: first run, goals with KPIs
// and check-ins, progress, status and chart, reload, reorder, undo/redo and both languages.
import { expect, test } from './support/hub-fixture';
import { addKpi, checkIn, createGoal, expectSaved, firstRun, goalCard } from './support/goals-page';

test('a new person sets up a workspace, tracks a goal with two KPIs and finds it all after a reload', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await expect(page.getByText('No goals yet.')).toBeVisible();
  await expect(page.getByRole('navigation').getByText('Mei (you)')).toBeVisible();

  await createGoal(page, 'Grow weekly active users');
  await addKpi(page, { name: 'Weekly active users', baseline: '1,000', target: '2,000' });
  await addKpi(page, { name: 'Day-30 retention', unit: '%', baseline: '40', target: '50' });
  await checkIn(page, 'Weekly active users', '1500', '2025-02-01', 'after the spring campaign');
  await checkIn(page, 'Weekly active users', '2000', '2025-03-01');
  await checkIn(page, 'Day-30 retention', '45', '2025-03-01');

  const detail = page.getByTestId('goal-detail');
  const wau = detail.getByRole('region', { name: 'Weekly active users' });
  await expect(wau.getByTestId('kpi-current')).toHaveText('2,000');
  await expect(wau.getByTestId('check-in')).toHaveCount(2);
  await expect(wau.getByTestId('trend-chart').locator('.recharts-line-curve')).toBeVisible();
  await expect(wau.getByTestId('trend-chart').locator('.recharts-reference-line-line')).toHaveCount(1);
  // Q1 2025 is over: 75 % progress trails 100 % of time elapsed by 25 points → at risk.
  const card = goalCard(page, 'Grow weekly active users');
  await expect(card.getByTestId('progress-text')).toHaveText('75%');
  await expect(card.getByTestId('goal-status')).toHaveText('At risk');
  await expect(card.locator('.sparkline svg')).toBeVisible();
  await expectSaved(page);

  // Raising the target to 4,000 halves the progress; a bad number is refused and changes nothing.
  await wau.getByRole('button', { name: 'Edit KPI Weekly active users' }).click();
  const edit = wau.getByRole('form', { name: 'Edit KPI Weekly active users' });
  await edit.getByLabel('Target').fill('lots');
  await edit.getByRole('button', { name: 'Save KPI' }).click();
  await expect(edit.getByRole('alert')).toBeVisible();
  await expect(card.getByTestId('progress-text')).toHaveText('75%');
  await edit.getByLabel('Target').fill('4,000');
  await edit.getByRole('button', { name: 'Save KPI' }).click();
  await expect(edit).toBeHidden();
  await expect(card.getByTestId('progress-text')).toHaveText('42%');
  await page.keyboard.press('Control+z');
  await expect(card.getByTestId('progress-text')).toHaveText('75%');

  await page.reload();
  await expect(goalCard(page, 'Grow weekly active users').getByTestId('progress-text')).toHaveText('75%');
  await goalCard(page, 'Grow weekly active users').getByRole('button', { name: /Open/ }).click();
  await expect(page.getByTestId('goal-detail').getByTestId('check-in')).toHaveCount(3);
  await expect(page.getByText('after the spring campaign')).toBeVisible();
});

test('goals reorder by keyboard, and undo and redo revert only my edits', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  for (const title of ['First goal', 'Second goal', 'Third goal']) await createGoal(page, title);
  const titles = () => page.getByTestId('goal-card').locator('.goal-title').allTextContents();
  await expect.poll(titles).toEqual(['First goal', 'Second goal', 'Third goal']);

  await goalCard(page, 'Third goal').getByRole('button', { name: /Open/ }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(titles).toEqual(['Third goal', 'First goal', 'Second goal']);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect.poll(titles).toEqual(['First goal', 'Third goal', 'Second goal']);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(titles).toEqual(['Third goal', 'First goal', 'Second goal']);

  // Dragging a goal by its handle with the mouse moves it too.
  const handle = goalCard(page, 'Second goal').getByRole('button', { name: /Reorder/ });
  const target = goalCard(page, 'Third goal');
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('cards not laid out');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 12 });
  await page.mouse.move(from.x + from.width / 2, to.y + 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(titles).toEqual(['Second goal', 'Third goal', 'First goal']);
  await page.keyboard.press('Control+z');
  await expect.poll(titles).toEqual(['Third goal', 'First goal', 'Second goal']);

  // Deleting offers Undo, which brings the goal back with its place.
  await goalCard(page, 'First goal').getByRole('button', { name: /Open/ }).click();
  await expect(page.getByTestId('goal-detail').getByRole('heading', { name: 'First goal' })).toBeVisible();
  await page.getByTestId('goal-detail').getByRole('button', { name: 'Delete goal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Goal “First goal” deleted' })).toBeVisible();
  await expect.poll(titles).toEqual(['Third goal', 'Second goal']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(titles).toEqual(['Third goal', 'First goal', 'Second goal']);
  await page.reload();
  await expect.poll(titles).toEqual(['Third goal', 'First goal', 'Second goal']);
});

test('filters narrow the board and say so when nothing matches', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await createGoal(page, 'Operations goal');
  await page.getByRole('group', { name: 'Filters' }).getByLabel('Team').selectOption('product');
  await expect(page.getByText('No goal matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(goalCard(page, 'Operations goal')).toBeVisible();
  await page.getByRole('group', { name: 'Filters' }).getByLabel('Status').selectOption('none');
  await expect(goalCard(page, 'Operations goal')).toBeVisible();
});

test('the language switches to 简体中文 and back, and the choice persists', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await createGoal(page, 'Grow revenue');
  await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('group', { name: '筛选' })).toBeVisible();
  await expect(page.getByRole('button', { name: '新建目标' })).toBeVisible();
  await expect(page.getByTestId('save-indicator')).toHaveText('已保存在本机');
  await expect(page.getByRole('heading', { name: '2025年第1季度' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: '新建目标' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('navigation').getByLabel('语言').selectOption('en');
  await expect(page.getByRole('button', { name: 'New goal' })).toBeVisible();
});
