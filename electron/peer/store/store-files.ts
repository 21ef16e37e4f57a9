// The file operations the store makes, as one object: Node's fs by default. Tests hand the store
// a layer that fails the way a full disk does (ENOSPC), so what the peer does then is exercised
// without filling a real disk; nothing else in the store touches `node:fs` directly.
// Handles are plain file descriptors driven through fs's callback API: a cold sync creates
// thousands of logs, and a `fs/promises` FileHandle costs the peer's one thread more per open,
// write, fsync and close (an object per file, tracked until closed) than the call it wraps.
import { close, fsync, ftruncate, open as openFd, write } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';

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

type Done<T> = (error: NodeJS.ErrnoException | null, value: T) => void;

/** A callback-style fs call as a promise. */
function call<T>(start: (done: Done<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}

/** An open file descriptor; closed once, after which every call rejects rather than reach a reused descriptor. */
class FdHandle implements StoreFileHandle {
  private fd: number | null;

  constructor(fd: number) {
    this.fd = fd;
  }

  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }> {
    return this.use<number>((fd, done) => write(fd, buffer, offset, length, position, (error, bytesWritten) => done(error, bytesWritten))).then((bytesWritten) => ({ bytesWritten }));
  }

  sync(): Promise<void> {
    return this.use<void>((fd, done) => fsync(fd, (error) => done(error, undefined)));
  }

  truncate(length: number): Promise<void> {
    return this.use<void>((fd, done) => ftruncate(fd, length, (error) => done(error, undefined)));
  }

  close(): Promise<void> {
    const fd = this.fd;
    if (fd === null) return Promise.resolve();
    this.fd = null;
    return call<void>((done) => close(fd, (error) => done(error, undefined)));
  }

  private use<T>(start: (fd: number, done: Done<T>) => void): Promise<T> {
    const fd = this.fd;
    if (fd === null) return Promise.reject(Object.assign(new Error('file handle is closed'), { code: 'EBADF' }));
    return call<T>((done) => start(fd, done));
  }
}

export const nodeFiles: StoreFiles = {
  open: (path, flags, mode) => call<number>((done) => openFd(path, flags, mode, done)).then((fd) => new FdHandle(fd)),
  readFile: (path) => readFile(path),
  rename: (from, to) => rename(from, to),
  rm: (path, options) => rm(path, options),
  readdir: (path) => readdir(path),
  mkdir: (path, options) => mkdir(path, options),
};
