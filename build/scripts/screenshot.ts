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
  await dialog.getByText('More options').click();
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

  await page.getByRole('navigation').getByRole('button', { name: 'New board' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create board' }).click();
  const items: [string, string, string, string][] = [
    ['Export reports to Excel', 'Support', 'Acme Retail', 'reports, export'],
    ['Dark mode for the dashboard', 'Survey', 'Power users', 'ui'],
    ['Faster login on mobile', 'App review', 'iOS users', 'mobile, onboarding'],
    ['Bulk-edit customer tags', 'Sales', 'Globex', 'crm'],
    ['Weekly digest email', 'Interview', 'Team leads', 'engagement'],
  ];
  for (const [title, channel, customer, tags] of items) {
    await page.getByRole('button', { name: 'New feedback' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByLabel('Channel').selectOption({ label: channel });
    await dialog.getByLabel('Customer or segment').fill(customer);
    await dialog.getByLabel('Tags').fill(tags);
    await dialog.getByRole('button', { name: 'Add feedback' }).click();
  }
  const card = (title: string) => page.getByTestId('item-card').filter({ hasText: title });
  await page.getByTestId('item-detail').getByRole('button', { name: 'Close' }).click();
  await card('Export reports to Excel').getByTestId('vote-button').click();
  await card('Faster login on mobile').getByTestId('vote-button').click();
  await card('Dark mode for the dashboard').getByRole('button', { name: /Open/ }).focus();
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Alt+ArrowRight');
  await card('Faster login on mobile').getByRole('button', { name: /Open/ }).focus();
  await page.keyboard.press('Alt+ArrowRight');
  await card('Export reports to Excel').getByRole('button', { name: /Open/ }).click();
  const detail = page.getByTestId('item-detail');
  await detail.getByRole('textbox', { name: 'Vote on behalf of a customer' }).fill('Initech');
  await detail.getByRole('button', { name: 'Add vote' }).click();
  await detail.getByLabel('Link to goal').selectOption({ label: 'Grow weekly active users' });
  await detail.getByRole('form', { name: 'Comment' }).getByRole('textbox').fill('Three enterprise accounts asked this month. @Mei Chen can we plan it for Q1?');
  await detail.getByRole('form', { name: 'Comment' }).getByRole('button', { name: 'Comment' }).click();
  await page.getByTestId('save-indicator').getByText('Saved on this laptop').waitFor();
  await page.evaluate(() => document.querySelectorAll('#main, [data-testid=item-detail]').forEach((el) => (el.scrollTop = 0)));
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/feedback-board.png' });
  console.log('wrote docs/feedback-board.png');
} finally {
  await browser.close();
  await hub.stop();
  removeDir(dataDir);
}
