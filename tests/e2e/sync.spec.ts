// LAN sync end to end with two hubs and two browsers on loopback: A creates the workspace and
// reads its invite, B joins from the first-run screen, an edit in A reaches B within 2 s, the
// status reads right on both sides, the Network view lists the teammate, and when hub B stops
// and comes back A reads Offline, keeps editing, and both converge to Up to date.
import { expect, test } from '@playwright/test';
import { removeDir, startHub, tempDataDir, type RunningHub } from '../support/hub';
import { createGoal, expectSaved, firstRun, goalCard } from './support/goals-page';
import { expectSyncStatus, joinByInvite, readInviteCode } from './support/sync-page';

const LAN_ARGS = ['--lan-host', '127.0.0.1', '--lan-port', '0', '--no-discovery'];
const UP_TO_DATE = { connected: 'Connected to 1 teammate', progress: 'Up to date' };

test('two hubs: invite, join, live edits, the sync status, and a hub that stops and comes back', async ({ browser }) => {
  const [dirA, dirB] = [tempDataDir(), tempDataDir()];
  const hubs: RunningHub[] = [];
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  try {
    const hubA = await startHub({ dataDir: dirA, lanArgs: LAN_ARGS });
    let hubB = await startHub({ dataDir: dirB, lanArgs: LAN_ARGS });
    hubs.push(hubA, hubB);
    const [pageA, pageB] = [await contextA.newPage(), await contextB.newPage()];

    await firstRun(pageA, hubA.url, 'Mei', 'Growth squad');
    await createGoal(pageA, 'Launch the referral programme');
    await expectSyncStatus(pageA, 'Offline');
    const code = await readInviteCode(pageA);

    await joinByInvite(pageB, hubB.url, code, 'Li');
    await expect(goalCard(pageB, 'Launch the referral programme')).toBeVisible();
    await expect(pageB.getByRole('navigation').getByText('Li (you)')).toBeVisible();
    await expect(pageA.getByRole('navigation').getByText('Li', { exact: true })).toBeVisible();

    await createGoal(pageA, 'Cut churn by a third');
    await expect(goalCard(pageB, 'Cut churn by a third')).toBeVisible({ timeout: 2_000 });
    await expectSyncStatus(pageA, UP_TO_DATE);
    await expectSyncStatus(pageB, UP_TO_DATE);

    await pageA.getByRole('navigation').getByRole('button', { name: 'Network' }).click();
    const row = pageA.getByTestId('network-peer').filter({ hasText: 'Li' });
    await expect(row).toHaveAttribute('data-connected', 'true');
    await expect(row).toContainText('Connected');
    await expect(pageA.getByTestId('diagnostics-port')).toContainText('Listening on 127.0.0.1:');
    await pageA.getByRole('navigation').getByRole('button', { name: /Goals/ }).click();

    const { port, token } = hubB;
    expect(await hubB.stop()).toBe(0);
    await expectSyncStatus(pageA, 'Offline');
    await createGoal(pageA, 'Written while B was away');
    await expectSaved(pageA);
    await expectSyncStatus(pageA, 'Offline');

    hubB = await startHub({ dataDir: dirB, port, token, lanArgs: LAN_ARGS });
    hubs.push(hubB);
    await expect(goalCard(pageB, 'Written while B was away')).toBeVisible({ timeout: 15_000 });
    await expectSyncStatus(pageA, UP_TO_DATE, 15_000);
    await expectSyncStatus(pageB, UP_TO_DATE, 15_000);
  } finally {
    await contextA.close();
    await contextB.close();
    for (const hub of hubs) await hub.stop();
    removeDir(dirA);
    removeDir(dirB);
  }
});
