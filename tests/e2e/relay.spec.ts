// The company relay as a person meets it in the Network view: a wrong address gets a clear,
// translated message and changes nothing; a real relay node shows as connected, with the page
// still passing axe; a relay of two nodes whose first is down connects through the second, and
// the invite then carries the relay; stopping using it says so, in both languages.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { removeDir, startHub, tempDataDir } from '../support/hub';
import { startRelayProcess } from '../support/relay-node';
import { expectNoAxeViolationsInBothThemes as expectNoAxeViolations } from './support/axe';
import { firstRun } from './support/goals-page';
import { openSettings } from './support/settings-page';

/** A loopback port nothing listens on: a relay node that is down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('set a relay in the Network view, see it connected, and stop using it', async ({ page }) => {
  const dataDir = tempDataDir();
  const relayData = mkdtempSync(join(tmpdir(), 'tandem-e2e-relay-'));
  const hub = await startHub({ dataDir });
  const relay = await startRelayProcess({ dataDir: relayData, name: 'e2e-relay' });
  try {
    await firstRun(page, hub.url);
    await openSettings(page);
    const section = page.getByRole('region', { name: 'Company relay' });
    await expect(section.getByText('No relay is set.')).toBeVisible();

    await section.getByLabel('Relay address').fill('http://relay.example.com');
    await section.getByRole('button', { name: 'Use this relay' }).click();
    await expect(section.getByText('“http://relay.example.com” is not a relay address.', { exact: false })).toBeVisible();
    await expect(section.getByText('No relay is set.')).toBeVisible();

    await section.getByLabel('Relay address').fill(relay.url);
    await section.getByRole('button', { name: 'Use this relay' }).click();
    await expect(section.getByTestId('relay-state')).toContainText(`Connected to ${relay.url}`, { timeout: 15_000 });
    await expectNoAxeViolations(page, 'the Network view with a relay');

    // Two nodes, the first one down: the laptop moves on to the second.
    const down = `ws://127.0.0.1:${await deadPort()}`;
    await section.getByRole('button', { name: 'Change relay' }).click();
    await expect(section.getByLabel('Relay address')).toHaveValue(relay.url);
    await section.getByLabel('Relay address').fill(`${down}, ${relay.url}`);
    await section.getByRole('button', { name: 'Use this relay' }).click();
    await expect(section.getByText(`Nodes, tried in turn: ${down}, ${relay.url}`)).toBeVisible();
    await expect(section.getByTestId('relay-state')).toContainText(`Connected to ${relay.url}`, { timeout: 15_000 });
    await page.getByRole('navigation').getByRole('button', { name: 'Invite teammates' }).click();
    await expect(page.getByRole('dialog', { name: 'Invite teammates' }).getByText(`The invite also carries the company relay (${down}, ${relay.url})`, { exact: false })).toBeVisible();
    await page.keyboard.press('Escape');

    await page.getByRole('navigation').getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('region', { name: '公司中继' }).getByTestId('relay-state')).toContainText(`已连接到 ${relay.url}`);
    await page.getByRole('region', { name: '公司中继' }).getByRole('button', { name: '停止使用中继' }).click();
    await expect(page.getByRole('region', { name: '公司中继' }).getByText('尚未设置中继。')).toBeVisible();
  } finally {
    await relay.stop('SIGKILL');
    await hub.stop();
    removeDir(dataDir);
    rmSync(relayData, { recursive: true, force: true });
  }
});
