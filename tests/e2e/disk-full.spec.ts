// A full disk end to end: the hub's data folder is on a small tmpfs that the test fills. An
// edit made then is not called saved: the status says the disk is full (in English and in
// 简体中文) and the edit stays on screen; once space frees it is saved by itself, and a fresh
// browser profile finds it after the hub restarts. Skipped, saying why, where mount is refused.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHub, type RunningHub } from '../support/hub';
import { fillDisk, mountSmallTmpfs } from '../support/small-tmpfs';
import { createGoal, expectSaved, firstRun, goalCard } from './support/goals-page';

test('a full disk shows "Disk full — changes kept in this window" in both languages, and the edit is saved by itself once space frees', async ({ page, browser }) => {
  const tmpfs = mountSmallTmpfs();
  test.skip(!tmpfs.ok, `a tmpfs cannot be mounted here: ${tmpfs.ok ? '' : tmpfs.reason}`);
  if (!tmpfs.ok) return;
  const dataDir = join(tmpfs.dir, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  let hub: RunningHub | null = await startHub({ dataDir });
  try {
    await firstRun(page, hub.url);
    await createGoal(page, 'Saved before the disk filled');
    await expectSaved(page);

    const filler = fillDisk(tmpfs.dir);
    // A long description, so the record needs new pages (a small one could fit in a log's last page).
    await page.getByRole('button', { name: 'New goal' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Written on a full disk');
    await dialog.getByText('More options').click();
    await dialog.getByLabel('Description').fill('Long notes. '.repeat(1_500));
    await dialog.getByLabel('Year').selectOption('2025');
    await dialog.getByLabel('Quarter').selectOption('1');
    await dialog.getByRole('button', { name: 'Create goal' }).click();
    await expect(goalCard(page, 'Written on a full disk')).toBeVisible();
    const status = page.getByTestId('save-indicator');
    await expect(status).toHaveText('Disk full — changes kept in this window');
    await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
    await expect(status).toHaveText('磁盘已满 — 修改保留在此窗口中');

    rmSync(filler);
    await expect(status).toHaveText('已保存在本机');

    const { port, token } = hub;
    await hub.stop();
    hub = await startHub({ dataDir, port, token });
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(hub.url);
    await expect(goalCard(other, 'Written on a full disk')).toBeVisible();
    await fresh.close();
  } finally {
    await hub?.stop();
    tmpfs.unmount();
  }
});
