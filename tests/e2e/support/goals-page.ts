// What a person does on the Goals board, as reusable steps for the end-to-end tests.
import { expect, type Page } from '@playwright/test';

export async function firstRun(page: Page, url: string, name = 'Mei', workspace = 'Growth squad'): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Welcome to Tandem' })).toBeVisible();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Operations team').check();
  await page.getByLabel('Workspace name').fill(workspace);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();
}

/** Creates a goal in Q1 2025 (a period wholly past, so status does not depend on today's date). */
export async function createGoal(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New goal' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByText('More options').click();
  await dialog.getByLabel('Year').selectOption('2025');
  await dialog.getByLabel('Quarter').selectOption('1');
  await dialog.getByRole('button', { name: 'Create goal' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('goal-detail').getByRole('heading', { name: title })).toBeVisible();
}

export async function addKpi(page: Page, kpi: { name: string; unit?: string; direction?: 'Increase' | 'Decrease'; baseline: string; target: string }): Promise<void> {
  const detail = page.getByTestId('goal-detail');
  await detail.getByRole('button', { name: 'Add KPI' }).click();
  const form = detail.getByRole('form', { name: 'Add KPI' });
  await form.getByLabel('KPI name').fill(kpi.name);
  if (kpi.unit) await form.getByLabel('Unit').selectOption({ label: kpi.unit });
  if (kpi.direction) await form.getByLabel('Direction').selectOption({ label: kpi.direction });
  await form.getByLabel('Baseline').fill(kpi.baseline);
  await form.getByLabel('Target').fill(kpi.target);
  await form.getByRole('button', { name: 'Add KPI' }).click();
  await expect(detail.getByRole('region', { name: kpi.name })).toBeVisible();
}

export async function checkIn(page: Page, kpiName: string, value: string, date: string, note = ''): Promise<void> {
  const kpi = page.getByTestId('goal-detail').getByRole('region', { name: kpiName });
  const form = kpi.getByRole('form');
  await form.getByLabel('Value').fill(value);
  await form.getByLabel('Date').fill(date);
  if (note) await form.getByLabel('Note').fill(note);
  await form.getByRole('button', { name: 'Check in' }).click();
}

export function goalCard(page: Page, title: string) {
  return page.getByTestId('goal-card').filter({ hasText: title });
}

export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-indicator')).toHaveText('Saved on this laptop');
}
