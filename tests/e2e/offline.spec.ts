// Offline and recovery end to end: the hub stops while a person keeps editing, comes back
// and receives the edits; a fresh browser profile is refilled from the peer's store.
import { expect, test } from '@playwright/test';
import { removeDir, startHub, tempDataDir } from '../support/hub';
import { addKpi, checkIn, createGoal, expectSaved, firstRun, goalCard } from './support/goals-page';

test('edits made while the hub is down are kept in the browser and reach the peer store when it is back', async ({ page, browser }) => {
  const dataDir = tempDataDir();
  let hub = await startHub({ dataDir });
  try {
    await firstRun(page, hub.url);
    await createGoal(page, 'Cut churn');
    await addKpi(page, { name: 'Monthly churn', unit: '%', direction: 'Decrease', baseline: '8', target: '5' });
    await expectSaved(page);

    const { port, token } = hub;
    expect(await hub.stop()).toBe(0);
    await expect(page.getByTestId('save-indicator')).toHaveText('Offline — saved in this browser');
    await checkIn(page, 'Monthly churn', '6.5', '2025-02-15', 'typed offline');
    await createGoal(page, 'Written while offline');
    await expect(page.getByTestId('save-indicator')).toHaveText('Offline — saved in this browser');


    hub = await startHub({ dataDir, port, token });
    await expectSaved(page);

    // A fresh browser profile knows nothing; the peer refills it, offline edits included.
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(hub.url);
    await expect(goalCard(other, 'Written while offline')).toBeVisible();
    await goalCard(other, 'Cut churn').getByRole('button', { name: /Open/ }).click();
    await expect(other.getByTestId('goal-detail').getByText('typed offline')).toBeVisible();
    await expect(goalCard(other, 'Cut churn').getByTestId('progress-text')).toHaveText('50%');
    await fresh.close();
  } finally {
    await hub.stop();
    removeDir(dataDir);
  }
});

test('a fresh browser profile against the same hub data finds everything after the hub restarts', async ({ page, browser }) => {
  const dataDir = tempDataDir();
  let hub = await startHub({ dataDir });
  try {
    await firstRun(page, hub.url, 'Lin', '运营与产品');
    await createGoal(page, '提升留存率');
    await addKpi(page, { name: 'Retention', unit: '%', baseline: '30', target: '40' });
    await checkIn(page, 'Retention', '35', '2025-03-01');
    await expectSaved(page);
    await hub.stop();

    hub = await startHub({ dataDir });
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(hub.url);
    await expect(other.getByRole('navigation').getByText('运营与产品')).toBeVisible();
    await expect(other.getByRole('navigation').getByText('Lin (you)')).toBeVisible();
    await expect(goalCard(other, '提升留存率').getByTestId('progress-text')).toHaveText('50%');
    await fresh.close();
  } finally {
    await hub.stop();
    removeDir(dataDir);
  }
});

test('the hub refuses a link with a wrong token, and the page says it is offline', async ({ page }) => {
  const dataDir = tempDataDir();
  const hub = await startHub({ dataDir });
  try {
    await page.goto(hub.url.replace(/token=.*/, 'token=wrong-token-000000000'));
    await expect(page.getByRole('alert')).toContainText('Tandem cannot reach its local peer');
    await expect(page.getByRole('alert')).toContainText('started with --new-token or another --port');
    await expect(page.getByRole('heading', { name: 'Welcome to Tandem' })).toBeHidden();
    expect(hub.output()).toContain('refused a local link with a wrong token');
  } finally {
    await hub.stop();
    removeDir(dataDir);
  }
});

test('offline, a write this browser cannot store says so, is retried, and nothing typed is lost', async ({ page, browser }) => {
  const dataDir = tempDataDir();
  let hub = await startHub({ dataDir });
  try {
    await firstRun(page, hub.url);
    await createGoal(page, 'Before the disk filled up');
    await expectSaved(page);
    const { port, token } = hub;
    expect(await hub.stop()).toBe(0);
    await expect(page.getByTestId('save-indicator')).toHaveText('Offline — saved in this browser');

    // The browser's storage refuses writes, as it does when the disk is full.
    await page.evaluate(() => {
      const original = IDBObjectStore.prototype.add;
      (window as unknown as { __restoreAdd: () => void }).__restoreAdd = () => void (IDBObjectStore.prototype.add = original);
      IDBObjectStore.prototype.add = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await createGoal(page, 'Typed while the disk was full');
    await expect(page.getByTestId('save-indicator')).toHaveText(/Offline — not saved: this browser could not store your edits/);

    // Space again: the retry stores it, and the hub gets it when it is back.
    await page.evaluate(() => (window as unknown as { __restoreAdd: () => void }).__restoreAdd());
    await expect(page.getByTestId('save-indicator')).toHaveText('Offline — saved in this browser', { timeout: 10_000 });
    hub = await startHub({ dataDir, port, token });
    await expectSaved(page);
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(hub.url);
    await expect(goalCard(other, 'Typed while the disk was full')).toBeVisible();
    await fresh.close();
  } finally {
    await hub.stop();
    removeDir(dataDir);
  }
});
