// Browser mode keeps its address: a tab whose hub stopped keeps its edits, says how many only
// it holds, and delivers them by itself when the hub restarts with the defaults (same origin,
// same token), on to a teammate. When the old port is taken at restart, the hub says so in one
// line, and the edits travel by file instead: saved in the old tab, imported in a tab of the
// new address; a damaged, foreign or unrelated file is refused in the reader's language. The
// Network view opens with the address teammates type.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { encodeBackup } from '../../electron/peer/backup';
import { initWorkspace } from '../../shared/model';
import { removeDir, startHub, tempDataDir, type RunningHub } from '../support/hub';
import { addKpi, checkIn, createGoal, expectSaved, firstRun, goalCard } from './support/goals-page';
import { expectSyncStatus, joinByInvite, readInviteCode, TwoLaptops } from './support/sync-page';
import { openSettings, settingsButton } from './support/settings-page';

const UP_TO_DATE = { connected: 'Connected to 1 teammate', progress: 'Up to date' };

/** The workspace's and every open goals board's content, as stable JSON: equal on two replicas that converged. */
function contentOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    type Doc = { getMap(name: string): { toJSON(): unknown } };
    const runtime = (window as unknown as { __tandem: { workspace: Doc; boards: { all(): { boardId: string; doc: Doc }[] } } }).__tandem;
    const sorted = (_key: string, value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value);
    // Named maps, not the doc's share list: a replica lists only the types it has read so far.
    const json = (doc: Doc, names: string[]) => JSON.stringify(Object.fromEntries(names.map((name) => [name, doc.getMap(name).toJSON()])), sorted);
    const boards = runtime.boards.all().map((b) => `${b.boardId}:${json(b.doc, ['meta', 'goals', 'kpis', 'checkIns'])}`);
    return JSON.stringify([json(runtime.workspace, ['meta', 'boards', 'members']), ...boards.sort()]);
  });
}

async function holdPort(port: number): Promise<Server> {
  // Connections are dropped at once, so the browser's retries never keep the port from closing.
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

test('a tab whose hub stopped reconnects by itself when the hub restarts with the defaults, and its edits reach a teammate', async ({ browser }) => {
  const laptops = await TwoLaptops.open(browser);
  const { hubA, pageA, pageB } = laptops;
  try {
    await firstRun(pageA, hubA.url, 'Mei', 'Growth squad');
    await createGoal(pageA, 'Launch the referral programme');
    const code = await readInviteCode(pageA);
    await joinByInvite(pageB, laptops.hubB.url, code, 'Li');
    await expect(goalCard(pageB, 'Launch the referral programme')).toBeVisible();
    await expectSyncStatus(pageA, UP_TO_DATE);
    await expectSyncStatus(pageB, UP_TO_DATE);
    // A has been caught up once, so what B does from here on is news to A.
    await expect.poll(() => pageA.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('tandem.caughtUp.')))).toBe(true);
    const addressBefore = laptops.hubB.url;

    expect(await laptops.stopB()).toBe(0);
    await expect(pageB.getByTestId('save-indicator')).toHaveText('Offline — saved in this browser');
    await expect(pageB.getByTestId('unsynced-banner')).toBeHidden();
    await createGoal(pageB, 'Written while the hub was stopped');
    await expect(pageB.getByTestId('unsynced-count')).toHaveText('1 edit is kept only in this browser.');
    await addKpi(pageB, { name: 'Referrals', baseline: '0', target: '100' });
    await expect(pageB.getByTestId('unsynced-count')).toHaveText('2 edits are kept only in this browser.');
    await expect(pageB.getByTestId('unsynced-banner').getByRole('button', { name: 'Save my unsynced edits to a file' })).toBeVisible();
    // A reload while the hub is away still knows what only this browser holds.
    await pageB.reload();
    await expect(pageB.getByTestId('unsynced-count')).toHaveText('2 edits are kept only in this browser.');

    await laptops.restartBWithDefaults();
    expect(laptops.hubB.url).toBe(addressBefore);
    // The same tab, nothing re-opened: it reconnects, the hub acknowledges, the count goes.
    await expectSaved(pageB);
    await expect(pageB.getByTestId('unsynced-banner')).toBeHidden();
    await expect(goalCard(pageA, 'Written while the hub was stopped')).toBeVisible({ timeout: 15_000 });
    await expectSyncStatus(pageA, UP_TO_DATE, 15_000);
    await expectSyncStatus(pageB, UP_TO_DATE, 15_000);
    await expect.poll(async () => (await contentOf(pageA)) === (await contentOf(pageB)), { timeout: 10_000 }).toBe(true);

    const away = pageA.getByTestId('away-summary');
    await expect(away).toBeVisible();
    await expect(away).toContainText('Li');
    await expect(away).toContainText('created the goal “Written while the hub was stopped”');

    // B's Network view starts with the address Mei would type, and says how Mei's laptop was found.
    const lanPort = (await laptops.hubB.waitForOutput(/Tandem LAN port: (\d+)/))[1];
    await pageB.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(laptops.hubB.url).origin });
    await openSettings(pageB);
    await expect(pageB.getByTestId('own-address')).toHaveText(`Teammates can add this laptop as 127.0.0.1:${lanPort}`);
    await pageB.getByRole('button', { name: `Copy the address 127.0.0.1:${lanPort}` }).click();
    await expect(pageB.locator('.own-address').getByRole('status')).toHaveText('Copied');
    expect(await pageB.evaluate(() => navigator.clipboard.readText())).toBe(`127.0.0.1:${lanPort}`);
    // B met A through the invite; after its restart it dialled the address it remembered.
    const mei = pageB.getByTestId('network-peer').filter({ hasText: 'Mei' });
    await expect(mei.getByRole('cell').nth(3)).toHaveText('Remembered');
  } finally {
    await laptops.close();
  }
});

