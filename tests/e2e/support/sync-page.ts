// What a person does with LAN sync, as reusable steps for the end-to-end tests: read the invite
// code from the invite dialog, join by invite from the first-run screen, read the sync status.
import { expect, type Page } from '@playwright/test';

/** Opens "Invite teammates" and returns the code it shows. */
export async function readInviteCode(page: Page): Promise<string> {
  await page.getByRole('navigation').getByRole('button', { name: 'Invite teammates' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite teammates' });
  const code = dialog.getByTestId('invite-code');
  await expect(code).toHaveValue(/^TANDEM1-/);
  await expect(dialog.getByTestId('invite-link')).toHaveValue(/^tandem:\/\/join\?code=/);
  await expect(dialog.getByRole('img', { name: 'QR code of the invite link' })).toBeVisible();
  const value = await code.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  return value;
}

/** On the first-run screen: joins the workspace an invite names as `name` of the product team. */
export async function joinByInvite(page: Page, url: string, code: string, name: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Welcome to Tandem' })).toBeVisible();
  await page.getByRole('button', { name: 'Join a workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Join a workspace' });
  await dialog.getByLabel('Invite code').fill(code);
  await dialog.getByLabel('Your name').fill(name);
  await dialog.getByLabel('Product team').check();
  await dialog.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();
}

export async function expectSyncStatus(page: Page, status: { connected: string; progress: string } | 'Offline', timeout = 10_000): Promise<void> {
  const indicator = page.getByTestId('sync-indicator');
  if (status === 'Offline') return expect(indicator).toHaveText('Offline', { timeout });
  await expect(indicator.getByTestId('sync-connected')).toHaveText(status.connected, { timeout });
  await expect(indicator.getByTestId('sync-progress')).toHaveText(status.progress, { timeout });
}
