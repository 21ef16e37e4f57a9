// Bad input end to end: each gets a clear, translated message and nothing already saved
// changes — a non-number check-in, empty and huge titles, and a damaged log file on disk.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { removeDir, startHub, tempDataDir } from '../support/hub';
import { addKpi, checkIn, createGoal, expectSaved, firstRun, goalCard } from './support/goals-page';

test('a check-in of "abc", an empty title and a 100,000-character title are refused with a message', async ({ page }) => {
  const dataDir = tempDataDir();
  const hub = await startHub({ dataDir });
  try {
    await firstRun(page, hub.url);
    await createGoal(page, 'Grow revenue');
    await addKpi(page, { name: 'Revenue', unit: 'Currency', baseline: '100', target: '200' });
    await checkIn(page, 'Revenue', '150', '2025-02-01');
    await expectSaved(page);

    await checkIn(page, 'Revenue', 'abc', '2025-02-02');
    const kpi = page.getByTestId('goal-detail').getByRole('region', { name: 'Revenue' });
    await expect(kpi.getByRole('alert')).toHaveText('Enter a number, like 1200 or 3.5.');
    await expect(kpi.getByTestId('check-in')).toHaveCount(1);

    await page.getByTestId('goal-detail').getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('   ');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('This field is required.');
    await dialog.getByLabel('Title').fill('x'.repeat(100_000));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Keep this under 200 characters.');
    // The goal form is modal, so the sidebar behind it is hidden from the accessibility tree.
    await page.getByRole('navigation', { includeHidden: true }).getByLabel('Language').selectOption('zh-CN');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('请控制在 200 个字符以内。');
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(goalCard(page, 'Grow revenue')).toBeVisible();
    await page.reload();
    await expect(goalCard(page, 'Grow revenue').getByTestId('progress-text')).toHaveText('50%');
  } finally {
    await hub.stop();
    removeDir(dataDir);
  }
});

test('a damaged log file is reported in both languages and nothing already saved is lost', async ({ page, browser }) => {
  const dataDir = tempDataDir();
  let hub = await startHub({ dataDir });
  try {
    await firstRun(page, hub.url);
    await createGoal(page, 'Keep me');
    await expectSaved(page);
    const { port, token } = hub;
    await hub.stop();

    // A torn write: garbage after the last intact record of every log.
    const docsDir = join(dataDir, 'docs');
    for (const file of readdirSync(docsDir).filter((f) => !f.includes('.damaged'))) appendFileSync(join(docsDir, file), Buffer.from([0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]));

    hub = await startHub({ dataDir, port, token });
    await expect(page.getByRole('alert').first()).toContainText('was damaged');
    await expect(goalCard(page, 'Keep me')).toBeVisible();
    // The goal form is modal, so the sidebar behind it is hidden from the accessibility tree.
    await page.getByRole('navigation', { includeHidden: true }).getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('alert').first()).toContainText('已损坏');
    expect(hub.output()).toContain('damaged');

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(hub.url);
    await expect(goalCard(other, 'Keep me')).toBeVisible();
    await fresh.close();
  } finally {
    await hub.stop();
    removeDir(dataDir);
  }
});
