// What a relay node does when a store fails. The engine would log it and carry on, and the doc
// would stay unstored until its next change (or for ever, if none came before a restart). Here
// every failed store is tried again every few seconds from what the node holds in memory (a
// database that was restarted, a disk that filled up). A store refused for lack of space
// (ENOSPC, EDQUOT) also marks the node full: every peer of the doc, and every peer that connects
// while it lasts, is told (so the app can say so in its own words); the store that succeeds
// again tells the peers the relay has room. Nothing is lost
// meanwhile: each laptop keeps its envelope doc and sends the node whatever it lacks on the
// next connect.
import type { Document, Extension, connectedPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { RELAY_NOTICE } from '../../shared/relay/relay-names';
import type { RelayStore } from './relay-store';

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

export const isDiskFull = (error: unknown): boolean => DISK_FULL_CODES.has((error as NodeJS.ErrnoException | null)?.code ?? '');

export class DiskWatch implements Extension {
  /** Docs whose last store failed, by name, and whether it failed for lack of space. */
  private readonly failed = new Map<string, { document: Document; diskFull: boolean }>();
  /** Every doc this node has loaded and not unloaded, to tell its peers the disk has room again. */
  private readonly loaded = new Set<Document>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly target: RelayStore,
    private readonly log: (line: string) => void,
    private readonly retryMs: number,
  ) {}

  /** A store failed for lack of space and has not succeeded since. */
  get full(): boolean {
    for (const entry of this.failed.values()) if (entry.diskFull) return true;
    return false;
  }

  /** The engine's store of one doc, through the node's storage; a failure is retried, not lost. */
  async store(documentName: string, state: Uint8Array, document: Document): Promise<void> {
    try {
      await this.target.store(documentName, state);
    } catch (error) {
      this.markFailed(documentName, document, error);
      return;
    }
    this.markStored(documentName);
  }

  async afterLoadDocument({ document }: { document: Document }): Promise<void> {
    this.loaded.add(document);
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    for (const document of this.loaded) if (document.name === documentName) this.loaded.delete(document);
  }

  async connected({ connection }: connectedPayload): Promise<void> {
    if (this.full) connection.sendStateless(RELAY_NOTICE.diskFull);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private markFailed(documentName: string, document: Document, error: unknown): void {
    const diskFull = isDiskFull(error);
    const wasFull = this.full;
    this.failed.set(documentName, { document, diskFull });
    if (diskFull) {
      if (!wasFull) this.log('the disk is full: changes are held in memory and stored once there is room (the laptops keep theirs too)');
      document.broadcastStateless(RELAY_NOTICE.diskFull);
    } else {
      this.log(`storing a doc failed, trying again every ${Math.round(this.retryMs / 1000)} s: ${(error as Error)?.message ?? String(error)}`);
    }
    this.timer ??= setInterval(() => void this.retry(), this.retryMs);
    this.timer.unref?.();
  }

  private markStored(documentName: string): void {
    const wasFull = this.full;
    if (!this.failed.delete(documentName)) return;
    if (this.failed.size === 0) this.stop();
    if (wasFull && !this.full) {
      this.log('the disk has room again: every change held in memory is stored');
      for (const document of this.loaded) document.broadcastStateless(RELAY_NOTICE.diskOk);
    }
  }

  private async retry(): Promise<void> {
    for (const [documentName, entry] of [...this.failed]) {
      try {
        await this.target.store(documentName, Y.encodeStateAsUpdate(entry.document));
      } catch (error) {
        entry.diskFull = isDiskFull(error);
        continue;
      }
      this.markStored(documentName);
    }
  }
}
