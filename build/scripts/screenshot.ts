// Makes the README's screenshot of the Goals board: a real hub with a throwaway data
// folder, driven in Chromium like a person would, so the picture always shows the current UI.
// Run with `npm run screenshot`; writes docs/goals-board.png.
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/chromium';
import { removeDir, startHub, tempDataDir } from '../../tests/support/hub';

async function goal(page: Page, title: string, team: string, kpis: { name: string; unit: string; direction?: string; baseline: string; target: string; checkIns: [string, string][] }[]) {
  await page.getByRole('button', { name: 'New goal' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Team').selectOption(team);
  await dialog.getByRole('button', { name: 'Create goal' }).click();
  const detail = page.getByTestId('goal-detail');
  for (const kpi of kpis) {
    await detail.getByRole('button', { name: 'Add KPI' }).click();
    const form = detail.getByRole('form', { name: 'Add KPI' });
    await form.getByLabel('KPI name').fill(kpi.name);
    await form.getByLabel('Unit').selectOption({ label: kpi.unit });
    if (kpi.direction) await form.getByLabel('Direction').selectOption({ label: kpi.direction });
    await form.getByLabel('Baseline').fill(kpi.baseline);
    await form.getByLabel('Target').fill(kpi.target);
    await form.getByRole('button', { name: 'Add KPI' }).click();
    const section = detail.getByRole('region', { name: kpi.name });
    for (const [date, value] of kpi.checkIns) {
      await section.getByLabel('Value').fill(value);
      await section.getByLabel('Date').fill(date);
      await section.getByRole('button', { name: 'Check in' }).click();
    }
  }
}

function daysAgo(n: number): string {
  const d = new Date(Date.now() - n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const dataDir = tempDataDir();
const hub = await startHub({ dataDir });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(hub.url);
  await page.getByLabel('Your name').fill('Mei Chen');
  await page.getByLabel('Workspace name').fill('Growth squad');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await goal(page, 'Grow weekly active users', 'shared', [
    { name: 'Weekly active users', unit: 'Number', baseline: '12000', target: '18000', checkIns: [[daysAgo(42), '12600'], [daysAgo(28), '13900'], [daysAgo(14), '15200'], [daysAgo(1), '16100']] },
    { name: 'Activation rate', unit: '%', baseline: '31', target: '40', checkIns: [[daysAgo(30), '33'], [daysAgo(2), '36']] },
  ]);
  await goal(page, 'Improve day-30 retention', 'product', [{ name: 'Day-30 retention', unit: '%', baseline: '22', target: '30', checkIns: [[daysAgo(40), '22.5'], [daysAgo(20), '23'], [daysAgo(3), '23.4']] }]);
  await goal(page, 'Cut support first-response time', 'operations', [{ name: 'First response (hours)', unit: 'Number', direction: 'Decrease', baseline: '9', target: '4', checkIns: [[daysAgo(35), '8'], [daysAgo(15), '6'], [daysAgo(2), '5']] }]);
  await page.getByTestId('goal-card').filter({ hasText: 'Grow weekly active users' }).getByRole('button', { name: /Open/ }).click();
  await page.getByTestId('save-indicator').getByText('Saved on this laptop').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/goals-board.png' });
  console.log('wrote docs/goals-board.png');
} finally {
  await browser.close();
  await hub.stop();
  removeDir(dataDir);
}
