// One stateless node of Tandem's relay: Hocuspocus, unmodified, with Tandem's hooks. It stores
// and fans out envelope docs (lists of sealed blobs it cannot open); with Redis, several nodes
// behind one address share every change. Tandem's part is only the auth hook (a token opens
// its own namespace and nothing else; peers of another relay protocol are told why) and limits.
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Server, type Extension } from '@hocuspocus/server';
import { MAX_SEALED_BLOB_BYTES, RELAY_PROTOCOL, relayNamespace, tokenOpens, type RelayRefusal } from '../../shared/relay/relay-names';
import { DiskWatch } from './disk-watch';
import { RedisHeal } from './redis-heal';
import type { RelayStore } from './relay-store';

export interface RelayNodeOptions {
  /** 0 = any free port. */
  readonly port: number;
  readonly host?: string;
  /** `redis://host:port`; without it the node stands alone. */
  readonly redisUrl?: string;
  readonly store: RelayStore;
  /** Namespaces this relay serves; any valid token's own namespace when absent. */
  readonly allowedNamespaces?: ReadonlySet<string>;
  /** How often loaded docs are re-announced to the other nodes (heals a Redis outage). */
  readonly healIntervalMs?: number;
  /** A name for this node in Redis and logs. */
  readonly name?: string;
  /** How often stores refused for a full disk are tried again. */
  readonly diskRetryMs?: number;
  log?(line: string): void;
}

export interface RelayNode {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

function checkCredential(credential: unknown, documentName: string, allowed: ReadonlySet<string> | undefined): RelayRefusal | null {
  if (typeof credential !== 'string') return 'relay-token';
  const dot = credential.indexOf('.');
  if (dot < 0 || credential.slice(0, dot) !== String(RELAY_PROTOCOL)) return 'relay-protocol';
  const token = credential.slice(dot + 1);
  if (!tokenOpens(token, documentName)) return 'relay-token';
  if (allowed && !allowed.has(relayNamespace(token))) return 'relay-not-served';
  return null;
}

/**
 * The Redis extension with every node storing its own copy. The engine's extension takes a Redis
 * lock before each store and silently skips the store when another node holds it (or when Redis
 * is down): a node that had a change the lock holder lacked left it unstored until the next
 * change, and the failure never reached DiskWatch to be tried again. Tandem's stores are safe
 * to run side by side (a node's own folder; a shared database merges), so no lock is taken.
 */
class StoringRedis extends Redis {
  override async onStoreDocument(): Promise<void> {}
}

function redisExtensions(url: string, name: string, healIntervalMs: number): Extension[] {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:') throw new Error(`--redis must be a redis:// URL, not ${url}`);
  const redis = new StoringRedis({ host: parsed.hostname, port: Number(parsed.port || 6379), identifier: name, prefix: 'tandem-relay', options: { maxRetriesPerRequest: null } });
  // ioredis reports a lost connection as an 'error' event; unheard, it is printed as unhandled. It reconnects by itself.
  redis.pub.on('error', () => undefined);
  redis.sub.on('error', () => undefined);
  return [redis, new RedisHeal(redis, healIntervalMs)];
}

export async function startRelayNode(options: RelayNodeOptions): Promise<RelayNode> {
  const log = options.log ?? (() => undefined);
  const name = options.name ?? `relay-${process.pid}`;
  const disk = new DiskWatch(options.store, log, options.diskRetryMs ?? 5_000);
  const extensions: Extension[] = [new Database({ fetch: ({ documentName }) => options.store.fetch(documentName), store: ({ documentName, state, document }) => disk.store(documentName, state, document) }), disk];
  if (options.redisUrl) extensions.push(...redisExtensions(options.redisUrl, name, options.healIntervalMs ?? 10_000));
  const server = new Server(
    {
      name,
      port: options.port,
      address: options.host ?? '127.0.0.1',
      quiet: true,
      // Stored shortly after a change and at least every 2 s while changes flow: a peer keeps
      // everything it sealed until a teammate acknowledges it, so the window loses nothing.
      debounce: 500,
      maxDebounce: 2_000,
      extensions,
      async onAuthenticate({ token, documentName }) {
        const refusal = checkCredential(token, documentName, options.allowedNamespaces);
        if (refusal) {
          // The namespace (a hash, not the workspace) is what an operator adds to --allow.
          log(`refused a connection: ${refusal}${refusal === 'relay-not-served' ? ` (namespace ${documentName.split('.')[0]}; add it to --allow to serve it)` : ''}`);
          throw Object.assign(new Error(refusal), { reason: refusal });
        }
      },
    },
    // A sealed snapshot of a big board plus framing; anything larger closes that socket only.
    { maxPayload: MAX_SEALED_BLOB_BYTES + 64 * 1024 },
  );
  await server.listen();
  const port = server.address.port;
  log(`relay node ${name} listening on ${options.host ?? '127.0.0.1'}:${port}${options.redisUrl ? ` with Redis ${options.redisUrl}` : ''}`);
  return {
    port,
    url: `ws://${options.host ?? '127.0.0.1'}:${port}`,
    close: async () => {
      disk.stop();
      await server.destroy();
    },
  };
}
