// A KPI review end to end with two hubs and two browsers: Mei plans a weekly KPI review on a
// new meetings board, the drafted agenda holds her at-risk goal, she records a decision linked
// to the goal and an action item; Li sees the decision marked on the goal's chart; the minutes
// export as Markdown and PDF (read back as text) with attendees, decision, action item and the KPI
// table as it stood that day; and starting the next
// meeting of the series rolls the open action item over.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { addKpi, checkIn, createGoal, firstRun, goalCard } from './support/goals-page';
import { pdfText } from './support/pdf-text';
import { joinByInvite, readInviteCode, TwoLaptops } from './support/sync-page';

const GOAL = 'Grow weekly active users';
const DECISION = 'Double the referral reward';
const ACTION = 'Email the top 20 referrers';

test('a KPI review: drafted agenda, a decision on the goal’s chart, minutes and the action item rolled over', async ({ browser }, testInfo) => {
  const laptops = await TwoLaptops.open(browser);
  const { pageA, pageB } = laptops;
  try {
    await firstRun(pageA, laptops.hubA.url, 'Mei', 'Growth squad');
    // Q1 2025 is over at 75 % progress: the goal is at risk.
    await createGoal(pageA, GOAL);
    await addKpi(pageA, { name: 'Weekly active users', baseline: '1,000', target: '2,000' });
    await checkIn(pageA, 'Weekly active users', '1750', '2025-02-01');
    await expect(goalCard(pageA, GOAL).getByTestId('goal-status')).toHaveText('At risk');
    const code = await readInviteCode(pageA);
    await joinByInvite(pageB, laptops.hubB.url, code, 'Li');
    await expect(goalCard(pageB, GOAL)).toBeVisible({ timeout: 15_000 });

    await pageA.getByRole('navigation').getByRole('button', { name: '+ New meetings board' }).click();
    const boardDialog = pageA.getByRole('dialog', { name: 'New meetings board' });
    await boardDialog.getByRole('button', { name: 'Create board' }).click();
    await expect(boardDialog).toBeHidden();
    const board = pageA.getByTestId('meetings-board');
    await expect(board.getByText('No meetings yet.', { exact: false })).toBeVisible();

    await board.locator('.empty-state').getByRole('button', { name: '+ New meeting' }).click();
    const meetingDialog = pageA.getByRole('dialog', { name: 'New meeting' });
    await meetingDialog.getByLabel('Title').fill('Weekly KPI review');
    await meetingDialog.getByLabel('Type').selectOption({ label: 'KPI review' });
    await meetingDialog.getByLabel('Date').fill('2025-03-03');
    await meetingDialog.getByLabel('Repeats').selectOption({ label: 'Weekly' });
    await meetingDialog.getByRole('button', { name: 'New meeting' }).click();
    await expect(meetingDialog).toBeHidden();
    const meeting = pageA.getByTestId('meeting-page');
    await expect(meeting.getByRole('heading', { name: 'Weekly KPI review' })).toBeVisible();

    await meeting.getByTestId('draft-agenda').click();
    await expect(meeting.getByTestId('drafted-agenda')).toContainText(`At risk: ${GOAL}`);
    await meeting.getByRole('button', { name: 'Add to agenda' }).click();
    await expect(meeting.getByTestId('agenda-item').first().getByRole('textbox', { name: 'Topic', exact: true })).toHaveValue(`At risk: ${GOAL}`);

    const decisionForm = meeting.getByRole('form', { name: 'Record decision' });
    await decisionForm.getByLabel('Decision').fill(DECISION);
    await decisionForm.getByLabel('Link to a goal or feedback').selectOption({ label: GOAL });
    await decisionForm.getByRole('button', { name: 'Record decision' }).click();
    await expect(meeting.getByTestId('decision')).toContainText(DECISION);
    await expect(meeting.getByTestId('decision')).toContainText(GOAL);

    const actionForm = meeting.getByRole('form', { name: 'Add action item' });
    await actionForm.getByLabel('Action item').fill(ACTION);
    await actionForm.getByLabel('Due').fill('2025-03-07');
    await actionForm.getByRole('button', { name: 'Add action item' }).click();
    await expect(meeting.getByTestId('action-item')).toContainText(ACTION);
    await expect(meeting.getByTestId('action-item')).toContainText('Overdue');

    // Li sees the decision on the goal's trend chart, with the meeting on hover.
    await goalCard(pageB, GOAL).getByRole('button', { name: /Open/ }).click();
    const marker = pageB.getByTestId('goal-detail').getByTestId('chart-marker');
    await expect(marker).toContainText(`Decision: ${DECISION}`, { timeout: 15_000 });
    await marker.hover();
    await expect(marker.getByRole('tooltip')).toContainText('Weekly KPI review');
    await expect(pageB.getByTestId('goal-detail').locator('.recharts-reference-line-line')).toHaveCount(2);

    const downloading = pageA.waitForEvent('download');
    await meeting.getByTestId('export-minutes').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('minutes-2025-03-03-weekly-kpi-review.md');
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    const minutes = readFileSync(file, 'utf8');
    expect(minutes).toContain('# Minutes: Weekly KPI review');
    expect(minutes).toMatch(/\*\*Attendees:\*\* .*Mei/);
    expect(minutes).toContain(`- ${DECISION} (by Mei) — Linked: ${GOAL}`);
    expect(minutes).toContain(`| ☐ Open | ${ACTION} | Mei | Mar 7, 2025 |`);
    // The table as it stood on the meeting's date: 75 % done with 69 % of Q1 gone was on track then (at risk only once Q1 ended).
    expect(minutes).toContain(`| ${GOAL} | Weekly active users | On track | 1,750 | 2,000 |`);

    // The PDF: the print view, printed by Chromium, then read back as text.
    const pdf = await pageA.pdf({ format: 'A4' });
    writeFileSync(testInfo.outputPath('minutes.pdf'), pdf);
    // pdf.js gives the text in runs, spaced as laid out: compared without white space.
    const printed = (await pdfText(pdf)).replace(/\s+/g, '');
    const reads = (text: string) => expect(printed).toContain(text.replace(/\s+/g, ''));
    reads('Minutes: Weekly KPI review');
    expect(printed).toMatch(/Attendees:([^,]+,)*Mei/);
    reads(`${DECISION} (by Mei) — Linked: ${GOAL}`);
    reads(`☐ ${ACTION} — Mei, Mar 7, 2025`);
    reads(`${GOAL} Weekly active users On track 1,750 2,000`);
    // Only the minutes are printed, not the app around them.
    expect(printed).not.toContain('Recorddecision');

    await meeting.getByTestId('start-next').click();
    await expect(meeting.getByRole('heading', { name: 'Weekly KPI review' })).toBeVisible();
    await expect(meeting.getByLabel('Date')).toHaveValue('2025-03-10');
    await expect(meeting.getByTestId('action-item')).toContainText(ACTION);
    await expect(meeting.getByTestId('action-item')).toContainText('Rolled over');
    await expect(meeting.getByTestId('decision')).toHaveCount(0);
  } finally {
    await laptops.close();
  }
});
