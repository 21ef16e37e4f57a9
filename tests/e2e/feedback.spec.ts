// Feedback boards end to end, in Chromium against a real hub: templates, cards, drag and
// drop, votes, comments, goal links, filters, search, views, merging, CSV import and export.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/hub-fixture';
import { createGoal, expectSaved, firstRun, goalCard } from './support/goals-page';
import { addItem, card, chooseFromBoardMenu, column, createFeedbackBoard, drag, openFilters, titlesIn } from './support/feedback-page';
import { expectNoAxeViolationsInBothThemes } from './support/axe';

async function openBoard(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('a team collects, triages, votes on, discusses and links feedback', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await createGoal(page, 'Grow activation');
  await createFeedbackBoard(page, 'Internal feedback');
  await expect(page.getByText('No feedback yet.')).toBeVisible();
  await createFeedbackBoard(page, 'User feedback');
  await (await openFilters(page)).getByLabel('Channel').click();
  await expect((await openFilters(page)).getByLabel('Channel').locator('option')).toHaveText(['All', 'Support', 'Survey', 'Interview', 'App review', 'Sales', 'Social']);

  await addItem(page, 'Export reports to Excel', { channel: 'Support', customer: 'Acme', tags: 'reports, export', impact: '4', effort: '2' });
  await addItem(page, 'Dark mode', { channel: 'Survey', tags: 'ui' });
  await addItem(page, 'Faster login', { channel: 'App review' });
  await expect.poll(() => titlesIn(page, 'New')).toEqual(['Export reports to Excel', 'Dark mode', 'Faster login']);

  // Reorder within a column (onto a card below the first: the drop lands on that card, not on
  // whichever card the column's top holds), then drag a card to another column.
  await page.getByTestId('item-detail').getByRole('button', { name: 'Close' }).click();
  await drag(page, card(page, 'Export reports to Excel'), card(page, 'Dark mode'), 40);
  await expect.poll(() => titlesIn(page, 'New')).toEqual(['Dark mode', 'Export reports to Excel', 'Faster login']);
  await drag(page, card(page, 'Dark mode'), column(page, 'Planned'), 60);
  await expect.poll(() => titlesIn(page, 'Planned')).toEqual(['Dark mode']);
  await drag(page, card(page, 'Faster login'), card(page, 'Export reports to Excel'), 4);
  await expect.poll(() => titlesIn(page, 'New')).toEqual(['Faster login', 'Export reports to Excel']);
  // And by keyboard: Alt+→ moves a card to the next column.
  await card(page, 'Faster login').getByRole('button', { name: /Open/ }).focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(() => titlesIn(page, 'Under review')).toEqual(['Faster login']);

  // Vote and unvote; vote on behalf of a customer.
  const excel = card(page, 'Export reports to Excel');
  await excel.getByTestId('vote-button').click();
  await expect(excel.getByTestId('vote-count')).toHaveText('1');
  await excel.getByTestId('vote-button').click();
  await expect(excel.getByTestId('vote-count')).toHaveText('0');
  await excel.getByTestId('vote-button').click();
  await excel.getByRole('button', { name: /Open/ }).click();
  const detail = page.getByTestId('item-detail');
  await detail.getByRole('form', { name: 'Vote on behalf of a customer' }).getByLabel('Vote on behalf of a customer').fill('Globex');
  await detail.getByRole('button', { name: 'Add vote' }).click();
  await expect(excel.getByTestId('vote-count')).toHaveText('2');
  await expect(detail.getByTestId('voter')).toHaveText([/Mei/, /on behalf of Globex/]);

  // Comment with a mention.
  await detail.getByRole('form', { name: 'Comment' }).getByRole('textbox').fill('Asked twice this week, @Mei please follow up');
  await detail.getByRole('form', { name: 'Comment' }).getByRole('button', { name: 'Comment' }).click();
  await expect(detail.getByTestId('comment')).toHaveCount(1);
  await expect(detail.getByTestId('comment').locator('mark.mention')).toHaveText('@Mei');

  // Link to a goal and see it on the goal.
  await detail.getByLabel('Link to goal').selectOption({ label: 'Grow activation' });
  await expect(detail.getByTestId('linked-goal')).toHaveText(/Grow activation/);
  await openBoard(page, 'Goals');
  await goalCard(page, 'Grow activation').getByRole('button', { name: /Open/ }).click();
  await expect(page.getByTestId('linked-feedback')).toContainText('Export reports to Excel');
  await expect(page.getByTestId('linked-feedback')).toContainText('2 votes');
  await page.getByTestId('linked-feedback').getByRole('button', { name: 'Export reports to Excel' }).click();
  await expect(page.getByTestId('item-detail').getByRole('heading', { name: 'Export reports to Excel' })).toBeVisible();

  // Filter by text and tag; search across boards.
  const filters = await openFilters(page);
  await filters.getByLabel('Filter text').fill('excel');
  await expect(page.getByTestId('item-card')).toHaveCount(1);
  await filters.getByLabel('Filter text').fill('');
  await filters.getByLabel('Tag').selectOption('ui');
  await expect(page.getByTestId('item-card')).toHaveText([/Dark mode/]);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('combobox', { name: 'Search every board' }).fill('activation');
  await expect(page.getByTestId('search-result')).toHaveText([/Goal.*Grow activation/]);
  await page.getByRole('combobox', { name: 'Search every board' }).fill('zebra');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing matches “zebra”.' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Search every board' })).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('combobox', { name: 'Search every board' }).fill('login');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('item-detail').getByRole('heading', { name: 'Faster login' })).toBeVisible();

  // Table and matrix views.
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(page.getByTestId('table-row')).toHaveCount(3);
  await page.getByRole('columnheader', { name: /Voters/ }).getByRole('button').click();
  await page.getByRole('columnheader', { name: /Voters/ }).getByRole('button').click();
  await expect(page.getByTestId('table-row').first()).toContainText('Export reports to Excel');
  await page.getByRole('tab', { name: 'Impact × effort' }).click();
  await expect(page.locator('[data-testid=matrix-cell][data-impact="4"][data-effort="2"]')).toContainText('Export reports to Excel');
  await page.getByRole('tab', { name: 'Board' }).click();

  // Merge a duplicate into the original, then undo the merge.
  await addItem(page, 'Excel export please');
  await card(page, 'Excel export please').getByTestId('vote-button').click();
  const dup = page.getByTestId('item-detail');
  await dup.getByLabel('Merge this into…').fill('reports');
  await expect(dup.getByRole('button', { name: 'Merge into “Export reports to Excel”' })).toBeVisible();
  await expectNoAxeViolationsInBothThemes(page, 'item panel offering a merge');
  await dup.getByRole('button', { name: 'Merge into “Export reports to Excel”' }).click();
  await expect(card(page, 'Excel export please')).toHaveCount(0);
  await expect(card(page, 'Export reports to Excel').getByTestId('vote-count')).toHaveText('2');
  await page.getByRole('status').filter({ hasText: 'Duplicates merged' }).getByRole('button', { name: 'Undo' }).click();
  await expect(card(page, 'Excel export please')).toBeVisible();
  await expect(card(page, 'Excel export please').getByTestId('vote-count')).toHaveText('1');
  await expectSaved(page);

  // A card's words follow the language, and come back (each language's words are its own).
  const excelCard = card(page, 'Export reports to Excel');
  const language = page.getByRole('navigation').getByLabel(/^(Language|语言)$/);
  await expect(excelCard.getByTestId('vote-button')).toContainText('2 votes');
  await language.selectOption('zh-CN');
  await expect(excelCard.getByTestId('vote-button')).toContainText('2 票');
  await expect(excelCard.getByTestId('vote-button')).toContainText('为“Export reports to Excel”投票');
  await expect(excelCard.getByTestId('impact-effort')).toHaveText('影响 4/5 · 投入 2/5');
  await expect(excelCard.getByRole('button', { name: '打开“Export reports to Excel”' })).toBeVisible();
  await expect(excelCard).toContainText('客服');
  await language.selectOption('en');
  await expect(excelCard.getByTestId('vote-button')).toContainText('2 votes');
  await expect(excelCard.getByTestId('impact-effort')).toHaveText('Impact 4/5 · Effort 2/5');
  await expect(excelCard).toContainText('Support');

  await page.reload();
  await expect.poll(() => titlesIn(page, 'Planned')).toEqual(['Dark mode']);
  await expect(card(page, 'Export reports to Excel').getByTestId('vote-count')).toHaveText('2');
});

