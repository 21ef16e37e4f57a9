// The seeded fuzz campaign of every CI run: 1,000 cases of bad input through the hub's HTTP
// port, the local link and the LAN port before and after the handshake. The seed is printed;
// TANDEM_FUZZ_SEED=<seed> replays a run, and `npm run fuzz -- --cases N` runs a longer one.
import { expect, it } from 'vitest';
import { runFuzzCampaign } from '../fuzz/fuzz-campaign';
import { fuzzSeed } from '../fuzz/fuzz-seed';

it('a hub lives through 1,000 seeded cases of bad input, answering, acknowledging and unchanged after each', async () => {
  const seed = fuzzSeed();
  console.log(`fuzz seed ${seed} (replay: TANDEM_FUZZ_SEED=${seed} npx vitest run tests/integration/fuzz.test.ts)`);
  const report = await runFuzzCampaign({ seed, cases: 1_000 });
  expect(report.cases).toBe(1_000);
  for (const count of Object.values(report.bySurface)) expect(count).toBe(250);
  expect(report.escapedErrors).toBe(0);
  // Most bad input is answered by the hub closing the door, not by the campaign giving up.
  expect(Object.values(report.closedByHub).reduce((a, b) => a + b)).toBeGreaterThan(500);
}, 240_000);
