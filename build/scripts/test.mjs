// `npm test`: lint, typecheck, build, then unit + integration tests (Vitest) and end-to-end
// tests (Playwright in Debian's Chromium). Ends with one line counting every test run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'tandem-test-'));
const vitestJson = join(out, 'vitest.json');
const playwrightJson = join(out, 'playwright.json');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(name, command, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`  ${name}: ${result.status === 0 ? 'ok' : `failed (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}

let ok = step('lint', npx, ['eslint', '.']) && step('typecheck', 'npm', ['run', '--silent', 'typecheck']) && step('build', process.execPath, ['build/scripts/build.mjs']);
let passed = 0;
let failed = ok ? 0 : 1;
if (ok) {
  const unitOk = step('unit and integration tests (Vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
  const vitest = readJson(vitestJson);
  passed += vitest?.numPassedTests ?? 0;
  failed += vitest ? vitest.numFailedTests : unitOk ? 0 : 1;
  const e2eOk = step('end-to-end tests (Playwright, Chromium)', npx, ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson, TANDEM_E2E_SKIP_BUILD: '1' });
  const playwright = readJson(playwrightJson);
  passed += playwright?.stats?.expected ?? 0;
  failed += playwright ? (playwright.stats.unexpected ?? 0) + (playwright.stats.flaky ?? 0) : e2eOk ? 0 : 1;
  ok = unitOk && e2eOk;
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
