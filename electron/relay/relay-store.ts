// Where one relay node keeps envelope docs when no other database is given: one file per
// envelope under `<data>/<namespace>/`, replaced atomically and fsynced, so a node killed
// mid-write leaves the old state or the new one. Names are the relay's own (hashes), so the
// folder holds nothing readable: no board id, no workspace name, no text.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENVELOPE_DOC_NAME } from '../../shared/relay/relay-names';
import { makeDirDurable, replaceFileAtomically } from '../peer/store/durable-fs';
import { nodeFiles } from '../peer/store/store-files';

export interface RelayStore {
  fetch(documentName: string): Promise<Uint8Array | null>;
  store(documentName: string, state: Uint8Array): Promise<void>;
}

export function relayFileStore(dataDir: string): RelayStore {
  const pathOf = (documentName: string) => {
    const match = ENVELOPE_DOC_NAME.exec(documentName);
    // The auth hook already refused other names; this keeps a path from ever leaving the folder.
    if (!match) throw new Error('not an envelope doc name');
    return { dir: join(dataDir, match[1] as string), file: join(dataDir, match[1] as string, `${match[2]}.ydoc`) };
  };
  return {
    async fetch(documentName) {
      try {
        return new Uint8Array(await readFile(pathOf(documentName).file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async store(documentName, state) {
      const { dir, file } = pathOf(documentName);
      await makeDirDurable(nodeFiles, dir);
      await replaceFileAtomically(nodeFiles, file, state);
    },
  };
}

/** True when `--data` names a PostgreSQL database rather than a folder. */
export const isDatabaseUrl = (data: string): boolean => /^postgres(ql)?:\/\//i.test(data);

/**
 * Envelope docs in a PostgreSQL database that every node shares (`--data postgres://…`): one row
 * per envelope, replaced in one statement. The table is made on first use. A database that is
 * down fails the store; the node tries again (see DiskWatch) and loses nothing meanwhile.
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
  return {
    async fetch(documentName) {
      const result = await pool.query<{ state: Buffer }>('SELECT state FROM tandem_relay_envelopes WHERE name = $1', [checked(documentName)]);
      const row = result.rows[0];
      return row ? new Uint8Array(row.state) : null;
    },
    async store(documentName, state) {
      await pool.query('INSERT INTO tandem_relay_envelopes (name, state) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, stored_at = now()', [checked(documentName), Buffer.from(state.buffer, state.byteOffset, state.byteLength)]);
    },
    close: () => pool.end(),
  };
}
