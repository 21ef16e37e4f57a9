// A file layer for the peer's store that can fill up: writes go to the real files underneath
// until `space` bytes are used, then a write takes what fits and the next fails with ENOSPC, as
// write(2) does on a full disk. `hold()` parks writes so a test can order them deterministically.
import { nodeFiles, type StoreFileHandle, type StoreFiles } from '../../electron/peer/store/store-files';

export function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

export class FillableDisk {
  /** Bytes that may still be written; Infinity means room to spare. */
  space = Infinity;
  /** The next this-many writes fail with ENOSPC whatever the space (a disk another process filled and freed). */
  failNextWrites = 0;
  failedWrites = 0;
  private gate: Promise<void> | null = null;
  private openGate: () => void = () => undefined;

  readonly files: StoreFiles = {
    ...nodeFiles,
    open: async (path, flags, mode) => this.wrap(await nodeFiles.open(path, flags, mode)),
  };

  /** Writes wait until `release()`. */
  hold(): void {
    this.gate ??= new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.gate = null;
    this.openGate();
  }

  private wrap(handle: StoreFileHandle): StoreFileHandle {
    return {
      write: async (buffer, offset, length, position) => {
        while (this.gate) await this.gate;
        if (this.failNextWrites > 0 || this.space <= 0) {
          if (this.failNextWrites > 0) this.failNextWrites--;
          this.failedWrites++;
          throw enospc();
        }
        const fits = Math.min(length, this.space);
        const result = await handle.write(buffer, offset, fits, position);
        this.space -= result.bytesWritten;
        return result;
      },
      sync: () => handle.sync(),
      truncate: (length) => handle.truncate(length),
      close: () => handle.close(),
    };
  }
}
