// The file operations the store makes, as one object: Node's fs by default. Tests hand the store
// a layer that fails the way a full disk does (ENOSPC), so what the peer does then is exercised
// without filling a real disk; nothing else in the store touches `node:fs` directly.
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';

/** The part of a `FileHandle` the store uses. */
export interface StoreFileHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface StoreFiles {
  open(path: string, flags: 'r' | 'r+' | 'w' | 'wx', mode?: number): Promise<StoreFileHandle>;
  readFile(path: string): Promise<Buffer>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean; recursive?: boolean }): Promise<void>;
  readdir(path: string): Promise<string[]>;
  /** Returns the first folder it created, as `mkdir -p` does (undefined when all existed). */
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<string | undefined>;
}

export const nodeFiles: StoreFiles = {
  open: (path, flags, mode) => open(path, flags, mode),
  readFile: (path) => readFile(path),
  rename: (from, to) => rename(from, to),
  rm: (path, options) => rm(path, options),
  readdir: (path) => readdir(path),
  mkdir: (path, options) => mkdir(path, options),
};