function csvOf500(): { csv: string; bad: number[] } {
  const lines = ['Title,Channel,Customer,Tags,Impact,Effort'];
  const bad = [42, 137, 301];
  for (let row = 2; row <= 501; row++) {
    if (row === 42) lines.push(',Support,Acme,,3,2');
    else if (row === 137) lines.push('Impact off the scale,Survey,Initech,,9,2');
    else if (row === 301) lines.push('Came by fax,Fax,Umbrella,,3,3');
    else lines.push(`Request ${row},${row % 2 ? 'Support' : 'Survey'},Customer ${row % 7},"tag${row % 5},bulk",${(row % 5) + 1},${(row % 3) + 1}`);
  }
  return { csv: `${lines.join('\n')}\n`, bad };
}

test('a CSV of 500 rows with three malformed rows imports 497 in one undoable step; export gives the board back', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await createFeedbackBoard(page, 'User feedback', 'Survey results');
  const { csv, bad } = csvOf500();
  await chooseFromBoardMenu(page, 'Import CSV…');
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByLabel('CSV file').setInputFiles({ name: 'feedback.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(dialog.getByTestId('import-ready')).toHaveText('497 rows ready to import');
  const problems = dialog.getByTestId('import-problems');
  await expect(problems).toContainText('3 rows will be skipped');
  for (const row of bad) await expect(problems).toContainText(`Row ${row}:`);
  await expect(problems).toContainText('Row 42: This field is required.');
  await expect(problems).toContainText('Row 301: the channel “Fax” is not one of this board’s channels');
  await dialog.getByRole('button', { name: 'Import 497 rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 497 items.' })).toBeVisible();
  await expect(page.getByText('497 items', { exact: true })).toBeVisible();
  // A long column draws the cards in view first and, once the board has painted, two more past
  // its fold, so scrolling finds them already there.
  const newColumn = page.getByTestId('kanban-column').first();
  const inView = await newColumn.locator('.column-scroll').evaluate((el) => Math.ceil((el as HTMLElement).offsetHeight / 148));
  expect(inView).toBeGreaterThan(1);
  await expect(newColumn.getByTestId('item-card')).toHaveCount(inView + 2);
  // The column follows the window (a taller one shows more cards) and its scrolling: at its end,
  // the last card is drawn.
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: size.width, height: size.height + 3 * 148 });
  await expect.poll(() => newColumn.locator('.column-scroll').evaluate((el) => Math.ceil((el as HTMLElement).offsetHeight / 148))).toBeGreaterThan(inView);
  const taller = await newColumn.locator('.column-scroll').evaluate((el) => Math.ceil((el as HTMLElement).offsetHeight / 148));
  await expect(newColumn.getByTestId('item-card')).toHaveCount(taller + 2);
  await page.setViewportSize(size);
  await newColumn.locator('.column-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect
    .poll(() =>
      newColumn.locator('.column-scroll').evaluate((el) => {
        const bottoms = [...el.querySelectorAll<HTMLElement>('[data-testid="item-card"]')].map((card) => card.offsetTop + 148);
        return Math.max(...bottoms) >= (el.firstElementChild as HTMLElement).offsetHeight - 1;
      }),
    )
    .toBe(true);

  // Dragging the column's first card while the column scrolls far below it: the cards under the
  // pointer still make room for it (it stays in the sortable list though no longer drawn), and
  // Escape puts everything back.
  const scroller = newColumn.locator('.column-scroll');
  await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
  // The card at the column's top, once the column has drawn it again after the scroll.
  const atTop = newColumn.locator('[data-testid="item-card"][style*="top: 0px"]');
  const first = atTop.first();
  await expect(first).toBeVisible();
  const firstTitle = await first.locator('.item-title').textContent();
  const start = await first.boundingBox();
  if (!start) throw new Error('the first card is not laid out');
  await page.mouse.move(start.x + start.width / 2, start.y + 12);
  await page.mouse.down();
  await page.mouse.move(start.x + start.width / 2, start.y + 40, { steps: 6 });
  await scroller.evaluate((el) => el.scrollBy({ top: 6 * 148 }));
  await expect.poll(() => newColumn.locator(`[data-testid="item-card"]`).filter({ hasText: firstTitle ?? '' }).count()).toBe(0);
  await page.mouse.move(start.x + start.width / 2, start.y + 140, { steps: 6 });
  await expect.poll(() => newColumn.getByTestId('item-card').evaluateAll((cards) => cards.filter((c) => /translate/.test((c as HTMLElement).style.transform)).length)).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(atTop.locator('.item-title')).toHaveText(firstTitle ?? '');

  // One undo removes the whole import; redo brings it back.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByText('No feedback yet.')).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByText('497 items', { exact: true })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), chooseFromBoardMenu(page, 'Export CSV')]);
  expect(download.suggestedFilename()).toMatch(/^Survey results-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const rows = text.trim().split('\r\n');
  expect(rows[0]).toBe('Title,Description,Status,Channel,Customer,Tags,Importance,Impact,Effort,Votes,Priority,Owner,Created');
  expect(rows).toHaveLength(498);
  expect(rows.find((r) => r.startsWith('Request 2,'))).toMatch(/^Request 2,,New,Survey,Customer 2,"bulk, tag2",1,3,3,0,/);
  expect(rows.some((r) => r.startsWith('Came by fax'))).toBe(false);
});