test('when the old port is taken at restart, the hub says so and the edits travel by file; a damaged or foreign file changes nothing', async ({ browser }, testInfo) => {
  const dataDir = tempDataDir();
  const context = await browser.newContext();
  const oldTab = await context.newPage();
  const hubs: RunningHub[] = [];
  let squatter: Server | null = null;
  try {
    hubs.push(await startHub({ dataDir, addressFlags: [] }));
    const first = hubs[0] as RunningHub;
    await firstRun(oldTab, first.url);
    await createGoal(oldTab, 'Before the restart');
    await expectSaved(oldTab);
    expect(await first.stop()).toBe(0);

    await createGoal(oldTab, 'Typed while the port was taken');
    await addKpi(oldTab, { name: 'Monthly churn', unit: '%', direction: 'Decrease', baseline: '8', target: '5' });
    await checkIn(oldTab, 'Monthly churn', '6.5', '2025-02-15', 'typed offline');
    await expect(oldTab.getByTestId('unsynced-count')).toHaveText('3 edits are kept only in this browser.');

    squatter = await holdPort(first.port);
    hubs.push(await startHub({ dataDir, addressFlags: [] }));
    const moved = hubs[1] as RunningHub;
    expect(moved.port).not.toBe(first.port);
    const line = (await moved.waitForOutput(/^Tandem hub: port .*$/m))[0];
    expect(line).toContain(`port ${first.port} (remembered from the last start) is taken by another program; this hub is on port ${moved.port} instead`);
    expect(line).toContain('Save my unsynced edits to a file');

    // The old tab saves what only it holds; it still holds it afterwards.
    const downloading = oldTab.waitForEvent('download');
    await oldTab.getByRole('button', { name: 'Save my unsynced edits to a file' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^tandem-unsynced-Growth-squad-\d{4}-\d{2}-\d{2}\.tandem$/);
    const saved = testInfo.outputPath('unsynced.tandem');
    await download.saveAs(saved);
    await expect(oldTab.getByTestId('unsynced-count')).toHaveText('3 edits are kept only in this browser.');
    await expect(oldTab.getByTestId('unsynced-banner')).toContainText('Saved to tandem-unsynced-');

    const newTab = await context.newPage();
    await newTab.goto(moved.url);
    await expect(goalCard(newTab, 'Before the restart')).toBeVisible();
    await expect(goalCard(newTab, 'Typed while the port was taken')).toHaveCount(0);
    const before = await contentOf(newTab);

    // Refused files, each with its reason, and nothing changed.
    const bytes = new Uint8Array(await (await import('node:fs/promises')).readFile(saved));
    const damaged = bytes.slice();
    damaged[damaged.length - 50] = (damaged[damaged.length - 50] as number) ^ 0xff;
    const damagedPath = testInfo.outputPath('damaged.tandem');
    writeFileSync(damagedPath, damaged);
    const otherWorkspace = new Y.Doc();
    initWorkspace(otherWorkspace, { name: 'Another team', member: { id: 'm_other', name: 'Zhao', team: 'product' }, goalsBoard: { id: 'b_other', name: 'Goals' } }, 1);
    const foreignPath = testInfo.outputPath('foreign.tandem');
    writeFileSync(foreignPath, encodeBackup({ workspaceId: 'w_another', workspaceName: 'Another team', appVersion: '0', createdAt: 1, docs: [{ id: 'w_another', doc: otherWorkspace }] }));
    const textPath = join(testInfo.outputPath(), 'notes.txt');
    writeFileSync(textPath, 'just some notes\n');

    const refusals: [string, RegExp][] = [
      [damagedPath, /This file of unsynced edits is damaged or incomplete/],
      [foreignPath, /This file holds edits of another workspace, “Another team”, so it cannot be imported into this one\. Nothing was changed\./],
      [textPath, /This is not a file of unsynced edits/],
    ];
    await openSettings(newTab);
    await settingsButton(newTab, 'Import unsynced edits…').click();
    const dialog = newTab.getByRole('dialog', { name: 'Import unsynced edits' });
    for (const [path, message] of refusals) {
      await dialog.getByLabel('File').setInputFiles(path);
      await expect(dialog.getByRole('alert')).toHaveText(message);
    }
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(await contentOf(newTab)).toBe(before);

    // The same refusal in Chinese.
    await newTab.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
    await settingsButton(newTab, '导入未同步的编辑…').click();
    const zhDialog = newTab.getByRole('dialog', { name: '导入未同步的编辑' });
    await zhDialog.getByLabel('文件').setInputFiles(foreignPath);
    await expect(zhDialog.getByRole('alert')).toHaveText('此文件包含另一个工作区“Another team”的编辑，不能导入到当前工作区。未做任何更改。');
    await zhDialog.getByRole('button', { name: '取消' }).click();
    await newTab.getByRole('navigation').getByLabel('语言').selectOption('en');
    expect(await contentOf(newTab)).toBe(before);

    // The real file: every edit arrives, and the hub has it on disk.
    await openSettings(newTab);
    await settingsButton(newTab, 'Import unsynced edits…').click();
    await dialog.getByLabel('File').setInputFiles(saved);
    await expect(dialog.getByRole('status').filter({ hasText: 'merged' })).toHaveText('The edits from the file were merged into “Growth squad”.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await newTab.getByRole('navigation').getByRole('button', { name: /Goals/ }).click();
    await expect(goalCard(newTab, 'Typed while the port was taken')).toBeVisible();
    await goalCard(newTab, 'Typed while the port was taken').getByRole('button', { name: /Open/ }).click();
    await expect(newTab.getByTestId('goal-detail').getByText('typed offline')).toBeVisible();
    await expect(goalCard(newTab, 'Typed while the port was taken').getByTestId('progress-text')).toHaveText('50%');
    await expectSaved(newTab);

    // Once the port is free the hub goes back to it, the old tab reconnects, and nothing is doubled.
    await moved.stop();
    await new Promise<void>((resolve) => squatter?.close(() => resolve()));
    squatter = null;
    hubs.push(await startHub({ dataDir, addressFlags: [] }));
    expect((hubs[2] as RunningHub).url).toBe(first.url);
    await expectSaved(oldTab);
    await expect(oldTab.getByTestId('unsynced-banner')).toBeHidden();
    await expect(goalCard(oldTab, 'Typed while the port was taken')).toHaveCount(1);
  } finally {
    await context.close();
    for (const hub of hubs) await hub.stop();
    await new Promise<void>((resolve) => (squatter ? squatter.close(() => resolve()) : resolve()));
    removeDir(dataDir);
  }
});
