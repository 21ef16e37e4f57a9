// The shared plan end to end with two hubs and two browsers: Mei (product) plans a release tied
// to her goal and two feedback items, by keyboard; Li (operations) owns a campaign that waits on
// it. Mei moves the release a week later with Alt+→ on the timeline and Li sees the campaign
// flagged in "My work"; Mei launches the release and Li sees the launch on the goal's chart with
// the KPI before and after as the check-ins say; the addressed feedback goes to Done and undo
// brings it back. Bad input is refused with a clear message (more in plans-bad-input.spec.ts); the
// plan passes axe in both languages; a slip travels down a chain of dependencies into My work.
import type { Page } from '@playwright/test';
import { expect, test } from './support/hub-fixture';
import { expectNoAxeViolationsInBothThemes } from './support/axe';
import { createFeedbackBoard, addItem } from './support/feedback-page';
import { addKpi, checkIn, createGoal, firstRun, goalCard } from './support/goals-page';
import { joinByInvite, readInviteCode, TwoLaptops } from './support/sync-page';

const GOAL = 'Grow 30-day retention';
const RELEASE = 'Release 3.0';
const CAMPAIGN = 'Win-back campaign';

const pad = (n: number) => String(n).padStart(2, '0');
function localDay(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function openBoard(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name, exact: false }).first().click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** A plan item made by keyboard alone: the button, the fields by Tab, Enter to create. */
async function newItemByKeyboard(page: Page, item: { title: string; kind: string; team: string; owner?: string; start: string; end: string }): Promise<void> {
  await page.getByTestId('new-plan-item-button').first().focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New plan item' });
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await page.keyboard.type(item.title);
  await dialog.getByLabel('Kind').selectOption({ label: item.kind });
  await dialog.getByLabel('Team').selectOption({ label: item.team });
  if (item.owner) await dialog.getByLabel('Owner').selectOption({ label: item.owner });
  await dialog.getByLabel('Start').fill(item.start);
  await dialog.getByLabel('End').fill(item.end);
  await dialog.getByLabel('End').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('plan-panel').getByRole('heading', { name: item.title })).toBeVisible();
}

/** A new plan board named as the dialog suggests, made from the sidebar. */
async function newPlan(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: '+ New plan' }).click();
  await page.getByRole('dialog', { name: 'New plan' }).getByRole('button', { name: 'Create plan' }).click();
}

