// Reaching the Settings view (language, backup and restore, network and relay, the workspace)
// from the sidebar's gear entry, and its buttons, as reusable steps for the end-to-end tests.
import { expect, type Locator, type Page } from '@playwright/test';

export async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: /^(Settings|设置)$/ }).click();
  await expect(page.getByTestId('settings-view')).toBeVisible();
}

/** A button of the Settings view (Back up…, Restore from a backup…, Leave workspace…), once it is open. */
export function settingsButton(page: Page, name: string | RegExp): Locator {
  return page.getByTestId('settings-view').getByRole('button', { name });
}
