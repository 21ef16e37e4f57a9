// The real app in Chromium for a bench row: a hub on a pre-filled data folder (app-hub.ts),
// a browser context with the probe injected before the app's scripts (pages/app-probe.ts),
// the page opened on the hub and left until every board is loaded and cached, and calls into
// the probe with a deadline each.
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import type { ModelWorkspace } from '../generate-model';
import type { AppProbeApi, ComponentRenders } from '../pages/app-probe-api';
import { appBuild, startAppHub, type AppBuild, type AppHub } from './app-hub';
import { bundlePage } from './bench-page';
import { componentNames } from './component-names';
import type { BenchContext } from './row';
import { withDeadline } from './timing';

const PROBE_ENTRY = fileURLToPath(new URL('../pages/app-probe.ts', import.meta.url));
/** A 14-inch laptop's browser window. */
export const VIEWPORT = { width: 1440, height: 900 } as const;
const LOAD_DEADLINE_MS = 300_000;
const CALL_DEADLINE_MS = 120_000;

let probeScript: Promise<string> | undefined;

export interface AppSession {
  readonly page: Page;
  readonly hub: AppHub;
  readonly build: AppBuild;
  readonly workspace: ModelWorkspace;
  /** What the row reports about where it ran: the Chromium version and how the renderer was built. */
  readonly environment: Readonly<Record<string, string>>;
  /** Calls the probe (see app-probe-api.ts) and waits, within a deadline, for its answer. */
  call<M extends keyof AppProbeApi>(method: M, args: Parameters<AppProbeApi[M]>[0]): Promise<Awaited<ReturnType<AppProbeApi[M]>>>;
  /** A full garbage collection in the page, so no run inherits the previous one's garbage. */
  collectGarbage(): Promise<void>;
  /** `Name (File.tsx:line) ×count` for the components the probe saw render. */
  describe(renders: readonly ComponentRenders[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts a hub holding the standard workspace and opens the app on it, waiting until the
 * feedback board has been synced, read and written to the IndexedDB cache. The Goals board is
 * on screen (the app opens it first); the feedback board is open in the background.
 */
export async function openAppSession(context: BenchContext, name: string): Promise<AppSession> {
  const build = await appBuild(context.progress);
  const workspace = context.modelWorkspace();
  context.progress(`${name}: starting a hub on a data folder holding the ${workspace.board.itemIds.length.toLocaleString('en-US')}-item board`);
  const hub = await startAppHub(build, workspace, name);
  let browserContext: BrowserContext | undefined;
  try {
    const browser = await context.browser();
    browserContext = await browser.newContext({ viewport: VIEWPORT });
    await browserContext.addInitScript({ content: await (probeScript ??= bundlePage(PROBE_ENTRY)) });
    const page = await browserContext.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const call: AppSession['call'] = (method, args) => {
      const result = page.evaluate(
        ({ method, args }) => {
          const probe = window.tandemProbe;
          if (!probe) throw new Error('the app probe is not in the page');
          return (probe[method] as (args: unknown) => unknown)(args);
        },
        { method, args },
      );
      return withDeadline(result as Promise<Awaited<ReturnType<AppProbeApi[typeof method]>>>, CALL_DEADLINE_MS, `probe call ${method}`).then((value) => {
        if (pageErrors.length > 0) throw new Error(`the app page failed: ${pageErrors.join('; ')}`);
        return value;
      });
    };
    context.progress(`${name}: opening the app; it syncs the board from the hub and caches it in IndexedDB`);
    const loadStarted = performance.now();
    await page.goto(hub.url);
    const { boardId, itemIds } = workspace.board;
    await page.waitForFunction(
      ({ boardId, items }) => {
        const app = (window as unknown as { __tandem?: { docs: { cachePending(): number } } }).__tandem;
        return window.tandemProbe?.loadedBoards()[boardId] === items && app?.docs.cachePending() === 0 && document.querySelector('nav button.board-link.active') !== null;
      },
      { boardId, items: itemIds.length },
      { timeout: LOAD_DEADLINE_MS, polling: 250 },
    );
    if (pageErrors.length > 0) throw new Error(`the app page failed: ${pageErrors.join('; ')}`);
    context.progress(`${name}: app loaded the board in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
    const names: string[] = [];
    const opened = browserContext;
    const environment = { chromium: browser.version(), renderer: build.origin };
    return {
      page,
      hub,
      build,
      workspace,
      environment,
      call,
      async collectGarbage() {
        const cdp = await page.context().newCDPSession(page);
        try {
          await cdp.send('HeapProfiler.collectGarbage');
        } finally {
          await cdp.detach();
        }
      },
      async describe(renders) {
        if (renders.some((r) => names[r.type] === undefined)) names.splice(0, names.length, ...(await componentNames(page, build.rendererDir)));
        return renders.map((r) => `${names[r.type] ?? `#${r.type}`} → <${r.host}> ×${r.count}`).join('; ');
      },
      async close() {
        await opened.close();
        await hub.close();
      },
    };
  } catch (error) {
    await browserContext?.close();
    await hub.close();
    throw error;
  }
}

/**
 * Waits until the app has set the big feedback board aside (renderer/src/boards/parking.ts: off
 * screen for a minute, its doc closed, its snapshot kept) and collects the page's garbage: the
 * steady state of a window whose person has moved on to another board. Rows that measure
 * another board call it once that board is on screen, so the moment the app closes the big doc
 * (and the GC that frees it) never falls inside a measurement.
 */
export async function waitUntilSetAside(session: AppSession, progress: (message: string) => void): Promise<{ heapBefore: number; heapAfter: number }> {
  const { boardId } = session.workspace.board;
  await session.collectGarbage();
  const heapBefore = await pageHeapUsed(session.page);
  progress('the 10k feedback board is off screen: waiting until the app sets it aside (about a minute)');
  await session.page.waitForFunction(
    (id) => (window as unknown as { __tandem?: { boards: { isParked(id: string): boolean } } }).__tandem?.boards.isParked(id) === true,
    boardId,
    { timeout: 150_000, polling: 500 },
  );
  await session.collectGarbage();
  return { heapBefore, heapAfter: await pageHeapUsed(session.page) };
}

/** The page's JavaScript heap in use, in bytes. */
async function pageHeapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}

/** Opens the feedback board's view (a click on its sidebar entry) unless it is on screen. */
export async function showFeedbackBoard(session: AppSession): Promise<void> {
  const { boardName } = session.workspace.board;
  const active = await session.page.locator('nav button.board-link.active').textContent();
  if (active?.includes(boardName)) return;
  await session.page.locator('nav button.board-link', { hasText: boardName }).click();
  await session.page.locator('[data-testid="item-card"]').first().waitFor({ timeout: 60_000 });
}
