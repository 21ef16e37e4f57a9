// Unit and integration tests run in Node. One copy of yjs for everything (STYLE.md: two
// copies make docs fail to merge silently).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const yjs = fileURLToPath(new URL('./node_modules/yjs/dist/yjs.mjs', import.meta.url));

export default defineConfig({
  resolve: { alias: { yjs } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
