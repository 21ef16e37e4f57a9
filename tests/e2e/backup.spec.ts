// Backing up and restoring the whole workspace end to end, in Chromium against real hubs: a
// downloaded backup brings everything back on a wiped install, and a damaged backup or one from
// a newer Tandem is refused with a translated message that leaves everything as it was.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { createGoal as createGoalInDoc, initGoalsBoard, initWorkspace, SCHEMA_VERSION } from '../../shared/model';
import { encodeBackup } from '../../electron/peer/backup';
import { removeDir, startHub, tempDataDir } from '../support/hub';
import { addKpi, checkIn, createGoal, expectSaved, firstRun, goalCard } from './support/goals-page';
import { addItem, card, createFeedbackBoard } from './support/feedback-page';
import { openSettings, settingsButton } from './support/settings-page';

/** Every file in the data folder with a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return files;
}

/** A damaged backup and one from a newer Tandem, written as a person would receive them. */
function badBackups(outputPath: (name: string) => string): { damaged: string; newer: string } {
  const board = new Y.Doc();
  initGoalsBoard(board, SCHEMA_VERSION);
  createGoalInDoc(board, { title: 'From the bad backup', team: 'shared', period: { kind: 'quarter', start: '2025-01-01', end: '2025-03-31' }, createdBy: 'm_lin0000000000001' });
  const ws = new Y.Doc();
  initWorkspace(ws, { name: 'Elsewhere', member: { id: 'm_lin0000000000001', name: 'Lin', team: 'product' }, goalsBoard: { id: 'b_bad00000000000001', name: 'Goals' } });
  const backup = (docs: { id: string; doc: Y.Doc }[]) => encodeBackup({ workspaceId: 'w_bad00000000000001', workspaceName: 'Elsewhere', appVersion: '0.1.0', createdAt: Date.now(), docs });
  const damaged = backup([{ id: 'w_bad00000000000001', doc: ws }, { id: 'b_bad00000000000001', doc: board }]).slice();
  const middle = Math.floor(damaged.length / 2);
  damaged[middle] = (damaged[middle] as number) ^ 0x20;
  board.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
  const newer = backup([{ id: 'w_bad00000000000001', doc: ws }, { id: 'b_bad00000000000001', doc: board }]);
  const paths = { damaged: outputPath('tandem-backup-damaged.tandem'), newer: outputPath('tandem-backup-newer.tandem') };
  writeFileSync(paths.damaged, damaged);
  writeFileSync(paths.newer, newer);
  return paths;
}

async function chooseBackup(page: Page, opener: 'first-run' | 'settings', file: string) {
  const dialog = page.getByRole('dialog');
  if (!(await dialog.isVisible())) {
    if (opener === 'settings' && !(await page.getByTestId('settings-view').isVisible())) await openSettings(page);
    await page.getByRole('main').getByRole('button', { name: /Restore from a backup|从备份恢复/ }).click();
  }
  await dialog.getByLabel(/Backup file|备份文件/).setInputFiles(file);
  return dialog;
}

