// The desktop shell's local peer as a REAL process (the fake `electron` module's utility process
// forks dist/peer/peer.cjs --utility): killed with SIGKILL, it is restarted, the window's real
// LinkClient reconnects on the new port, and edits made while it was down reach it and are
// acknowledged, and are on disk after the app quits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { WINDOW_LINK_PORT_MESSAGE, type TandemBridge } from '../../shared/api/bridge';
import { startShell } from '../../electron/main/shell';
import { createLogger } from '../../electron/peer/logger';
import { Replica } from '../../electron/peer/replica';
import { ReplicaStore } from '../../electron/peer/store/replica-store';
import { LinkClient, type LinkStatus } from '../../renderer/src/link/link-client';
import { electronPortTransport } from '../../renderer/src/link/transports';
import { createFakeElectron, type FakeBrowserWindow } from '../fakes/electron';
import { createRealUtilityProcess } from '../fakes/real-utility-process';
import { docJson } from '../support/doc-hash';
import { waitFor } from './support/link-test-client';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllGlobals();
});

/**
 * The page's side of a window: the preload's one line (a link port from main is posted to the
 * page) and `window.tandem.invoke`, so the renderer's own port transport runs unchanged.
 */
function pageOf(fake: ReturnType<typeof createFakeElectron>, window: FakeBrowserWindow): TandemBridge {
  const page = new EventTarget();
  vi.stubGlobal('window', page);
  const contents = window.webContents;
  const post = contents.postMessage.bind(contents);
  contents.postMessage = (channel, message, transfer = []) => {
    post(channel, message, transfer);
    setTimeout(() => page.dispatchEvent(Object.assign(new Event('message'), { source: page, data: WINDOW_LINK_PORT_MESSAGE, ports: transfer })), 0);
  };
  return { kind: 'electron', invoke: (channel: string) => fake.ipcMain.invoke(channel, { sender: contents }) } as unknown as TandemBridge;
}

it('a peer killed under the desktop shell is restarted, and edits made while it was down reach it, are acknowledged and are on disk', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'tandem-desktop-'));
  cleanups.push(() => rmSync(userData, { recursive: true, force: true }));
  const fake = createFakeElectron({ userData });
  const utilityProcess = createRealUtilityProcess();
  cleanups.push(() => utilityProcess.children.forEach((child) => child.exited || child.process.kill('SIGKILL')));
  const log: string[] = [];
  const shell = startShell({ ...fake, utilityProcess, MessageChannelMain: MessageChannel }, { rendererDir: '/r', preloadPath: '/p.cjs', peerModulePath: resolve('dist/peer/peer.cjs') }, { log: (line) => log.push(line), peerOutput: () => undefined });
  fake.app.ready();
  await shell.ready;

  const statuses: LinkStatus[] = [];
  const link = new LinkClient(electronPortTransport(pageOf(fake, fake.BrowserWindow.instances[0]!)), {
    onDidChangeStatus: (status) => statuses.push(status),
    onDidHello: () => undefined,
    onDidNotice: () => undefined,
    onDidSave: () => undefined,
  });
  cleanups.push(() => link.stop());
  link.start();
  await waitFor(() => link.status === 'online', 20_000);
  const { workspace } = await link.request<{ workspace: { id: string } }>('create-workspace', { workspaceName: 'Desk', memberName: 'Mei', team: 'product', goalsBoardName: 'Goals' });
  const doc = new Y.Doc({ guid: workspace.id });
  link.addDoc(workspace.id, doc);
  doc.getMap('notes').set('before', 'saved before the crash');
  await waitFor(() => link.isSaved(workspace.id));

  const first = utilityProcess.children[0]!;
  process.kill(first.pid, 'SIGKILL');
  await waitFor(() => link.status === 'offline');
  for (let i = 0; i < 20; i++) doc.getMap('notes').set(`while-down-${i}`, `edit ${i} made with no peer running`);
  expect(link.isSaved(workspace.id)).toBe(false);

  await waitFor(() => utilityProcess.children.length === 2 && link.status === 'online', 20_000);
  await waitFor(() => link.isSaved(workspace.id), 20_000);
  expect(log.some((line) => line.includes('exited unexpectedly'))).toBe(true);
  // (The window may reconnect twice: the restart pushes a port and the window's own ask gets one.)
  expect(statuses.slice(0, 2)).toEqual(['online', 'offline']);
  const expected = docJson(doc);

  fake.app.quit(); // asks the peer to shut down and waits for it
  await waitFor(() => fake.app.quitted && utilityProcess.children[1]!.exited, 10_000);
  const quiet = createLogger(() => undefined);
  const replica = new Replica(await ReplicaStore.open(join(userData, 'data'), { logger: quiet }), quiet, { onDidSave: () => undefined, onDidRecover: () => undefined, onDidFailWrite: () => undefined });
  expect(docJson(await replica.open(workspace.id))).toBe(expected);
  await replica.close();
});
