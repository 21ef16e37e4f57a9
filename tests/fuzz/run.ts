// `npm run fuzz -- --cases N [--seed S]`: a longer fuzz campaign against a real hub than the
// one CI runs, with the seed printed so any failure can be replayed exactly.
import { parseArgs } from 'node:util';
import { runFuzzCampaign } from './fuzz-campaign';
import { fuzzSeed } from './fuzz-seed';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' }, seed: { type: 'string' } }, strict: true });
const cases = Number(values.cases);
if (!Number.isInteger(cases) || cases < 1) {
  process.stderr.write(`--cases must be a whole number above 0, not "${values.cases}"\n`);
  process.exit(2);
}
const seed = fuzzSeed(values.seed);
process.stdout.write(`fuzz: seed ${seed}, ${cases} cases (replay with --seed ${seed})\n`);
const started = Date.now();
try {
  const report = await runFuzzCampaign({ seed, cases, onProgress: (done) => done % 500 === 0 && process.stdout.write(`  ${done} cases…\n`) });
  process.stdout.write(`fuzz: ${report.cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s — ${JSON.stringify(report.bySurface)}; closed by the hub: ${JSON.stringify(report.closedByHub)}; errors that escaped a handler: ${report.escapedErrors}\n`);
  process.exit(report.escapedErrors === 0 ? 0 : 1);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
