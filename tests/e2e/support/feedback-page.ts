// What a person does on a feedback board, as reusable steps for the end-to-end tests.
import { expect, type Page } from '@playwright/test';

export async function createFeedbackBoard(page: Page, template: 'User feedback' | 'Internal feedback' | 'Blank', name?: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'New board' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(new RegExp(`^${template}`)).check();
  if (name) await dialog.getByLabel('Board name').fill(name);
  await dialog.getByRole('button', { name: 'Create board' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: name ?? template })).toBeVisible();
}

export async function addItem(page: Page, title: string, fields: { channel?: string; customer?: string; tags?: string; impact?: string; effort?: string } = {}): Promise<void> {
  await page.getByRole('button', { name: 'New feedback' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  if (fields.channel) await dialog.getByLabel('Channel').selectOption({ label: fields.channel });
  if (fields.customer) await dialog.getByLabel('Customer or segment').fill(fields.customer);
  if (fields.tags) await dialog.getByLabel('Tags').fill(fields.tags);
  if (fields.impact) await dialog.getByLabel('Impact').selectOption(fields.impact);
  if (fields.effort) await dialog.getByLabel('Effort').selectOption(fields.effort);
  await dialog.getByRole('button', { name: 'Add feedback' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('item-detail').getByRole('heading', { name: title })).toBeVisible();
}

export function column(page: Page, name: string) {
  return page.getByTestId('kanban-column').filter({ has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });
}

export function card(page: Page, title: string) {
  return page.getByTestId('item-card').filter({ hasText: title });
}

export async function titlesIn(page: Page, columnName: string): Promise<string[]> {
  return column(page, columnName).locator('.item-title').allTextContents();
}

/** Two frames: a hand that drags rests on the target at least that long before letting go. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Drags a card with the mouse onto another card or a column, in small steps as a hand would. */
export async function drag(page: Page, from: ReturnType<typeof card>, to: ReturnType<typeof card> | ReturnType<typeof column>, offsetY = 8): Promise<void> {
  await settle(page);
  const a = await from.boundingBox();
  if (!a) throw new Error('not laid out');
  await page.mouse.move(a.x + a.width / 2, a.y + 12);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 4, a.y + 20, { steps: 4 });
  await settle(page);
  // Aimed where the target is once the drag has begun, as a hand would: the page may have moved.
  const b = await to.boundingBox();
  if (!b) throw new Error('not laid out');
  await page.mouse.move(b.x + b.width / 2, b.y + offsetY, { steps: 16 });
  await page.mouse.move(b.x + b.width / 2, b.y + offsetY + 2, { steps: 4 });
  await settle(page);
  await page.mouse.up();
}

/** Opens the toolbar's Filter popover (if it is not open) and gives its group of filters. */
export async function openFilters(page: Page) {
  const popover = page.getByTestId('filter-popover');
  if (!(await popover.isVisible())) await page.getByTestId('filter-button').click();
  await expect(popover).toBeVisible();
  return popover.getByRole('group', { name: /^(Filters|筛选)$/ });
}

/** Chooses an entry of the board's "⋯" menu, inside the submenu `sub` if given. */
export async function chooseFromBoardMenu(page: Page, item: string, options: { sub?: string; role?: 'menuitem' | 'menuitemcheckbox' } = {}): Promise<void> {
  await page.getByTestId('board-menu').click();
  if (!options.sub) return page.getByRole('menuitem', { name: item }).click();
  // A submenu by keyboard: a pointer's path to it (which Radix keeps it open for) is not a hand's.
  await page.getByRole('menuitem', { name: options.sub }).press('ArrowRight');
  await page.getByRole(options.role ?? 'menuitem', { name: item }).press('Enter');
}
