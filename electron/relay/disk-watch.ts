// What a relay node does when its disk is full. The engine would log a failed store and carry
// on, and nobody would know until the node restarted without those changes. Here a store
// refused for lack of space (ENOSPC, EDQUOT) marks the node full: every peer of the doc, and
// every peer that connects while it lasts, is told (so the app can say so in its own words),
// and the refused docs are stored again every few seconds from what the node holds in memory.
// The first store that succeeds again tells the peers the relay has room. Nothing is lost
// meanwhile: each laptop keeps its envelope doc and sends the node whatever it lacks on the
// next connect.
import type { Document, Extension, connectedPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { RELAY_NOTICE } from '../../shared/relay/relay-names';
import type { RelayStore } from './relay-store';

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

export const isDiskFull = (error: unknown): boolean => DISK_FULL_CODES.has((error as NodeJS.ErrnoException | null)?.code ?? '');

export class DiskWatch implements Extension {
  /** Docs whose last store was refused for lack of space, by name. */
  private readonly refused = new Map<string, Document>();
  /** Every doc this node has loaded and not unloaded, to tell its peers the disk has room again. */
  private readonly loaded = new Set<Document>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly target: RelayStore,
    private readonly log: (line: string) => void,
    private readonly retryMs: number,
  ) {}

  get full(): boolean {
    return this.refused.size > 0;
  }

  /** The engine's store of one doc, through the node's storage. */
  async store(documentName: string, state: Uint8Array, document: Document): Promise<void> {
    try {
      await this.target.store(documentName, state);
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      this.markFull(documentName, document);
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

  private markFull(documentName: string, document: Document): void {
    if (!this.full) this.log('the disk is full: changes are held in memory and stored once there is room (the laptops keep theirs too)');
    this.refused.set(documentName, document);
    document.broadcastStateless(RELAY_NOTICE.diskFull);
    this.timer ??= setInterval(() => void this.retry(), this.retryMs);
    this.timer.unref?.();
  }

  private markStored(documentName: string): void {
    if (!this.refused.delete(documentName) || this.full) return;
    this.stop();
    this.log('the disk has room again: every change held in memory is stored');
    for (const document of this.loaded) document.broadcastStateless(RELAY_NOTICE.diskOk);
  }

  private async retry(): Promise<void> {
    for (const [documentName, document] of [...this.refused]) {
      try {
        await this.target.store(documentName, Y.encodeStateAsUpdate(document));
      } catch (error) {
        if (isDiskFull(error)) return;
        this.log(`storing a doc failed: ${(error as Error).message}`);
        continue;
      }
      this.markStored(documentName);
    }
  }
}
