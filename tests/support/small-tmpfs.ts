// A small tmpfs for tests of a full disk: mounted on a fresh folder (needs root, or
// CAP_SYS_ADMIN; where it is refused the caller skips and says why), filled to the last byte
// with a filler file, freed by deleting it, unmounted after.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type SmallTmpfs = { ok: true; dir: string; unmount(): void } | { ok: false; reason: string };

export function mountSmallTmpfs(size = '4m'): SmallTmpfs {
  if (process.platform !== 'linux') return { ok: false, reason: 'tmpfs mounts are a Linux feature' };
  const dir = mkdtempSync(join(tmpdir(), 'tandem-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmdirSync(dir);
    return { ok: false, reason: String((error as { stderr?: Buffer }).stderr ?? error).trim() || 'mount failed' };
  }
  return {
    ok: true,
    dir,
    unmount: () => {
      execFileSync('umount', [dir]);
      rmdirSync(dir);
    },
  };
}

/** Writes zeros into `<dir>/filler` until the file system says ENOSPC; returns the filler's path. */
export function fillDisk(dir: string): string {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (let size = chunk.length; size > 0; ) {
      try {
        writeSync(fd, chunk, 0, size);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        size = size > 1 ? Math.floor(size / 2) : 0; // down to the last byte that fits
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}
