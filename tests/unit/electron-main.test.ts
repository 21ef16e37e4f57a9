// The bundled entry (electron/main/main.ts) against the fake `electron` module: it hands the
// shell Electron's own pieces and the paths beside the bundle (dist/renderer, preload, peer).
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FakeElectron } from '../fakes/electron';

const holder = vi.hoisted(() => ({ electron: null as FakeElectron | null, userData: '' }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('../fakes/electron');
  holder.electron = createFakeElectron({ userData: holder.userData });
  return holder.electron;
});

const mainDir = path.resolve(__dirname, '../../electron/main');

beforeAll(async () => {
  holder.userData = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-main-'));
});
afterAll(async () => {
  await fs.rm(holder.userData, { recursive: true, force: true });
});

it('the entry starts the shell with the renderer, preload and peer that sit beside the bundle', async () => {
  await import('../../electron/main/main');
  const fake = holder.electron!;
  expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['tandem']);
  fake.app.ready();
  await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1));
  expect(fake.BrowserWindow.instances[0]!.options.webPreferences?.preload).toBe(path.join(mainDir, 'preload.cjs'));
  expect(fake.utilityProcess.children[0]!.modulePath).toBe(path.join(mainDir, '../peer/peer.cjs'));
  expect(fake.protocol.handlers.has('tandem')).toBe(true);
});
