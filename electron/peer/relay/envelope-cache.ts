// A laptop's copies of its envelope docs, kept in the data folder so that a restart does not
// pull every envelope from the relay again: the provider then asks only for what changed. One
// file per envelope under `relay-envelopes/<namespace>/`, written within half a minute of a change and
// replaced atomically. It is a cache: a missing, stale or unreadable file only costs a download
// (the sync fills in the rest), and it holds only sealed blobs, as the relay does. A new secret
// (a new namespace) or no relay at all deletes the old copies.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { ENVELOPE_DOC_NAME } from '../../../shared/relay/relay-names';
import { makeDirDurable, replaceFileAtomically } from '../store/durable-fs';
import { nodeFiles } from '../store/store-files';

export const ENVELOPES_DIR = 'relay-envelopes';

export interface EnvelopeCacheOptions {
  readonly dataDir: string;
  /**
   * How long after a change an envelope is written. Each write re-encodes the whole envelope (a
   * big board's is megabytes), so not while someone types: a restart in between only pulls the
   * blobs that came after the last write.
   */
  readonly delayMs?: number;
  onDidFail?(error: unknown): void;
}

export class EnvelopeCache {
  private readonly pending = new Map<string, { envelope: Y.Doc; timer: ReturnType<typeof setTimeout> }>();
  private readonly watched = new Map<string, () => void>();
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: EnvelopeCacheOptions) {}

  /** Deletes the copies of every namespace but `keep` (all of them when null). */
  async keepOnly(keep: string | null): Promise<void> {
    const root = join(this.options.dataDir, ENVELOPES_DIR);
    let names: string[];
    try {
      names = await readdir(root);
    } catch {
      return;
    }
    for (const name of names) if (name !== keep) await rm(join(root, name), { recursive: true, force: true });
  }

  /** The saved copy of envelope `name`, or null. */
  async load(name: string): Promise<Uint8Array | null> {
    const path = this.pathOf(name);
    if (!path) return null;
    try {
      return new Uint8Array(await readFile(path.file));
    } catch {
      return null;
    }
  }

  /** Writes `envelope` (named `name`) a little after each change, until `unwatch`. */
  watch(name: string, envelope: Y.Doc): void {
    if (this.watched.has(name) || !this.pathOf(name)) return;
    const onUpdate = () => this.schedule(name, envelope);
    envelope.on('update', onUpdate);
    this.watched.set(name, () => envelope.off('update', onUpdate));
  }

  /** Stops watching `name`, writing what changed first. */
  unwatch(name: string): void {
    this.watched.get(name)?.();
    this.watched.delete(name);
    const entry = this.pending.get(name);
    if (entry) {
      clearTimeout(entry.timer);
      this.write(name, entry.envelope);
    }
  }

  /** Every pending write, done. */
  async flush(): Promise<void> {
    for (const [name, entry] of [...this.pending]) {
      clearTimeout(entry.timer);
      this.write(name, entry.envelope);
    }
    await this.writes;
  }

  private schedule(name: string, envelope: Y.Doc): void {
    if (this.pending.has(name)) return;
    const timer = setTimeout(() => this.write(name, envelope), this.options.delayMs ?? 30_000);
    timer.unref?.();
    this.pending.set(name, { envelope, timer });
  }

  private write(name: string, envelope: Y.Doc): void {
    this.pending.delete(name);
    const path = this.pathOf(name)!;
    const state = Y.encodeStateAsUpdate(envelope);
    this.writes = this.writes
      .then(async () => {
        await makeDirDurable(nodeFiles, path.dir);
        await replaceFileAtomically(nodeFiles, path.file, state);
      })
      .catch((error: unknown) => this.options.onDidFail?.(error));
  }

  private pathOf(name: string): { dir: string; file: string } | null {
    const match = ENVELOPE_DOC_NAME.exec(name);
    if (!match) return null;
    const dir = join(this.options.dataDir, ENVELOPES_DIR, match[1]!);
    return { dir, file: join(dir, `${match[2]}.yenv`) };
  }
}
