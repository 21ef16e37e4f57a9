// Builds everything Tandem runs: the renderer with Vite, and the Electron main process,
// preload and local peer with esbuild. `--if-needed` skips the work when no source file is
// newer than the last build.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const stampFile = join(dist, '.build-stamp');
const quiet = process.argv.includes('--if-needed');

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['shared', 'electron', 'renderer']) walk(join(root, dir));
  for (const file of ['package.json', 'vite.config.ts', 'build/scripts/build.mjs']) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

if (quiet && existsSync(stampFile) && Number(readFileSync(stampFile, 'utf8')) >= newestSource()) process.exit(0);

const started = Date.now();
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', define: { __TANDEM_VERSION__: JSON.stringify(version) } };
mkdirSync(dist, { recursive: true });
await Promise.all([
  esbuild({ ...node, entryPoints: [join(root, 'electron/peer/cli.ts')], outfile: join(dist, 'peer/peer.cjs') }),
  esbuild({ ...node, entryPoints: [join(root, 'electron/relay/cli.ts')], outfile: join(dist, 'relay/relay.cjs'), external: ['pg-native'] }),
  esbuild({ ...node, entryPoints: [join(root, 'electron/main/main.ts')], outfile: join(dist, 'electron/main.cjs'), external: ['electron'] }),
  esbuild({ ...node, entryPoints: [join(root, 'electron/preload/preload.ts')], outfile: join(dist, 'electron/preload.cjs'), external: ['electron'] }),
]);
// A test runner's NODE_ENV=test would make Vite bundle React's development build.
process.env.NODE_ENV = 'production';
await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
writeFileSync(stampFile, String(Date.now()));
if (!quiet || process.env.TANDEM_BUILD_VERBOSE) console.log(`Tandem built in ${((Date.now() - started) / 1000).toFixed(1)} s → dist/`);
