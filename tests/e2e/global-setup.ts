// Builds Tandem once before the end-to-end run, so every test drives the real bundle.
import { execFileSync } from 'node:child_process';

export default function globalSetup(): void {
  if (process.env.TANDEM_E2E_SKIP_BUILD === '1') return; // iterating on tests against a build made by hand
  execFileSync(process.execPath, ['build/scripts/build.mjs', '--if-needed'], { stdio: 'inherit' });
}
