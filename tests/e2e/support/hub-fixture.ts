// The one hub most end-to-end tests run against: started on a throwaway data folder before the
// test, stopped and its folder removed after. `import { test, expect } from './support/hub-fixture'`
// and ask for `hub` (and `dataDir`, the hub's folder, for files a test writes beside it).
import { test as base } from '@playwright/test';
import { removeDir, startHub, tempDataDir, type RunningHub } from '../../support/hub';

export const test = base.extend<{ dataDir: string; hub: RunningHub }>({
  // Playwright reads a fixture's dependencies from its first parameter, so it must be a pattern.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = tempDataDir();
    try {
      await use(dir);
    } finally {
      removeDir(dir);
    }
  },
  hub: async ({ dataDir }, use) => {
    const hub = await startHub({ dataDir });
    try {
      await use(hub);
    } finally {
      await hub.stop();
    }
  },
});

export { expect } from '@playwright/test';
