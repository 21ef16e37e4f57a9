// The few file-system moves the store makes durable: writing a whole file and fsyncing it,
// fsyncing a directory after a rename or create (without it ext4/xfs may forget the new entry
// on power loss; one fsync covers every entry made before it began, so concurrent ones share
// it), and creating the store's folders.
import { dirname, resolve } from 'node:path';
import type { StoreFileHandle, StoreFiles } from './store-files';

export async function syncDir(files: StoreFiles, dir: string): Promise<void> {
  // Windows cannot fsync a directory handle (FlushFileBuffers refuses); NTFS journals renames.
  if (process.platform === 'win32') return;
  const handle = await files.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Group commit for one directory's entries: `sync()` resolves once an fsync of the directory
 * that began after the call has completed. Thousands of docs created at once (a cold sync)
 * then cost a few directory fsyncs, not one each; each caller still waits for one covering it.
 */
export class DirectorySync {
  private running: Promise<void> | null = null;
  /** The fsync that starts when the running one ends, shared by every caller that came meanwhile. */
  private next: Promise<void> | null = null;

  constructor(
    private readonly files: StoreFiles,
    private readonly dir: string,
  ) {}

  sync(): Promise<void> {
    if (!this.running) return this.start();
    // The running fsync may have begun before the caller's entry was made: only the next one surely covers it.
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.start();
      });
    return this.next;
  }

  private start(): Promise<void> {
    const run = syncDir(this.files, this.dir).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}

/** Writes all of `bytes` at `position`: a write may be short, and a short record is a torn one. */
export async function writeFully(handle: StoreFileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.byteLength - done, position + done);
    if (bytesWritten <= 0) throw new Error('write made no progress');
    done += bytesWritten;
  }
}

/** Creates (or truncates) `path`, writes `bytes`, fsyncs. `wx` refuses to overwrite. */
export async function writeFileSynced(files: StoreFiles, path: string, bytes: Uint8Array, flags: 'w' | 'wx'): Promise<void> {
  const handle = await files.open(path, flags, 0o600);
  try {
    await writeFully(handle, bytes, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Puts `bytes` at `path` all at once (a crash leaves the old file or the new one, never half):
 * written and fsynced under a temp name, then renamed. The new entry is durable only once the
 * directory is fsynced, which is left to the caller.
 */
export async function renameIntoPlace(files: StoreFiles, path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp`;
  try {
    await writeFileSynced(files, tmp, bytes, 'w');
    await files.rename(tmp, path);
  } catch (error) {
    await files.rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** `renameIntoPlace`, then the directory fsynced: durable when it resolves. */
export async function replaceFileAtomically(files: StoreFiles, path: string, bytes: Uint8Array): Promise<void> {
  await renameIntoPlace(files, path, bytes);
  await syncDir(files, dirname(path));
}

/** mkdir -p with mode 0o700, then fsyncs the parent of every folder it created. */
export async function makeDirDurable(files: StoreFiles, dir: string): Promise<void> {
  const target = resolve(dir);
  const first = await files.mkdir(target, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  const created: string[] = [];
  for (let d = target; ; d = dirname(d)) {
    created.unshift(d);
    if (d === resolve(first) || dirname(d) === d) break;
  }
  for (const d of created) await syncDir(files, dirname(d));
}
