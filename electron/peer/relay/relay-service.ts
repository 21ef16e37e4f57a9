// The relay as a peer runs it, beside the LAN: which relay this laptop uses (remembered in the
// data folder), and, while it holds a workspace, one RelayLink syncing every doc the replica
// holds or opens, and every board the workspace's index lists (a laptop that joined through the
// relay alone learns its boards from there). Keys come from the workspace secret, so a rotated
// secret restarts the link with new ones. Nothing here blocks the LAN or the local link: a relay that is down only
// shows as such.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readWorkspace } from '../../../shared/model/workspace';
import { readJsonFile, writeJsonAtomic } from '../files';
import type { PeerLogger } from '../logger';
import type { Replica } from '../replica';
import { relayKeys } from './relay-keys';
import { RelayLink, type RelayLinkStatus } from './relay-link';

const RELAY_FILE = 'relay.json';
const relayFile = z.object({ url: z.string() });

/** A relay address as a person or an invite gives it: ws:// or wss://, a host, no credentials. */
export function parseRelayUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || !url.hostname || url.username || url.password || url.search || url.hash) return null;
  return url.toString().replace(/\/$/, '');
}

export interface RelayServiceHost {
  readonly dataDir: string;
  readonly peerId: string;
  readonly logger: PeerLogger;
  readonly replica: Replica;
}

export class RelayService {
  private link: RelayLink | null = null;
  private stopWatching: (() => void) | null = null;
  private url: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly host: RelayServiceHost) {}

  /** The relay this laptop was told to use, from the data folder. */
  async load(): Promise<void> {
    const parsed = relayFile.safeParse(await readJsonFile(join(this.host.dataDir, RELAY_FILE)));
    this.url = parsed.success ? parseRelayUrl(parsed.data.url) : null;
  }

  get configuredUrl(): string | null {
    return this.url;
  }

  /** Uses `url` from now on (null: no relay), remembered across restarts; restarts the link if running. */
  async setUrl(url: string | null, workspace: { id: string; secret: Uint8Array } | null): Promise<void> {
    const path = join(this.host.dataDir, RELAY_FILE);
    if (url === null) await rm(path, { force: true });
    else await writeJsonAtomic(path, { url });
    this.url = url;
    this.stop();
    if (workspace) await this.start(workspace.id, workspace.secret);
    else this.changed();
  }

  /** Syncs every doc the replica holds, and each it opens later, with the relay (if one is set). */
  async start(workspaceId: string, secret: Uint8Array): Promise<void> {
    this.stop();
    if (!this.url) return;
    const { replica, peerId, logger } = this.host;
    const link = new RelayLink({ url: this.url, keys: relayKeys(secret), sender: peerId, onDidChangeStatus: () => this.changed() });
    this.link = link;
    const synced = new Set<string>();
    const sync = (docId: string) => {
      if (this.link !== link || synced.has(docId)) return;
      synced.add(docId);
      replica.open(docId).then(
        (doc) => this.link === link && link.sync(docId, doc),
        (error: unknown) => logger.warn('a doc could not be opened for the relay', { docId, error: String(error) }),
      );
    };
    const stopOpenWatch = replica.onDidOpen(sync);
    const workspace = await replica.open(workspaceId);
    if (this.link !== link) return stopOpenWatch();
    const syncBoards = () => {
      const { boards, newerBoards } = readWorkspace(workspace);
      for (const board of [...boards, ...newerBoards]) sync(board.id);
    };
    workspace.on('update', syncBoards);
    this.stopWatching = () => {
      stopOpenWatch();
      workspace.off('update', syncBoards);
    };
    sync(workspaceId);
    syncBoards();
    for (const docId of await replica.heldDocIds()) sync(docId);
    logger.info('relay sync started', { url: this.url });
    this.changed();
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.link?.destroy();
    if (this.link) this.host.logger.info('relay sync stopped', { url: this.url });
    this.link = null;
  }

  /** What the Network view and /healthz show; null when no relay is set. */
  status(): RelayLinkStatus | null {
    if (!this.url) return null;
    return this.link?.status() ?? { url: this.url, connected: false, refusal: null, lastExchangeAt: null, docsPending: 0, refusedBlobs: {} };
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.host.logger.error('relay status listener threw', { error: String(error) });
      }
    }
  }
}
