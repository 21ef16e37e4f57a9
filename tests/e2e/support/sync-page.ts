// What a person does with LAN sync, as reusable steps for the end-to-end tests: read the invite
// code from the invite dialog, join by invite from the first-run screen, read the sync status.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { HERMETIC_LAN_ARGS, removeDir, startHub, tempDataDir, type RunningHub } from '../../support/hub';

/** Opens "Invite teammates" and returns the code it shows. */
export async function readInviteCode(page: Page): Promise<string> {
  await page.getByRole('navigation').getByRole('button', { name: 'Invite teammates' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite teammates' });
  const code = dialog.getByTestId('invite-code');
  await expect(code).toHaveValue(/^TANDEM1-/);
  await expect(dialog.getByTestId('invite-link')).toHaveValue(/^tandem:\/\/join\?code=/);
  await expect(dialog.getByRole('img', { name: 'QR code of the invite link' })).toBeVisible();
  const value = await code.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  return value;
}

/** On the first-run screen: joins the workspace an invite names as `name` of the product team. */
export async function joinByInvite(page: Page, url: string, code: string, name: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Welcome to Tandem' })).toBeVisible();
  await page.getByRole('button', { name: 'Join a workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Join a workspace' });
  await dialog.getByLabel('Invite code').fill(code);
  await dialog.getByLabel('Your name').fill(name);
  await dialog.getByLabel('Product team').check();
  await dialog.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();
}

/** `Alone`: nobody else in the workspace yet, which reads calmly as only on this laptop. */
export async function expectSyncStatus(page: Page, status: { connected: string; progress: string } | 'Offline' | 'Alone', timeout = 10_000): Promise<void> {
  const indicator = page.getByTestId('sync-indicator');
  if (status === 'Offline') return expect(indicator).toHaveText('Offline', { timeout });
  if (status === 'Alone') return expect(indicator).toHaveText('Only on this laptop', { timeout });
  try {
    await expect(indicator.getByTestId('sync-connected')).toHaveText(status.connected, { timeout });
    await expect(indicator.getByTestId('sync-progress')).toHaveText(status.progress, { timeout });
  } catch (error) {
    // What the peer reported, so a failure says which teammate's docs were still counted as syncing.
    const network = await page.evaluate(() => JSON.stringify((window as unknown as { __tandem?: { store: { getState(): { network: unknown } } } }).__tandem?.store.getState().network ?? null)).catch(() => 'unavailable');
    throw new Error(`${(error as Error).message}\nNetwork status the window holds: ${network}`);
  }
}

/**
 * Two teammates' laptops on loopback: a hub each (LAN on 127.0.0.1, no mDNS) and a browser
 * context each. Hub B can stop and come back on the same address and token, as a laptop that
 * leaves the office does. `close()` tears everything down.
 */
export class TwoLaptops {
  private readonly hubs: RunningHub[] = [];
  private constructor(
    private readonly contexts: readonly BrowserContext[],
    readonly dirs: readonly [string, string],
    public hubA: RunningHub,
    public hubB: RunningHub,
    readonly pageA: Page,
    readonly pageB: Page,
  ) {
    this.hubs.push(hubA, hubB);
  }

  static async open(browser: Browser): Promise<TwoLaptops> {
    const dirs = [tempDataDir(), tempDataDir()] as const;
    const contexts = [await browser.newContext(), await browser.newContext()];
    const hubs: RunningHub[] = [];
    try {
      for (const dataDir of dirs) hubs.push(await startHub({ dataDir, lanArgs: HERMETIC_LAN_ARGS }));
      const pages = [await (contexts[0] as BrowserContext).newPage(), await (contexts[1] as BrowserContext).newPage()];
      return new TwoLaptops(contexts, dirs, hubs[0] as RunningHub, hubs[1] as RunningHub, pages[0] as Page, pages[1] as Page);
    } catch (error) {
      for (const context of contexts) await context.close();
      for (const hub of hubs) await hub.stop();
      dirs.forEach(removeDir);
      throw error;
    }
  }

  /** Stops hub B cleanly; resolves with its exit code. */
  stopB(): Promise<number | null> {
    return this.hubB.stop();
  }

  /** Starts hub B again on its data folder, port and token, so B's open page reconnects. */
  async restartB(): Promise<void> {
    this.hubB = await startHub({ dataDir: this.dirs[1], port: this.hubB.port, token: this.hubB.token, lanArgs: HERMETIC_LAN_ARGS });
    this.hubs.push(this.hubB);
  }

  /** Starts hub B again as an operator would, with no address flags: it must come back where its data folder remembers. */
  async restartBWithDefaults(): Promise<void> {
    this.hubB = await startHub({ dataDir: this.dirs[1], addressFlags: [], lanArgs: HERMETIC_LAN_ARGS });
    this.hubs.push(this.hubB);
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
    for (const hub of this.hubs) await hub.stop();
    this.dirs.forEach(removeDir);
  }
}
