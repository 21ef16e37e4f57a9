// One peer per data folder: a lock file holding the owner's pid, so the hub and the desktop
// app (or two hubs) never write the same logs at once. A lock left by a dead process is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export class DataFolderBusyError extends Error {
  override readonly name = 'DataFolderBusyError';
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`the data folder ${dataDir} is in use by another Tandem process (pid ${pid}); close it first or choose another folder with --data`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock; resolves to a function that releases it. */
export async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, 'peer.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.sync();
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataFolderBusyError(dataDir, pid);
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
