// Accessibility checks for the end-to-end tests: axe-core run on the page as a person sees it,
// failing with every WCAG 2.0/2.1 A and AA violation listed (rule, the elements, and why), in the
// light theme and, with the operating system's dark preference emulated, in the dark one.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the whole page and fails listing each violation; `where` names the view in the message. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = results.violations.flatMap((v) => [`${v.id} (${v.impact ?? 'n/a'}): ${v.help}`, ...v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`)]);
  expect.soft(found, `axe found WCAG violations on ${where}`).toEqual([]);
}

/** The page's background as relative luminance (0 black … 1 white), read from the root element. */
async function pageLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const [r = 0, g = 0, b = 0] = (getComputedStyle(document.documentElement).backgroundColor.match(/\d+(\.\d+)?/g) ?? []).map(Number);
    const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  });
}

/**
 * Checks the view as it is in the light theme, then the same view in the dark theme (the
 * operating system's preference emulated, no reload), and leaves the page light. The dark pass
 * first asserts the page really turned dark, so it cannot pass by checking the light theme twice.
 */
export async function expectNoAxeViolationsInBothThemes(page: Page, where: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoAxeViolations(page, where);
  // Restyling the page makes Chromium send a mouse move where the pointer rests, and a menu item
  // under it (from an earlier click) takes focus: the keyboard steps that follow would start
  // from there. The focused element is marked and given its focus back after the dark pass.
  await page.evaluate(() => document.activeElement?.setAttribute('data-focus-before-theme', ''));
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await pageLuminance(page), `the dark theme is applied on ${where}`).toBeLessThan(0.05);
  await expectNoAxeViolations(page, `${where} (dark)`);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => {
    const before = document.querySelector<HTMLElement>('[data-focus-before-theme]');
    before?.removeAttribute('data-focus-before-theme');
    if (before && document.activeElement !== before) before.focus();
  });
}