test('a release and the campaign waiting on it: moved, flagged on the other laptop, launched, its KPI before and after, feedback done and undone', async ({ browser }) => {
  const laptops = await TwoLaptops.open(browser);
  const { pageA, pageB } = laptops;
  try {
    await firstRun(pageA, laptops.hubA.url, 'Mei', 'Growth squad');
    await createGoal(pageA, GOAL);
    await addKpi(pageA, { name: 'Retention', baseline: '30', target: '40' });
    await checkIn(pageA, 'Retention', '30', localDay(-10));
    await checkIn(pageA, 'Retention', '32', localDay(-2));
    await checkIn(pageA, 'Retention', '35', localDay(3));
    await createFeedbackBoard(pageA, 'User feedback', 'Feedback');
    await addItem(pageA, 'Onboarding is confusing');
    await addItem(pageA, 'Cannot find the export');
    const code = await readInviteCode(pageA);
    await joinByInvite(pageB, laptops.hubB.url, code, 'Li');
    await expect(pageB.getByRole('navigation').getByRole('button', { name: /Feedback/ })).toBeVisible({ timeout: 15_000 });

    await pageA.getByRole('navigation').getByRole('button', { name: '+ New plan' }).click();
    const boardDialog = pageA.getByRole('dialog', { name: 'New plan' });
    await boardDialog.getByLabel('Plan name').fill('Q3 plan');
    await boardDialog.getByRole('button', { name: 'Create plan' }).click();
    await expect(boardDialog).toBeHidden();
    await expect(pageA.getByTestId('plans-board').getByText('Nothing planned yet.', { exact: false })).toBeVisible();

    // Bad input: a clear message, nothing saved.
    await pageA.getByTestId('new-plan-item-button').first().click();
    const bad = pageA.getByRole('dialog', { name: 'New plan item' });
    await bad.getByLabel('Title').fill('Backwards');
    await bad.getByLabel('Start').fill('2025-05-10');
    await bad.getByLabel('End').fill('2025-05-01');
    await bad.getByRole('button', { name: 'Create plan' }).click();
    await expect(bad.getByRole('alert')).toHaveText('The end is before the start. Choose an end on or after the start.');
    await bad.getByLabel('Title').fill('x'.repeat(100_000));
    await bad.getByLabel('End').fill('2025-05-20');
    await bad.getByRole('button', { name: 'Create plan' }).click();
    await expect(bad.getByRole('alert')).toContainText('200');
    await bad.getByRole('button', { name: 'Cancel' }).click();
    await expect(pageA.getByTestId('plan-card')).toHaveCount(0);

    const start = localDay(-20);
    await newItemByKeyboard(pageA, { title: RELEASE, kind: 'Release', team: 'Product team', start, end: localDay(-1) });
    const panel = pageA.getByTestId('plan-panel');
    await panel.getByTestId('plan-goal-picker').selectOption({ label: GOAL });
    await panel.getByLabel('Expected effect').fill('+3 pts 30-day retention');
    await panel.getByRole('button', { name: 'Link goal' }).click();
    await expect(panel.getByTestId('plan-goal')).toContainText('+3 pts 30-day retention');
    for (const title of ['Onboarding is confusing', 'Cannot find the export']) {
      await panel.getByTestId('plan-feedback-picker').selectOption({ label: title });
      await panel.getByRole('button', { name: 'Link feedback' }).click();
    }
    await expect(panel.getByTestId('plan-feedback')).toHaveCount(2);

    await newItemByKeyboard(pageA, { title: CAMPAIGN, kind: 'Campaign', team: 'Operations team', owner: 'Li', start: localDay(1), end: localDay(30) });
    await panel.getByTestId('plan-dependency-picker').selectOption({ label: RELEASE });
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(panel.getByTestId('plan-dependency')).toContainText(RELEASE);
    await panel.getByRole('button', { name: 'Close' }).click();

    // The release moves a week later by keyboard on the timeline (month zoom: a week a press).
    await pageA.getByRole('tab', { name: 'Timeline' }).click();
    const bar = pageA.getByTestId('plan-bar').filter({ hasText: RELEASE });
    await bar.focus();
    await pageA.keyboard.press('Alt+ArrowRight');
    await expect(pageA.getByTestId('plan-bar').filter({ hasText: CAMPAIGN })).toContainText('⚠');
    // Said in words too: the bar's label (what a screen reader reads instead of its text) names the flag.
    await expect(pageA.getByTestId('plan-bar').filter({ hasText: CAMPAIGN })).toHaveAttribute('aria-label', /, flagged$/);
    await expect(bar).not.toHaveAttribute('aria-label', /flagged/);
    // The calendar marks it too (this month, or the next: it runs for a month from tomorrow).
    await pageA.getByRole('tab', { name: 'Calendar' }).click();
    const calendar = pageA.getByTestId('plan-calendar');
    if ((await calendar.getByRole('button', { name: CAMPAIGN }).count()) === 0) await calendar.getByRole('button', { name: 'Next month' }).click();
    await expect(calendar.getByRole('button', { name: `${CAMPAIGN}, flagged`, exact: true }).first()).toContainText(`⚠ ${CAMPAIGN}`);
    await expect(calendar.getByTestId('plan-calendar-entry').filter({ hasText: '⚠' }).filter({ hasNotText: CAMPAIGN })).toHaveCount(0);
    await pageA.getByRole('tab', { name: 'Timeline' }).click();
    await expect(pageA.getByTestId('plan-arrow')).toHaveCount(1);
    await expect(pageA.getByTestId('plan-today')).toBeVisible();
    // Only bars near the visible area are drawn; the focused one stays drawn, and focused, when scrolled far away.
    await pageA.getByTestId('zoom-week').click();
    await bar.focus();
    const scroller = pageA.getByTestId('plan-timeline-scroller');
    await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(1_000);
    await expect(bar).toBeFocused();
    await pageA.getByTestId('zoom-month').click();

    // Li sees the campaign flagged in My work, on the other laptop.
    await openBoard(pageB, 'Q3 plan');
    await pageB.getByRole('tab', { name: 'My work' }).click();
    await expect(pageB.getByTestId('my-flagged-item')).toContainText(CAMPAIGN, { timeout: 30_000 });
    await expect(pageB.getByTestId('my-flagged-item')).toContainText(`“${RELEASE}” moved 1 week later`);

    // Mei launches the release: the launch is marked on the goal's chart on Li's laptop.
    await pageA.getByRole('tab', { name: 'Now / Next / Later' }).click();
    await pageA.getByTestId('plan-card').filter({ hasText: RELEASE }).click();
    await panel.getByTestId('plan-status').selectOption({ label: 'Launched' });
    await expect(panel.getByTestId('plan-launched')).toContainText(localDay(0));
    await openBoard(pageB, 'Goals');
    await goalCard(pageB, GOAL).getByRole('button', { name: /Open/ }).click();
    const detail = pageB.getByTestId('goal-detail');
    await expect(detail.getByTestId('chart-marker')).toContainText(`Launch: ${RELEASE}`, { timeout: 15_000 });
    await expect(detail.getByTestId('launch-impact')).toHaveText('Retention: 32 → 35 (+3) over 30 days before and after; 3 check-ins');

    // The addressed feedback goes to Done in one step, "Shipped in" the release; undo brings it back.
    await panel.getByTestId('mark-feedback-done').click();
    await expect(panel.getByTestId('feedback-marked')).toContainText('2 feedback items moved to Done');
    await expect(panel.getByTestId('plan-feedback').filter({ hasText: '✓' })).toHaveCount(2);
    await panel.getByTestId('undo-feedback-done').click();
    await expect(panel.getByTestId('plan-feedback').filter({ hasText: '✓' })).toHaveCount(0);
    await panel.getByTestId('mark-feedback-done').click();
    await openBoard(pageA, 'Feedback');
    await pageA.getByRole('button', { name: 'Open “Onboarding is confusing”' }).click();
    await expect(pageA.getByTestId('shipped-in')).toContainText(`Shipped in ${RELEASE}`);
  } finally {
    await laptops.close();
  }
});