test('bad CSV files are refused with a clear message, in either language, and import nothing', async ({ page, hub, dataDir }) => {
  await firstRun(page, hub.url);
  await createFeedbackBoard(page, 'User feedback');
  await chooseFromBoardMenu(page, 'Import CSV…');
  const dialog = page.getByTestId('import-dialog');
  const file = dialog.getByLabel('CSV file');
  await file.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await expect(dialog.getByRole('alert')).toHaveText('This file is empty.');
  await file.setInputFiles({ name: 'header.csv', mimeType: 'text/csv', buffer: Buffer.from('Title,Channel\n') });
  await expect(dialog.getByRole('alert')).toHaveText('This file has a header row but no data rows.');
  const huge = join(dataDir, 'huge.csv');
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 'a'));
  await file.setInputFiles(huge);
  await expect(dialog.getByRole('alert')).toContainText('larger than 20 MB');
  // GBK, as Excel saves CSV on Chinese Windows: 标题,渠道 / 登录太慢,客服
  const gbk = Buffer.from([0xb1, 0xea, 0xcc, 0xe2, 0x2c, 0xc7, 0xfe, 0xb5, 0xc0, 0x0a, 0xb5, 0xc7, 0xc2, 0xbc, 0xcc, 0xab, 0xc2, 0xfd, 0x2c, 0xbf, 0xcd, 0xb7, 0xfe, 0x0a]);
  await file.setInputFiles({ name: 'gbk.csv', mimeType: 'text/csv', buffer: gbk });
  await expect(dialog.getByText('Read as GBK / GB18030')).toBeVisible();
  await expect(dialog.locator('table.preview')).toContainText('登录太慢');
  await expect(dialog.getByTestId('import-ready')).toHaveText('1 row ready to import');
  // The import dialog is modal, so the sidebar behind it is hidden from the accessibility tree.
  await page.getByRole('navigation', { includeHidden: true }).getByLabel('Language').selectOption('zh-CN');
  await dialog.getByLabel('CSV 文件').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await expect(dialog.getByRole('alert')).toHaveText('这个文件是空的。');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByText('还没有反馈。', { exact: false })).toBeVisible();
});

