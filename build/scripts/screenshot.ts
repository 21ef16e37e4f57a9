// Makes the README's screenshots: two real hubs with throwaway data folders, driven in Chromium
// like two teammates would, so the pictures always show the current UI. Run with
// `npm run screenshot`; writes docs/goals-board.png, feedback-board.png, command-palette.png,
// plan-board.png, meeting.png, workshop.png, settings.png and goals-board-zh.png (the last needs
// a CJK font: Debian's fonts-noto-cjk).
import { execFileSync } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/chromium';
import { joinByInvite, readInviteCode } from '../../tests/e2e/support/sync-page';
import { HERMETIC_LAN_ARGS, removeDir, startHub, tempDataDir } from '../../tests/support/hub';

function hasCjkFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

if (!hasCjkFont()) {
  console.error('npm run screenshot: no Chinese font is installed, so the 简体中文 screenshot would show boxes. Install one first: apt-get install fonts-noto-cjk');
  process.exit(1);
}

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

function dayFromToday(n: number): string {
  return daysAgo(-n);
}

async function shot(page: Page, file: string): Promise<void> {
  await page.locator('[data-testid=save-indicator][data-state=saved]').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `docs/${file}` });
  console.log(`wrote docs/${file}`);
}

async function planItem(page: Page, item: { title: string; kind: string; team: string; start: string; end: string; goal?: [string, string]; waitsOn?: string }): Promise<void> {
  await page.getByTestId('new-plan-item-button').first().click();
  const dialog = page.getByRole('dialog', { name: 'New plan item' });
  await dialog.getByLabel('Title').fill(item.title);
  await dialog.getByLabel('Kind').selectOption({ label: item.kind });
  await dialog.getByLabel('Team').selectOption({ label: item.team });
  await dialog.getByLabel('Start').fill(item.start);
  await dialog.getByLabel('End').fill(item.end);
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  const panel = page.getByTestId('plan-panel');
  await panel.getByRole('heading', { name: item.title }).waitFor();
  if (item.goal) {
    await panel.getByTestId('plan-goal-picker').selectOption({ label: item.goal[0] });
    await panel.getByLabel('Expected effect').fill(item.goal[1]);
    await panel.getByRole('button', { name: 'Link goal' }).click();
  }
  if (item.waitsOn) {
    await panel.getByTestId('plan-dependency-picker').selectOption({ label: item.waitsOn });
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
  }
  await panel.getByRole('button', { name: 'Close' }).click();
}

/** A weekly KPI review: its drafted agenda taken in, a decision on a goal and an action item. */
async function kpiReview(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: '+ New meetings board' }).click();
  await page.getByRole('dialog', { name: 'New meetings board' }).getByRole('button', { name: 'Create board' }).click();
  await page.getByTestId('meetings-board').locator('.empty-state').getByRole('button', { name: '+ New meeting' }).click();
  const dialog = page.getByRole('dialog', { name: 'New meeting' });
  await dialog.getByLabel('Title').fill('Weekly KPI review');
  await dialog.getByLabel('Type').selectOption({ label: 'KPI review' });
  await dialog.getByLabel('Date').fill(dayFromToday(0));
  await dialog.getByLabel('Repeats').selectOption({ label: 'Weekly' });
  await dialog.getByRole('button', { name: 'New meeting' }).click();
  const meeting = page.getByTestId('meeting-page');
  await meeting.getByTestId('draft-agenda').click();
  await meeting.getByRole('button', { name: 'Add to agenda' }).click();
  const decision = meeting.getByRole('form', { name: 'Record decision' });
  await decision.getByLabel('Decision').fill('Ship Excel export before the win-back campaign');
  await decision.getByLabel('Link to a goal or feedback').selectOption({ label: 'Grow weekly active users' });
  await decision.getByRole('button', { name: 'Record decision' }).click();
  const action = meeting.getByRole('form', { name: 'Add action item' });
  await action.getByLabel('Action item').fill('Draft the win-back email');
  await action.getByLabel('Due').fill(dayFromToday(4));
  await action.getByRole('button', { name: 'Add action item' }).click();
  await meeting.getByTestId('action-item').waitFor();
  await page.evaluate(() => document.querySelectorAll('#main, [data-testid=meeting-page]').forEach((el) => (el.scrollTop = 0)));
}