test('the plan board, its timeline, calendar and item panel pass axe in English and 简体中文', async ({ page, hub }) => {
  await firstRun(page, hub.url, 'Mei', 'Growth squad');
  await newPlan(page);
  await newItemByKeyboard(page, { title: RELEASE, kind: 'Release', team: 'Product team', start: localDay(-3), end: localDay(10) });
  const longTitle = 'Win-back emails for everyone who left during the spring pricing change';
  await newItemByKeyboard(page, { title: longTitle, kind: 'Campaign', team: 'Operations team', start: localDay(1), end: localDay(3) });
  for (const language of ['en', 'zh-CN'] as const) {
    if (language === 'zh-CN') await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
    await expectNoAxeViolationsInBothThemes(page, `the plan's columns and item panel (${language})`);
    await page.getByRole('tab', { name: language === 'en' ? 'Timeline' : '时间线' }).click();
    await expect(page.getByTestId('plan-bar')).toHaveCount(2);
    // A title longer than its bar is cut to fit with "…" (bars clip nothing), its full text in the label.
    const bars = await page.getByTestId('plan-bar').evaluateAll((els) => els.map((el) => ({ text: el.textContent ?? '', label: el.getAttribute('aria-label') ?? '', fits: el.scrollWidth <= el.clientWidth })));
    expect(bars.every((bar) => bar.fits)).toBe(true);
    const long = bars.find((bar) => bar.label.includes(longTitle));
    expect(long?.text === '' || (long?.text.endsWith('…') && longTitle.startsWith(long.text.slice(0, -1)))).toBe(true);
    expect(bars.some((bar) => bar.text === RELEASE)).toBe(true);
    // Each bar is named in the language on screen: title, kind and dates.
    const releaseLabel = bars.find((bar) => bar.text === RELEASE)?.label ?? '';
    const labelStart = language === 'en' ? `${RELEASE}, Release, ` : `${RELEASE}，版本发布，`;
    expect(releaseLabel.slice(0, labelStart.length)).toBe(labelStart);
    expect(releaseLabel.slice(labelStart.length)).toMatch(/^\S.* – \S/);
    await expectNoAxeViolationsInBothThemes(page, `the plan's timeline (${language})`);
    await page.getByRole('tab', { name: language === 'en' ? 'Calendar' : '日历' }).click();
    await expectNoAxeViolationsInBothThemes(page, `the plan's calendar (${language})`);
    await page.getByRole('tab', { name: language === 'en' ? 'Now / Next / Later' : '现在 / 下一步 / 以后' }).click();
  }
});

