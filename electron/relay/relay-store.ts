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
