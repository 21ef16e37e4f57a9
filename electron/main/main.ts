// Entry of the Electron main process (bundled to dist/electron/main.cjs, `electron` external).
// It only hands the real `electron` module and the bundle's sibling paths to `startShell`;
// everything else lives in the modules beside it, each testable against a fake.
import { BrowserWindow, Menu, MessageChannelMain, app, ipcMain, protocol, session, shell, utilityProcess } from 'electron';
import path from 'node:path';
import { startShell } from './shell';

startShell(
  { app, BrowserWindow, ipcMain, Menu, MessageChannelMain, protocol, session, shell, utilityProcess },
  {
    rendererDir: path.join(__dirname, '../renderer'),
    preloadPath: path.join(__dirname, 'preload.cjs'),
    peerModulePath: path.join(__dirname, '../peer/peer.cjs'),
  },
  { peerOutput: (chunk) => process.stderr.write(chunk) },
);
