// What a person does on a workshop board, as reusable steps for the end-to-end tests.
import { expect, type Page } from '@playwright/test';

export async function createWorkshop(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'New workshop' }).click();
  const dialog = page.getByRole('dialog', { name: 'New workshop' });
  await dialog.getByLabel('Workshop name').fill(name);
  await dialog.getByRole('button', { name: 'Create workshop' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

export async function openBoard(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: new RegExp(`${name}$`) }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** A sticky note by its text. */
export function note(page: Page, text: string) {
  return page.locator('.sticky-note').filter({ hasText: text });
}

/** Adds a note with the toolbar button and types its text (Enter saves). */
export async function addNote(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: '+ Note', exact: true }).click();
  const input = page.getByRole('textbox', { name: 'Note text' });
  await expect(input).toBeFocused();
  await input.fill(text);
  await input.press('Enter');
  await expect(note(page, text)).toBeVisible();
  await expect(note(page, text)).toBeFocused();
}
