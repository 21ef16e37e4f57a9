// Keyboard use end to end, as a person without a mouse: every dialog takes focus, keeps Tab and
// Shift+Tab inside, closes on Escape and gives focus back to the control that opened it; the
// goal and item panels give it back to their card; the view tabs move with the arrow keys.
import type { Page } from '@playwright/test';
import { expect, test } from './support/hub-fixture';
import { createGoal, firstRun, goalCard } from './support/goals-page';
import { addItem, card, createFeedbackBoard } from './support/feedback-page';
import { expectNoAxeViolationsInBothThemes as expectNoAxeViolations } from './support/axe';
import { expectEscapeReturnsTo, expectFocusKeptIn, expectMenuDialogKeyboardRoundTrip, expectModalKeyboardRoundTrip } from './support/keyboard';
import { openSettings, settingsButton } from './support/settings-page';

const sidebar = (page: Page, name: string | RegExp) => page.getByRole('navigation').getByRole('button', { name });

test('every workspace and goal dialog keeps focus inside, closes on Escape and gives focus back to its opener', async ({ page, hub }) => {
  await page.goto(hub.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Tandem' })).toBeVisible();
  await expectModalKeyboardRoundTrip(page, page.getByRole('button', { name: 'Join a workspace' }), page.getByRole('dialog', { name: 'Join a workspace' }));

  await firstRun(page, hub.url);
  await expectModalKeyboardRoundTrip(page, page.getByRole('button', { name: 'New goal' }), page.getByRole('dialog', { name: 'New goal' }));
  await createGoal(page, 'Grow weekly active teams');
  const detail = page.getByTestId('goal-detail');
  await expectModalKeyboardRoundTrip(page, detail.getByRole('button', { name: 'Edit', exact: true }), page.getByRole('dialog', { name: 'Edit goal' }));

  await expectModalKeyboardRoundTrip(page, sidebar(page, 'New board'), page.getByRole('dialog', { name: 'New feedback board' }));
  await expectModalKeyboardRoundTrip(page, sidebar(page, 'Invite teammates'), page.getByRole('dialog', { name: 'Invite teammates' }));
  await openSettings(page);
  await expectModalKeyboardRoundTrip(page, settingsButton(page, /^Back up/), page.getByRole('dialog', { name: 'Back up this workspace' }));
  await expectModalKeyboardRoundTrip(page, settingsButton(page, /^Restore from a backup/), page.getByRole('dialog', { name: /^Restore/ }));
  await expectModalKeyboardRoundTrip(page, settingsButton(page, /^Import unsynced edits/), page.getByRole('dialog', { name: 'Import unsynced edits' }));

  // Leave, then "Back up first" on top of it: each Escape closes one, back to where it was opened.
  const leaveButton = settingsButton(page, /^Leave workspace/);
  await leaveButton.focus();
  await page.keyboard.press('Enter');
  const leave = page.getByRole('dialog', { name: /^Leave “Growth squad”/ });
  await expectFocusKeptIn(page, leave);
  const backUpFirst = leave.getByRole('button', { name: 'Back up first' });
  await backUpFirst.focus();
  await page.keyboard.press('Enter');
  const backUp = page.getByRole('dialog', { name: 'Back up this workspace' });
  await expectFocusKeptIn(page, backUp);
  await expectEscapeReturnsTo(page, backUp, backUpFirst);
  await expect(leave).toBeVisible();
  await expectEscapeReturnsTo(page, leave, leaveButton);
});

test('the goal and item panels take focus, keep Tab and Shift+Tab inside, close on Escape and give it back to their card', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await createGoal(page, 'Grow weekly active teams');
  const detail = page.getByTestId('goal-detail');
  await expect(detail.getByRole('heading', { name: 'Grow weekly active teams' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  const openGoal = goalCard(page, 'Grow weekly active teams').getByRole('button', { name: /^Open/ });
  await openGoal.focus();
  await page.keyboard.press('Enter');
  await expect(detail.getByRole('heading', { name: 'Grow weekly active teams' })).toBeFocused();
  // More presses than the panel has controls, so Tab and Shift+Tab each go all the way round.
  await expectFocusKeptIn(page, detail, 30);
  await expectEscapeReturnsTo(page, detail, openGoal);

  await createFeedbackBoard(page, 'User feedback');
  await addItem(page, 'Export to PDF');
  const item = page.getByTestId('item-detail');
  await page.keyboard.press('Escape');
  await expect(item).toBeHidden();
  const openItem = card(page, 'Export to PDF').getByRole('button', { name: /^Open/ });
  await openItem.focus();
  await page.keyboard.press('Enter');
  await expect(item.getByRole('heading', { name: 'Export to PDF' })).toBeFocused();
  await expectFocusKeptIn(page, item, 40);
  await expectEscapeReturnsTo(page, item, openItem);
});

test('the feedback dialogs keep focus inside and give it back; the view tabs move with the arrow keys', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  await createFeedbackBoard(page, 'User feedback');
  await expectModalKeyboardRoundTrip(page, page.getByRole('button', { name: 'New feedback' }), page.getByRole('dialog', { name: 'New feedback' }));
  const boardMenu = page.getByRole('button', { name: 'Board actions' });
  await expectMenuDialogKeyboardRoundTrip(page, boardMenu, 'Import CSV…', page.getByRole('dialog', { name: 'Import feedback from CSV' }));
  await expectMenuDialogKeyboardRoundTrip(page, boardMenu, /^Columns & channels/, page.getByRole('dialog', { name: 'Columns and channels of this board' }));

  const tabs = page.getByRole('tablist', { name: 'View' });
  const tab = (name: string) => tabs.getByRole('tab', { name });
  await expect(tabs.locator('[tabindex="0"]')).toHaveCount(1);
  await tab('Board').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Table')).toBeFocused();
  await expect(tab('Table')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Table' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Impact × effort')).toBeFocused();
  await expect(page.getByTestId('matrix')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Board')).toBeFocused();
  await expect(page.getByTestId('kanban')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Impact × effort')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(tab('Board')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(tab('Impact × effort')).toBeFocused();
  // One Tab stop for the whole list: Tab leaves it for the next control.
  await page.keyboard.press('Tab');
  await expect(tabs.getByRole('tab').filter({ has: page.locator(':focus') })).toHaveCount(0);
  await expect.poll(() => tabs.evaluate((el) => el.contains(document.activeElement))).toBe(false);
});

test('"?" opens the sheet of keyboard shortcuts, which passes axe, keeps focus and gives it back on Escape', async ({ page, hub }) => {
  await firstRun(page, hub.url);
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await page.getByRole('button', { name: 'New goal' }).focus();
  await page.keyboard.press('?');
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('heading', { name: 'Feedback board' })).toBeVisible();
  await expectNoAxeViolations(page, 'shortcut sheet');
  await expectFocusKeptIn(page, sheet, 4);
  await expectEscapeReturnsTo(page, sheet, page.getByRole('button', { name: 'New goal' }));
  // Typed in a text field, "?" is just a character.
  await page.getByRole('combobox', { name: 'Search every board' }).pressSequentially('why?');
  await expect(sheet).toBeHidden();
  await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
  await expectModalKeyboardRoundTrip(page, page.getByRole('button', { name: '键盘快捷键' }), page.getByRole('dialog', { name: '键盘快捷键' }), 4);
  await expectNoAxeViolations(page, 'shortcut sheet button (zh-CN)');
});
