// `npm start`: builds what changed, then opens Tandem in Electron. Where the Electron runtime is
// not available (Electron 45 downloads its binary on first use, which fails offline) it says so
// in one line and runs the hub in this terminal instead, so Tandem opens in browser mode.
// Arguments after `npm start --` go to the hub (e.g. `--port 8080`).
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const hubArgs = process.argv.slice(2);

const build = spawnSync(process.execPath, [join(root, 'build/scripts/build.mjs'), '--if-needed'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** The Electron executable, or why there is none (in a few words). */
function findElectron() {
  // In a child: on first use `require('electron')` downloads the binary, and throws when it can't.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 90_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (probe.error) return { reason: probe.error.code === 'ETIMEDOUT' ? 'fetching it took longer than 90 s' : probe.error.message };
  if (probe.status !== 0) {
    const stderr = probe.stderr ?? '';
    if (stderr.includes('failed to install correctly')) return { reason: 'its binary is not installed and could not be downloaded' };
    const message = /Error: ([^\n]+)/.exec(stderr)?.[1] ?? `the probe exited with code ${probe.status}`;
    return { reason: message.length > 120 ? `${message.slice(0, 117)}…` : message };
  }
  // The download step may print progress before the path: the path is the last line.
  const path = (probe.stdout ?? '').trim().split('\n').at(-1)?.trim() ?? '';
  if (!path || !existsSync(path)) return { reason: `no executable at ${path || '(empty path)'}` };
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return { reason: `${path} is not executable` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { reason: 'there is no graphical display ($DISPLAY and $WAYLAND_DISPLAY are unset)' };
  return { path };
}

/** Runs `command` in this terminal, forwarding Ctrl+C / SIGTERM and its exit code. */
function runForwarding(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Tandem: cannot start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 0)));
}

const electron = findElectron();
if (electron.path) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make Electron behave as plain Node
  runForwarding(electron.path, [root], env);
} else {
  console.log(`Tandem: the Electron runtime is not available on this machine (${electron.reason}), so Tandem opens in browser mode instead.`);
  runForwarding(process.execPath, [join(root, 'dist/peer/peer.cjs'), ...hubArgs]);
}
