// Small durable-file helpers: JSON written to a temporary file, fsynced and renamed over the
// old one, so a crash leaves either the old or the new file, never half of one.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import os from 'node:os';

/** Writes to one path run one after another, so two writers never share a temporary file or race a rename. */
const writesByPath = new Map<string, Promise<void>>();
let nextTmp = 0;

export function writeJsonAtomic(path: string, value: unknown, mode = 0o600): Promise<void> {
  const previous = writesByPath.get(path) ?? Promise.resolve();
  const write = previous.catch(() => undefined).then(() => writeJsonNow(path, value, mode));
  writesByPath.set(path, write);
  void write.finally(() => writesByPath.get(path) === write && writesByPath.delete(path)).catch(() => undefined);
  return write;
}

async function writeJsonNow(path: string, value: unknown, mode: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${process.pid}-${nextTmp++}`;
  const handle = await open(tmp, 'w', mode);
  try {
    // A temporary file left by a crash keeps its old mode when reopened: set it every time.
    await handle.chmod(mode);
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The per-user data folder the desktop app uses (Electron's userData for "Tandem", plus /data). */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Tandem', 'data');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Tandem', 'data');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Tandem', 'data');
}
