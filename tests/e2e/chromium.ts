// Debian's Chromium for Playwright (Playwright's own browser download cannot run here), with
// the flags that keep it from reaching for the network.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

export function chromiumPath(): string {
  if (process.env.TANDEM_CHROMIUM && existsSync(process.env.TANDEM_CHROMIUM)) return process.env.TANDEM_CHROMIUM;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: install Debian’s chromium (apt-get install -y chromium) or set TANDEM_CHROMIUM');
  }
}