/** A workshop of sticky notes in two clusters after a dot vote, results revealed. */
async function workshop(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'New workshop' }).click();
  const dialog = page.getByRole('dialog', { name: 'New workshop' });
  await dialog.getByLabel('Workshop name').fill('Onboarding retro');
  await dialog.getByRole('button', { name: 'Create workshop' }).click();
  const notes = ['Welcome email is confusing', 'Signup form asks too much', 'Tour is too long', 'Pricing page is unclear', 'Trial ends without warning', 'Loved the template gallery'];
  for (const text of notes) {
    await page.getByRole('button', { name: '+ Note', exact: true }).click();
    const input = page.getByRole('textbox', { name: 'Note text' });
    await input.fill(text);
    await input.press('Enter');
  }
  const note = (text: string) => page.locator('.sticky-note').filter({ hasText: text });
  const cluster = async (title: string, members: string[]) => {
    await note(members[0] as string).click();
    for (const text of members.slice(1)) await note(text).click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: `Group ${members.length} notes` }).click();
    const group = page.getByRole('dialog', { name: `Group ${members.length} notes into a cluster` });
    await group.getByLabel('Cluster title').fill(title);
    await group.getByRole('button', { name: 'Save' }).click();
  };
  await cluster('First-run friction', ['Welcome email is confusing', 'Signup form asks too much', 'Tour is too long']);
  await cluster('Pricing and trial', ['Pricing page is unclear', 'Trial ends without warning']);
  const panel = page.getByRole('group', { name: 'Facilitation' });
  await panel.getByLabel('Votes each').fill('3');
  await panel.getByRole('button', { name: 'Start dot voting' }).click();
  for (const text of ['Tour is too long', 'Tour is too long', 'Trial ends without warning']) {
    await note(text).focus();
    await page.keyboard.press('v');
  }
  await panel.getByRole('button', { name: 'Reveal results' }).click();
  await page.getByText('Results: 3 votes counted').waitFor();
}

/** A plan of two releases and two campaigns, one waiting on a release, on its timeline. */
async function planBoard(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: '+ New plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'New plan' });
  await dialog.getByLabel('Plan name').fill('Q1 plan');
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await planItem(page, { title: 'Release 3.2: Excel export', kind: 'Release', team: 'Product team', start: dayFromToday(-12), end: dayFromToday(10), goal: ['Grow weekly active users', '+800 weekly active users'] });
  await planItem(page, { title: 'Faster mobile login', kind: 'Release', team: 'Product team', start: dayFromToday(14), end: dayFromToday(40), goal: ['Improve day-30 retention', '+2 pts day-30 retention'] });
  await planItem(page, { title: 'Enterprise win-back campaign', kind: 'Campaign', team: 'Operations team', start: dayFromToday(12), end: dayFromToday(45), waitsOn: 'Release 3.2: Excel export' });
  await planItem(page, { title: 'Support macros refresh', kind: 'Campaign', team: 'Operations team', start: dayFromToday(-20), end: dayFromToday(5), goal: ['Cut support first-response time', '−1 h first response'] });
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByTestId('plan-arrow').first().waitFor();
}

const dirs = [tempDataDir(), tempDataDir()] as const;
const hubs = [await startHub({ dataDir: dirs[0], lanArgs: HERMETIC_LAN_ARGS }), await startHub({ dataDir: dirs[1], lanArgs: HERMETIC_LAN_ARGS })] as const;
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const options = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 };
  const page = await (await browser.newContext(options)).newPage();
  await page.goto(hubs[0].url);
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
  await shot(page, 'goals-board.png');

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

  await page.getByTestId('item-detail').getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Control+k');
  await page.getByRole('dialog').getByRole('combobox').fill('week');
  await page.getByRole('option').first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/command-palette.png' });
  console.log('wrote docs/command-palette.png');
  await page.keyboard.press('Escape');

  await planBoard(page);
  await shot(page, 'plan-board.png');

  await kpiReview(page);
  await shot(page, 'meeting.png');

  await workshop(page);
  await shot(page, 'workshop.png');

  // Li joins from her laptop; Mei's Settings then shows her connected.
  const code = await readInviteCode(page);
  const teammate = await (await browser.newContext(options)).newPage();
  await joinByInvite(teammate, hubs[1].url, code, 'Li Na');
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByTestId('settings-view').getByText('Li Na').first().waitFor({ timeout: 30_000 });
  await shot(page, 'settings.png');

  await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: /目标/ }).first().click();
  await page.getByTestId('goal-card').filter({ hasText: 'Grow weekly active users' }).locator('.goal-open').click();
  await page.getByTestId('goal-detail').waitFor();
  await shot(page, 'goals-board-zh.png');
} finally {
  await browser.close();
  for (const hub of hubs) await hub.stop();
  dirs.forEach(removeDir);
}
