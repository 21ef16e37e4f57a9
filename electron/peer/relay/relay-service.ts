// The relay as a peer runs it, beside the LAN: which relay this laptop uses (remembered in the
// data folder), and, while it holds a workspace, one RelayLink syncing every doc the replica
// holds or opens, and every board the workspace's index lists (a laptop that joined through the
// relay alone learns its boards from there). Keys come from the workspace secret, so a rotated
// secret restarts the link with new ones. Nothing here blocks the LAN or the local link: a relay that is down only
// shows as such.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseRelayUrls, relayNamespace } from '../../../shared/relay/relay-names';
import { readWorkspace } from '../../../shared/model/workspace';
import { readJsonFile, writeJsonAtomic } from '../files';
import type { PeerLogger } from '../logger';
import type { Replica } from '../replica';
import { EnvelopeCache } from './envelope-cache';
import { relayKeys } from './relay-keys';
import { RelayLink, type RelayLinkStatus } from './relay-link';
import type { OpenedAck } from './sealed-blob';

const RELAY_FILE = 'relay.json';
// `url` is how a Tandem before node lists kept it; it is read and never written again.
const relayFile = z.union([z.object({ urls: z.array(z.string()).min(1) }), z.object({ url: z.string() })]);

export interface RelayServiceHost {
  readonly dataDir: string;
  readonly peerId: string;
  readonly logger: PeerLogger;
  readonly replica: Replica;
  /** Who this laptop's person is in the workspace, told to teammates with each acknowledgement. */
  memberId(): string | null;
  readonly device: string | null;
  /** A teammate's laptop has `docId` on disk up to `stateVector`, as it said through the relay. */
  onDidAck(docId: string, ack: OpenedAck): void;
}

export class RelayService {
  private link: RelayLink | null = null;
  private stopWatching: (() => void) | null = null;
  private urls: readonly string[] | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly cache: EnvelopeCache;
  /** Bumped by every stop: a start that was overtaken while it waited gives up. */
  private generation = 0;

  constructor(private readonly host: RelayServiceHost) {
    this.cache = new EnvelopeCache({ dataDir: host.dataDir, onDidFail: (error) => host.logger.warn('an envelope could not be saved on this laptop', { error: String(error) }) });
  }

  /** The relay this laptop was told to use, from the data folder. */
  async load(): Promise<void> {
    const parsed = relayFile.safeParse(await readJsonFile(join(this.host.dataDir, RELAY_FILE)));
    if (!parsed.success) this.urls = null;
    else if ('urls' in parsed.data) this.urls = parseRelayUrls(parsed.data.urls.join(' '));
    else this.urls = parseRelayUrls(parsed.data.url);
  }

  /** The relay's node addresses, first tried first; null when no relay is set. */
  get configuredUrls(): readonly string[] | null {
    return this.urls;
  }

  /** Uses the relay at `urls` (its nodes' addresses; null: no relay) from now on, remembered across restarts; restarts the link if running. */
  async setUrls(urls: readonly string[] | null, workspace: { id: string; secret: Uint8Array } | null): Promise<void> {
    const path = join(this.host.dataDir, RELAY_FILE);
    if (urls === null || urls.length === 0) await rm(path, { force: true });
    else await writeJsonAtomic(path, { urls });
    this.urls = urls && urls.length > 0 ? [...urls] : null;
    this.stop();
    if (!this.urls) {
      await this.cache.flush();
      await this.cache.keepOnly(null);
    }
    if (workspace) await this.start(workspace.id, workspace.secret);
    else this.changed();
  }

  /** Syncs every doc the replica holds, and each it opens later, with the relay (if one is set). */
  async start(workspaceId: string, secret: Uint8Array): Promise<void> {
    this.stop();
    const generation = this.generation;
    if (!this.urls) return;
    const { replica, peerId, logger } = this.host;
    const keys = relayKeys(secret);
    // Copies sealed under another secret will never open again.
    await this.cache.flush();
    await this.cache.keepOnly(relayNamespace(keys.token));
    if (generation !== this.generation || !this.urls) return;
    const link = new RelayLink({
      urls: this.urls,
      keys,
      cache: this.cache,
      sender: peerId,
      memberId: () => this.host.memberId(),
      device: this.host.device,
      settleDoc: (docId) => replica.settle(docId),
      onDidAck: (docId, ack) => this.host.onDidAck(docId, ack),
      onDidChangeStatus: () => this.changed(),
    });
    this.link = link;
    const synced = new Set<string>();
    // The relay syncs every doc for as long as it runs: each stays awake (held) until it stops.
    const holds: (() => void)[] = [];
    const sync = (docId: string) => {
      if (this.link !== link || synced.has(docId)) return;
      synced.add(docId);
      holds.push(replica.hold(docId));
      const start = async () => {
        const doc = await replica.open(docId);
        const cached = await this.cache.load(keys.envelopeName(docId));
        if (this.link !== link) return;
        link.sync(docId, doc, cached);
        // What is on disk already is acknowledged once the relay is reached, not only the next save.
        link.didSave(docId, await replica.savedStateVector(docId));
      };
      start().catch((error: unknown) => logger.warn('a doc could not be opened for the relay', { docId, error: String(error) }));
    };
    const stopOpenWatch = replica.onDidOpen(sync);
    holds.push(replica.hold(workspaceId));
    const releaseAll = () => holds.splice(0).forEach((release) => release());
    const workspace = await replica.open(workspaceId);
    if (this.link !== link) {
      releaseAll();
      return stopOpenWatch();
    }
    const syncBoards = () => {
      const { boards, newerBoards } = readWorkspace(workspace);
      for (const board of [...boards, ...newerBoards]) sync(board.id);
    };
    workspace.on('update', syncBoards);
    this.stopWatching = () => {
      releaseAll();
      stopOpenWatch();
      workspace.off('update', syncBoards);
    };
    sync(workspaceId);
    syncBoards();
    for (const docId of await replica.heldDocIds()) sync(docId);
    logger.info('relay sync started', { urls: this.urls });
    this.changed();
  }

  /** The replica has `docId` on disk up to `stateVector`. */
  didSave(docId: string, stateVector: Uint8Array): void {
    this.link?.didSave(docId, stateVector);
  }

  stop(): void {
    this.generation++;
    this.stopWatching?.();
    this.stopWatching = null;
    this.link?.destroy();
    if (this.link) this.host.logger.info('relay sync stopped', { urls: this.urls });
    this.link = null;
  }

  /** What the Network view and /healthz show; null when no relay is set. */
  status(): RelayLinkStatus | null {
    if (!this.urls) return null;
    return this.link?.status() ?? { url: this.urls[0]!, urls: [...this.urls], connected: false, refusal: null, lastExchangeAt: null, docsPending: 0, diskFull: false, refusedBlobs: {} };
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
