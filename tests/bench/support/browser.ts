// Debian's Chromium under Playwright, headless, with the e2e suite's flags (no network, no GPU).
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from '../../e2e/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