test('a workspace backed up, wiped and restored from the first-run screen comes back whole', async ({ page, browser }, testInfo) => {
  const dataDir = tempDataDir();
  let hub = await startHub({ dataDir });
  try {
    await firstRun(page, hub.url);
    await createGoal(page, 'Grow weekly active users');
    await addKpi(page, { name: 'Weekly active users', baseline: '1,000', target: '2,000' });
    await checkIn(page, 'Weekly active users', '1500', '2025-02-01', 'after the spring campaign');
    await createFeedbackBoard(page, 'User feedback');
    await addItem(page, 'Export reports to Excel', { channel: 'Support', customer: 'Acme' });
    await card(page, 'Export reports to Excel').getByTestId('vote-button').click();
    await expectSaved(page);

    await openSettings(page);
    await settingsButton(page, 'Back up…').click();
    const backUp = page.getByRole('dialog', { name: 'Back up this workspace' });
    const downloading = page.waitForEvent('download');
    await backUp.getByRole('button', { name: 'Download backup' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^tandem-backup-Growth-squad-\d{4}-\d{2}-\d{2}\.tandem$/);
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 14).toString('ascii')).toBe('TANDEM-BACKUP\n');
    await expect(backUp.getByRole('status')).toContainText(`Backup downloaded: ${download.suggestedFilename()}`);
    await backUp.getByRole('button', { name: 'Close' }).click();
    await expect(backUp).toBeHidden();

    // The laptop is wiped: the peer's data folder and the browser's storage both go.
    await page.close();
    await hub.stop();
    removeDir(dataDir);
    hub = await startHub({ dataDir });
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(hub.url);
    await expect(fresh.getByRole('heading', { name: 'Welcome to Tandem' })).toBeVisible();

    const restore = await chooseBackup(fresh, 'first-run', file);
    await expect(restore).toHaveAccessibleName('Restore from a backup');
    const contents = restore.getByTestId('backup-contents');
    await expect(contents).toContainText('Growth squad');
    await expect(contents.getByTestId('backup-boards')).toHaveText('2');
    await expect(restore.getByRole('radio', { name: 'Mei' })).toBeChecked();
    await restore.getByRole('button', { name: 'Restore', exact: true }).click();

    await expect(fresh.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();
    await expect(fresh.getByRole('status').filter({ hasText: 'Restored “Growth squad” from the backup.' })).toBeVisible();
    await expect(fresh.getByRole('navigation').getByText('Mei (you)')).toBeVisible();
    await expect(goalCard(fresh, 'Grow weekly active users').getByTestId('progress-text')).toHaveText('50%');
    await goalCard(fresh, 'Grow weekly active users').getByRole('button', { name: /Open/ }).click();
    const kpi = fresh.getByTestId('goal-detail').getByRole('region', { name: 'Weekly active users' });
    await expect(kpi.getByTestId('check-in')).toHaveCount(1);
    await expect(kpi.getByText('after the spring campaign')).toBeVisible();
    await fresh.getByRole('navigation').getByRole('button', { name: 'User feedback' }).click();
    await expect(card(fresh, 'Export reports to Excel').getByTestId('vote-count')).toHaveText('1');
    await expectSaved(fresh);

    // Restored on disk, not only in this page: a reload in yet another browser finds it too.
    await context.close();
    const other = await (await browser.newContext()).newPage();
    await other.goto(hub.url);
    await expect(goalCard(other, 'Grow weekly active users').getByTestId('progress-text')).toHaveText('50%');
  } finally {
    await hub.stop();
    removeDir(dataDir);
  }
});

test('a damaged backup and one from a newer Tandem are refused in both languages and change nothing', async ({ page }, testInfo) => {
  const files = badBackups((name) => testInfo.outputPath(name));
  const emptyDir = tempDataDir();
  const workspaceDir = tempDataDir();
  let hub = await startHub({ dataDir: emptyDir });
  try {
    // On the first-run screen of an empty install.
    await page.goto(hub.url);
    await expect(page.getByRole('heading', { name: 'Welcome to Tandem' })).toBeVisible();
    const before = snapshot(emptyDir);
    let dialog = await chooseBackup(page, 'first-run', files.damaged);
    await expect(dialog.getByRole('alert')).toHaveText(/^This backup file is damaged: its checksum does not match/);
    await chooseBackup(page, 'first-run', files.newer);
    await expect(dialog.getByRole('alert')).toHaveText(/^This backup was made by a newer version of Tandem\./);
    await expect(dialog.getByTestId('backup-contents')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByLabel('Language').selectOption('zh-CN');
    dialog = await chooseBackup(page, 'first-run', files.newer);
    await expect(dialog.getByRole('alert')).toHaveText(/^此备份由更新版本的 Tandem 创建。/);
    await chooseBackup(page, 'first-run', files.damaged);
    await expect(dialog.getByRole('alert')).toHaveText(/^此备份文件已损坏/);
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(page.getByRole('heading', { name: '欢迎使用 Tandem' })).toBeVisible();
    expect(snapshot(emptyDir)).toEqual(before);
    await page.getByLabel('语言').selectOption('en');
    await hub.stop();

    // From Settings of a workspace with a goal in it.
    hub = await startHub({ dataDir: workspaceDir });
    await firstRun(page, hub.url);
    await createGoal(page, 'Keep me');
    await expectSaved(page);
    const withWorkspace = snapshot(workspaceDir);
    dialog = await chooseBackup(page, 'settings', files.damaged);
    await expect(dialog.getByRole('alert')).toHaveText(/^This backup file is damaged/);
    await chooseBackup(page, 'settings', files.newer);
    await expect(dialog.getByRole('alert')).toHaveText(/^This backup was made by a newer version of Tandem\./);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('navigation').getByRole('button', { name: /Goals/ }).click();
    await expect(goalCard(page, 'Keep me')).toBeVisible();
    await expect(page.getByText('From the bad backup')).toHaveCount(0);
    expect(snapshot(workspaceDir)).toEqual(withWorkspace);
  } finally {
    await hub.stop();
    removeDir(emptyDir);
    removeDir(workspaceDir);
  }
});
