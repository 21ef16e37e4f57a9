// Accessibility checks for the end-to-end tests: axe-core run on the page as a person sees it,
// failing with every WCAG 2.0/2.1 A and AA violation listed (rule, the elements, and why).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the whole page and fails listing each violation; `where` names the view in the message. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = results.violations.flatMap((v) => [`${v.id} (${v.impact ?? 'n/a'}): ${v.help}`, ...v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`)]);
  expect.soft(found, `axe found WCAG violations on ${where}`).toEqual([]);
}
