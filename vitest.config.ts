// Unit and integration tests run in Node. One copy of yjs for everything (STYLE.md: two
// copies make docs fail to merge silently).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const yjs = fileURLToPath(new URL('./node_modules/yjs/dist/yjs.mjs', import.meta.url));

export default defineConfig({
  resolve: { alias: { yjs } },
  define: { __TANDEM_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/integration/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
