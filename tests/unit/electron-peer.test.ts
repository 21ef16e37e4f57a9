// The local peer's utility process as the shell runs it: forked with the right arguments,
// restarted with backoff after a crash (every window then gets a new port), and stopped with
// a bounded wait when the app quits so acknowledged writes reach the disk.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EVENT_LINK_PORT } from '../../shared/api/bridge';
import { RESTART_BACKOFF_MS, STABLE_UPTIME_MS, createPeerProcess } from '../../electron/main/peer-process';
import { startShell } from '../../electron/main/shell';
import { createFakeElectron } from '../fakes/electron';

let userData: string;
beforeEach(async () => {
  userData = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-peer-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await fs.rm(userData, { recursive: true, force: true });
});

async function launch(options: { peerOutput?: (chunk: Uint8Array | string) => void } = {}) {
  const fake = createFakeElectron({ userData });
  const log: string[] = [];
  const shell = startShell(fake, { rendererDir: '/r', preloadPath: '/p.cjs', peerModulePath: '/opt/tandem/dist/peer/peer.cjs' }, { log: (line) => log.push(line), ...options });
  fake.app.ready();
  await shell.ready;
  return { fake, log, window: fake.BrowserWindow.instances[0]! };
}

const linkPortsSentTo = (contents: { posted: { channel: string }[] }) => contents.posted.filter((p) => p.channel === EVENT_LINK_PORT).length;

describe('the local peer process', () => {
  it('is forked from dist/peer/peer.cjs as a utility process with its data folder under userData', async () => {
    const { fake } = await launch();
    expect(fake.utilityProcess.children).toHaveLength(1);
    const child = fake.utilityProcess.children[0]!;
    expect(child.modulePath).toBe('/opt/tandem/dist/peer/peer.cjs');
    expect(child.args).toEqual(['--utility', '--data', path.join(userData, 'data')]);
    expect(child.options).toEqual({ serviceName: 'Tandem peer', stdio: 'pipe' });
    expect((await fs.stat(path.join(userData, 'data'))).isDirectory()).toBe(true);
  });

  it("drains the peer's output and logs when it is ready", async () => {
    const output: string[] = [];
    const { fake, log } = await launch({ peerOutput: (chunk) => output.push(String(chunk)) });
    const child = fake.utilityProcess.children[0]!;
    child.stdout.emit('data', 'hello\n');
    child.stderr.emit('data', 'warning\n');
    child.emit('message', { type: 'ready', peerId: 'peer-1' });
    expect(output).toEqual(['hello\n', 'warning\n']);
    expect(log).toContain('Tandem: local peer peer-1 ready');
  });

  it('is restarted after a crash, and every window is handed a port to the new peer', async () => {
    const { fake, window } = await launch();
    await fake.ipcMain.invoke('tandem:request-link', { sender: window.webContents });
    expect(linkPortsSentTo(window.webContents)).toBe(1);
    vi.useFakeTimers();
    fake.utilityProcess.children[0]!.exit(1);
    vi.advanceTimersByTime(RESTART_BACKOFF_MS[0] - 1);
    expect(fake.utilityProcess.children).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(fake.utilityProcess.children).toHaveLength(2);
    const restarted = fake.utilityProcess.children[1]!;
    expect(restarted.args).toEqual(['--utility', '--data', path.join(userData, 'data')]);
    expect(restarted.posted.map((p) => p.message)).toEqual([{ type: 'link' }]);
    expect(linkPortsSentTo(window.webContents)).toBe(2);
  });

  it('a window asking for a link while the peer is down gets its port once the peer is back', async () => {
    const { fake, window } = await launch();
    vi.useFakeTimers();
    fake.utilityProcess.children[0]!.exit(1);
    expect(await fake.ipcMain.invoke('tandem:request-link', { sender: window.webContents })).toEqual({ ok: true, value: true });
    expect(linkPortsSentTo(window.webContents)).toBe(0);
    vi.advanceTimersByTime(RESTART_BACKOFF_MS[0]);
    expect(linkPortsSentTo(window.webContents)).toBe(1);
  });

  it('waits longer after each crash in a row, and starts over after a stable run', () => {
    vi.useFakeTimers();
    const fake = createFakeElectron();
    fake.app.ready();
    const peer = createPeerProcess({ utilityProcess: fake.utilityProcess, MessageChannelMain: fake.MessageChannelMain, modulePath: '/peer.cjs', dataDir: '/data', onDidRestart: () => undefined, log: () => undefined });
    peer.start();
    const crashAndMeasure = () => {
      const count = fake.utilityProcess.children.length;
      fake.utilityProcess.children.at(-1)!.exit(1);
      let waited = 0;
      while (fake.utilityProcess.children.length === count) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      return waited;
    };
    expect([crashAndMeasure(), crashAndMeasure(), crashAndMeasure()]).toEqual([RESTART_BACKOFF_MS[0], RESTART_BACKOFF_MS[1], RESTART_BACKOFF_MS[2]]);
    vi.advanceTimersByTime(STABLE_UPTIME_MS);
    expect(crashAndMeasure()).toBe(RESTART_BACKOFF_MS[0]);
  });

  it('quitting asks the peer to shut down and holds the quit until it has exited', async () => {
    const { fake } = await launch();
    const child = fake.utilityProcess.children[0]!;
    fake.utilityProcess.exitOnShutdown = false;
    fake.app.quit();
    expect(fake.app.quitted).toBe(false);
    expect(child.posted.at(-1)?.message).toEqual({ type: 'shutdown' });
    fake.app.quit(); // a second Cmd+Q while waiting changes nothing
    expect(child.posted.filter((p) => (p.message as { type: string }).type === 'shutdown')).toHaveLength(1);
    child.exit(0);
    await expect.poll(() => fake.app.quitted).toBe(true);
    expect(child.killed).toBe(false);
    expect(fake.utilityProcess.children).toHaveLength(1);
  });

  it('a peer that does not stop within 5 s is killed, and the app still quits', async () => {
    const { fake, log } = await launch();
    const child = fake.utilityProcess.children[0]!;
    fake.utilityProcess.exitOnShutdown = false;
    vi.useFakeTimers();
    fake.app.quit();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(child.killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(child.killed).toBe(true);
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true));
    expect(log.some((line) => line.includes('did not stop within 5000 ms'))).toBe(true);
  });

  it('is not restarted once the app has asked it to stop', async () => {
    const { fake } = await launch();
    vi.useFakeTimers();
    fake.app.quit();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.utilityProcess.children).toHaveLength(1);
    expect(fake.app.quitted).toBe(true);
  });
});
