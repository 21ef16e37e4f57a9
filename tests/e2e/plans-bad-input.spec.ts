// Bad input on a plan board, in English and 简体中文: an end before its start, a date that does
// not exist (typed into the date field), a 100,000-character title, and a dependency on itself
// (the picker never offers the item itself; the model's refusal is unit-tested). Each is refused
// with the translated message, in the New item dialog and in an existing item's panel, and the
// stored item is unchanged afterwards.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/hub-fixture';
import { firstRun } from './support/goals-page';

const RELEASE = 'Release 3.0';
const CAMPAIGN = 'Win-back campaign';

const WORDS = {
  en: {
    newItem: 'New plan item', title: 'Title', start: 'Start', end: 'End', create: 'Create plan', cancel: 'Cancel', setDates: 'Set dates', close: 'Close',
    endBeforeStart: 'The end is before the start. Choose an end on or after the start.', tooLong: 'Keep this under 200 characters.', notADate: 'Enter a real date.',
  },
  'zh-CN': {
    newItem: '新建计划项', title: '标题', start: '开始', end: '结束', create: '创建计划', cancel: '取消', setDates: '设置日期', close: '关闭',
    endBeforeStart: '结束日期早于开始日期。请选择不早于开始日期的结束日期。', tooLong: '请控制在 200 个字符以内。', notADate: '请输入有效的日期。',
  },
} as const;

/** Types the 30th of February into a date field, segment by segment (the browser's en-US order: month, day, year). */
async function typeNonexistentDate(page: Page, field: Locator): Promise<void> {
  await field.focus();
  await page.keyboard.type('02302025');
}

async function newItem(page: Page, title: string, start: string, end: string): Promise<void> {
  await page.getByTestId('new-plan-item-button').first().click();
  const dialog = page.getByRole('dialog', { name: 'New plan item' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Start').fill(start);
  await dialog.getByLabel('End').fill(end);
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('plan-panel').getByRole('button', { name: 'Close' }).click();
}

test('an end before its start, a date that does not exist, a 100,000-character title and a dependency on itself are refused in both languages, and nothing saved changes', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await page.getByRole('navigation').getByRole('button', { name: '+ New plan' }).click();
  await page.getByRole('dialog', { name: 'New plan' }).getByRole('button', { name: 'Create plan' }).click();
  await newItem(page, RELEASE, '2025-05-01', '2025-05-20');
  await newItem(page, CAMPAIGN, '2025-05-21', '2025-06-10');
  const cards = page.getByTestId('plan-card');
  await expect(cards).toHaveCount(2);

  for (const language of ['en', 'zh-CN'] as const) {
    const w = WORDS[language];
    if (language === 'zh-CN') await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');

    // The New item dialog.
    await page.getByTestId('new-plan-item-button').first().click();
    const dialog = page.getByRole('dialog', { name: w.newItem });
    await dialog.getByLabel(w.title).fill('Backwards');
    await dialog.getByLabel(w.start).fill('2025-05-10');
    await dialog.getByLabel(w.end).fill('2025-05-01');
    await dialog.getByRole('button', { name: w.create }).click();
    await expect(dialog.getByRole('alert')).toHaveText(w.endBeforeStart);
    await typeNonexistentDate(page, dialog.getByLabel(w.end));
    await dialog.getByRole('button', { name: w.create }).click();
    await expect(dialog.getByRole('alert')).toHaveText(w.notADate);
    // Both fields given dates that do not exist: still refused, not made an undated item.
    await typeNonexistentDate(page, dialog.getByLabel(w.start));
    await dialog.getByRole('button', { name: w.create }).click();
    await expect(dialog.getByRole('alert')).toHaveText(w.notADate);
    await dialog.getByLabel(w.start).fill('2025-05-10');
    await dialog.getByLabel(w.end).fill('2025-05-20');
    await dialog.getByLabel(w.title).fill('x'.repeat(100_000));
    await dialog.getByRole('button', { name: w.create }).click();
    await expect(dialog.getByRole('alert')).toHaveText(w.tooLong);
    await dialog.getByRole('button', { name: w.cancel }).click();
    await expect(dialog).toBeHidden();
    await expect(cards).toHaveCount(2);

    // The panel of the release, already saved.
    await cards.filter({ hasText: RELEASE }).click();
    const panel = page.getByTestId('plan-panel');
    await expect(panel.getByRole('heading', { name: RELEASE })).toBeVisible();
    await panel.getByTestId('plan-start').fill('2025-05-10');
    await panel.getByTestId('plan-end').fill('2025-05-02');
    await panel.getByRole('button', { name: w.setDates }).click();
    await expect(panel.getByRole('alert')).toHaveText(w.endBeforeStart);
    await panel.getByTestId('plan-end').fill('2025-05-20');
    await typeNonexistentDate(page, panel.getByTestId('plan-start'));
    await panel.getByRole('button', { name: w.setDates }).click();
    await expect(panel.getByRole('alert')).toHaveText(w.notADate);
    await panel.getByTestId('plan-title').fill('x'.repeat(100_000));
    await panel.getByTestId('plan-title').press('Enter');
    await expect(panel.getByRole('alert')).toHaveText(w.tooLong);
    await expect(panel.getByTestId('plan-title')).toHaveValue(RELEASE);
    // A dependency on itself cannot even be chosen: the picker offers the other item only.
    const offered = await panel.getByTestId('plan-dependency-picker').locator('option').allTextContents();
    expect(offered).toContain(CAMPAIGN);
    expect(offered).not.toContain(RELEASE);

    // Reopened, the release is as it was saved.
    await panel.getByRole('button', { name: w.close, exact: true }).click();
    await expect(panel).toBeHidden();
    await cards.filter({ hasText: RELEASE }).click();
    await expect(panel.getByRole('heading', { name: RELEASE })).toBeVisible();
    await expect(panel.getByTestId('plan-start')).toHaveValue('2025-05-01');
    await expect(panel.getByTestId('plan-end')).toHaveValue('2025-05-20');
    await expect(panel.getByTestId('plan-dependency')).toHaveCount(0);
    await panel.getByRole('button', { name: w.close, exact: true }).click();
  }
  await page.reload();
  await expect(page.getByTestId('plan-card')).toHaveCount(2);
  await expect(page.getByTestId('plan-card').filter({ hasText: RELEASE })).toBeVisible();
});
