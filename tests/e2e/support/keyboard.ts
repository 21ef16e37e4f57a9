// What a keyboard user checks in a dialog or panel, as reusable steps for the end-to-end
// tests: focus lands inside, Tab and Shift+Tab never leave, Escape closes, focus comes back.
import { expect, type Locator, type Page } from '@playwright/test';

/** Whether the focused element is inside `container`. */
export async function focusIsInside(container: Locator): Promise<boolean> {
  return container.evaluate((el) => el.contains(document.activeElement));
}

/** Tabs forward and backward `presses` times each; focus must stay inside `dialog` at every stop. */
export async function expectFocusKeptIn(page: Page, dialog: Locator, presses = 12): Promise<void> {
  await expect.poll(() => focusIsInside(dialog), { message: 'focus lands inside the dialog' }).toBe(true);
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < presses; i += 1) {
      await page.keyboard.press(key);
      expect(await focusIsInside(dialog), `focus stays inside after ${key} ×${i + 1}`).toBe(true);
    }
  }
}

/** Escape closes `dialog` and focus goes back to `opener`. */
export async function expectEscapeReturnsTo(page: Page, dialog: Locator, opener: Locator): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
}

/** The whole round trip for a modal dialog opened by `opener` (focused, then Enter). */
export async function expectModalKeyboardRoundTrip(page: Page, opener: Locator, dialog: Locator, presses = 12): Promise<void> {
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expectFocusKeptIn(page, dialog, presses);
  await expectEscapeReturnsTo(page, dialog, opener);
}

/** The same round trip for a dialog opened from a menu: its button, then the item `item` by arrow keys. */
export async function expectMenuDialogKeyboardRoundTrip(page: Page, menuButton: Locator, item: string | RegExp, dialog: Locator, presses = 12): Promise<void> {
  await menuButton.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  const menuItem = menu.getByRole('menuitem', { name: item });
  await expect(menuItem).toBeVisible();
  // The menu takes focus just after it shows: an arrow key pressed before that goes to the button.
  await expect.poll(() => menu.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  for (let i = 0; i < 12 && !(await menuItem.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('ArrowDown');
  await expect(menuItem).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expectFocusKeptIn(page, dialog, presses);
  await expectEscapeReturnsTo(page, dialog, menuButton);
}

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user reaches a control; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, { max = 80, back = false } = {}): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reached by ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`).toBeFocused();
}
