// Where relay nodes keep envelope docs when no database is given: one file per envelope under
// `<data>/<namespace>/`, replaced atomically and fsynced, so a node killed mid-write leaves the
// old state or the new one. Several nodes may share the folder (a shared volume): a store takes
// the file's lock (a lock directory beside it, which works on network file systems too), merges
// what is there with what it holds and replaces it, so no node overwrites another's change.
// Names are the relay's own (hashes), so the folder holds nothing readable: no board id, no
// workspace name, no text.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import * as Y from 'yjs';
import { ENVELOPE_DOC_NAME } from '../../shared/relay/relay-names';
import { makeDirDurable, replaceFileAtomically } from '../peer/store/durable-fs';
import { nodeFiles } from '../peer/store/store-files';

export interface RelayStore {
  fetch(documentName: string): Promise<Uint8Array | null>;
  store(documentName: string, state: Uint8Array): Promise<void>;
}

/** A lock held longer than this was left by a node that died holding it. */
const STALE_LOCK_MS = 10_000;

async function readIfThere(file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function relayFileStore(dataDir: string): RelayStore {
  const pathOf = (documentName: string) => {
    const match = ENVELOPE_DOC_NAME.exec(documentName);
    // The auth hook already refused other names; this keeps a path from ever leaving the folder.
    if (!match) throw new Error('not an envelope doc name');
    return { dir: join(dataDir, match[1] as string), file: join(dataDir, match[1] as string, `${match[2]}.ydoc`) };
  };
  return {
    fetch: (documentName) => readIfThere(pathOf(documentName).file),
    async store(documentName, state) {
      const { dir, file } = pathOf(documentName);
      await makeDirDurable(nodeFiles, dir);
      // Another node storing the same doc holds the lock for milliseconds; wait up to ~5 s for it.
      // A lock found compromised (another node took it over as stale, after 10 s) must not stop this node: the doc's next store merges again.
      const release = await lockfile.lock(file, { realpath: false, stale: STALE_LOCK_MS, retries: { retries: 60, minTimeout: 10, maxTimeout: 100 }, onCompromised: () => undefined });
      try {
        const stored = await readIfThere(file);
        await replaceFileAtomically(nodeFiles, file, stored ? mergeEnvelopeStates(stored, state) : state);
      } finally {
        await release();
      }
    },
  };
}

/** True when `--data` names a PostgreSQL database rather than a folder. */
export const isDatabaseUrl = (data: string): boolean => /^postgres(ql)?:\/\//i.test(data);

/**
 * What is stored for one envelope doc and what a node brings, as one state: what either held,
 * with what either deleted gone. Nodes that share storage merge rather than replace, so none
 * overwrites a change it had not yet received from another. Stored bytes that do not decode (a
 * damaged file) give way to the node's copy: they could not be served anyway, and every laptop
 * keeps its own copy of what it sent.
 */
export function mergeEnvelopeStates(stored: Uint8Array, incoming: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, stored);
  } catch {
    doc.destroy();
    return incoming;
  }
  Y.applyUpdate(doc, incoming);
  const merged = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return merged;
}

/**
 * Envelope docs in a PostgreSQL database that every node shares (`--data postgres://…`): one row
 * per envelope. A store merges into the row under its row lock, in one transaction: nodes store
 * at the same moment, each from its own copy (one that missed a change while Redis was down, or
 * the Redis lock that once skipped a node's store), and the row always ends as the union of all.
 * The table is made on first use. A database that is down fails the store; the node tries again
 * (see DiskWatch) and loses nothing meanwhile.
 */
export async function relayDatabaseStore(url: string): Promise<RelayStore & { close(): Promise<void> }> {
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server is reported here; the pool replaces it on the next query.
  pool.on('error', () => undefined);
  await pool.query('CREATE TABLE IF NOT EXISTS tandem_relay_envelopes (name text PRIMARY KEY, state bytea NOT NULL, stored_at timestamptz NOT NULL DEFAULT now())');
  const checked = (documentName: string) => {
    if (!ENVELOPE_DOC_NAME.test(documentName)) throw new Error('not an envelope doc name');
    return documentName;
  };
  const bytes = (state: Uint8Array) => Buffer.from(state.buffer, state.byteOffset, state.byteLength);
  return {
    async fetch(documentName) {
      const result = await pool.query<{ state: Buffer }>('SELECT state FROM tandem_relay_envelopes WHERE name = $1', [checked(documentName)]);
      const row = result.rows[0];
      return row ? new Uint8Array(row.state) : null;
    },
    async store(documentName, state) {
      const name = checked(documentName);
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        await client.query('BEGIN');
        // A row made by the first store; a node storing at the same moment waits on its lock below.
        const inserted = await client.query('INSERT INTO tandem_relay_envelopes (name, state) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, bytes(state)]);
        if (inserted.rowCount === 0) {
          const stored = await client.query<{ state: Buffer }>('SELECT state FROM tandem_relay_envelopes WHERE name = $1 FOR UPDATE', [name]);
          const merged = mergeEnvelopeStates(new Uint8Array(stored.rows[0]!.state), state);
          await client.query('UPDATE tandem_relay_envelopes SET state = $2, stored_at = now() WHERE name = $1', [name, bytes(merged)]);
        }
        await client.query('COMMIT');
      } catch (error) {
        failure = error as Error;
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        // A client that failed mid-transaction (its server restarted) is dropped, not pooled.
        client.release(failure);
      }
    },
    close: () => pool.end(),
  };
}