test('a slip travels down a chain: C waits on B, B waits on A; A moves a week later and C is flagged in My work, naming B and A, until A moves back', async ({ page, hub }) => {
  await firstRun(page, hub.url, 'Mei', 'Growth squad');
  await newPlan(page);
  const panel = page.getByTestId('plan-panel');
  const [A, B, C] = ['Payments API', 'Checkout release', 'Spring campaign'];
  const items = [[A, localDay(1), localDay(7)], [B, localDay(8), localDay(14)], [C, localDay(15), localDay(21)]] as const;
  for (const [title, start, end] of items) {
    await newItemByKeyboard(page, { title, kind: 'Release', team: 'Product team', start, end });
    const waitsOn = title === B ? A : title === C ? B : null;
    if (waitsOn) {
      await panel.getByTestId('plan-dependency-picker').selectOption({ label: waitsOn });
      await panel.getByRole('button', { name: 'Add', exact: true }).click();
      await expect(panel.getByTestId('plan-dependency')).toContainText(waitsOn);
    }
    await panel.getByRole('button', { name: 'Close' }).click();
  }
  const moveA = async (start: string, end: string) => {
    await page.getByTestId('plan-card').filter({ hasText: A }).click();
    await panel.getByTestId('plan-start').fill(start);
    await panel.getByTestId('plan-end').fill(end);
    await panel.getByRole('button', { name: 'Set dates' }).click();
    await panel.getByRole('button', { name: 'Close' }).click();
  };
  await moveA(localDay(8), localDay(14));
  await page.getByRole('tab', { name: 'My work' }).click();
  const flagged = page.getByTestId('my-flagged-item');
  await expect(flagged).toHaveCount(2);
  await expect(flagged.filter({ has: page.getByRole('button', { name: B, exact: true }) })).toContainText(`“${A}” moved 1 week later`);
  await expect(flagged.filter({ has: page.getByRole('button', { name: C, exact: true }) })).toContainText(`Waits on “${B}”, whose dependency “${A}” moved 1 week later`);
  await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
  await expect(flagged.filter({ has: page.getByRole('button', { name: C, exact: true }) })).toContainText(`依赖的“${B}”的前置项“${A}”推迟了 1 周`);
  await page.getByRole('navigation').getByLabel('语言').selectOption('en');
  await page.getByRole('tab', { name: 'Now / Next / Later' }).click();
  await moveA(localDay(1), localDay(7));
  await page.getByRole('tab', { name: 'My work' }).click();
  await expect(page.getByTestId('my-plan-work')).toContainText('None of your plan items is waiting on something that moved.');
});

test('the timeline opens with today a third of the way in and the bars around it drawn, again after the window was resized', async ({ page, hub }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await firstRun(page, hub.url, 'Mei', 'Growth squad');
  await newPlan(page);
  const panel = page.getByTestId('plan-panel');
  // Items long past and far ahead, so today lies far from the timeline's ends (its place is not clamped).
  for (const [title, start, end] of [['Last year’s launch', localDay(-300), localDay(-280)], ['Onboarding revamp', localDay(-3), localDay(20)], ['Next year’s campaign', localDay(300), localDay(320)]] as const) {
    await newItemByKeyboard(page, { title, kind: 'Release', team: 'Product team', start, end });
    await panel.getByRole('button', { name: 'Close' }).click();
  }
  const scroller = page.getByTestId('plan-timeline-scroller');
  const todayOffThird = () =>
    scroller.evaluate((el) => {
      const x = Number(/translateX\(([-\d.]+)px\)/.exec((el.querySelector('[data-testid="plan-today"]') as HTMLElement).style.transform)?.[1]);
      return Math.abs(el.scrollLeft + el.clientWidth / 3 - x);
    });
  const bar = page.getByTestId('plan-bar').filter({ hasText: 'Onboarding' });
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(bar).toBeVisible();
  expect(await todayOffThird()).toBeLessThan(2);
  // Opened again at the same size (the size it remembers), and after the window narrowed.
  for (const width of [1440, 1100]) {
    await page.getByRole('tab', { name: 'Calendar' }).click();
    await page.setViewportSize({ width, height: 900 });
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await expect(bar).toBeVisible();
    expect(await todayOffThird(), `at ${width} px`).toBeLessThan(2);
  }
});