test('columns and channels are edited per board, and a saved view brings its filters back', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await createFeedbackBoard(page, 'Blank', 'Workshop notes');
  await chooseFromBoardMenu(page, 'Columns & channels');
  const settings = page.getByRole('dialog', { name: 'Columns and channels of this board' });
  const channels = settings.getByRole('region', { name: 'Channels' });
  await channels.getByLabel('New channel name').fill('Hackathon');
  await channels.getByRole('button', { name: 'Add channel' }).click();
  const columns = settings.getByRole('region', { name: 'Columns (statuses)' });
  await columns.getByLabel('Name of “New”').fill('Inbox');
  await columns.getByLabel('Name of “New”').press('Enter');
  await columns.getByLabel('New column name').fill('Parked');
  await columns.getByRole('button', { name: 'Add column' }).click();
  await columns.getByRole('button', { name: 'Remove “Declined”' }).click();
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('kanban-column').getByRole('heading', { level: 2 })).toHaveText([/^Inbox/, /^Under review/, /^Planned/, /^In progress/, /^Done/, /^Parked/]);

  await addItem(page, 'Team retro board', { channel: 'Hackathon' });
  await addItem(page, 'Coffee machine');
  await page.getByTestId('item-detail').getByRole('button', { name: 'Close' }).click();
  const filters = await openFilters(page);
  await filters.getByLabel('Channel').selectOption({ label: 'Hackathon' });
  await page.getByRole('tab', { name: 'Table' }).click();
  await chooseFromBoardMenu(page, 'Save view…', { sub: 'Saved views' });
  await page.getByLabel('View name').fill('Hackathon ideas');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('tab', { name: 'Board' }).click();
  await expect(page.getByTestId('item-card')).toHaveCount(2);
  await page.reload();
  await chooseFromBoardMenu(page, 'Hackathon ideas', { sub: 'Saved views', role: 'menuitemcheckbox' });
  await expect(page.getByTestId('table-row')).toHaveText([/Team retro board/]);
  await expect(page.getByRole('tab', { name: 'Table' })).toHaveAttribute('aria-selected', 'true');
});
