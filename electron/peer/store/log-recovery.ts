// Reading a doc log back, and repairing it when a crash or a bad disk damaged it: the damaged
// original is copied aside first (fsynced), only then is the log cut to its intact prefix, so
// a damaged record is never loaded and never destroyed.
import { dirname } from 'node:path';
import { encodeHeader, HEADER_BYTES, parseLog } from './log-format';
import { replaceFileAtomically, syncDir, writeFileSynced } from './durable-fs';
import type { StoreFiles } from './store-files';
import type { StoreLogger, StoreWarning } from './store-types';

export interface ReadLog {
  exists: boolean;
  updates: Uint8Array[];
  /** Size of the log on disk after any repair: where the next record goes. */
  bytes: number;
  warning?: StoreWarning;
}

export async function readAndRepairLog(files: StoreFiles, docId: string, file: string, logger: StoreLogger): Promise<ReadLog> {
  let bytes: Buffer;
  try {
    bytes = await files.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, updates: [], bytes: 0 };
    throw error;
  }
  const parsed = parseLog(bytes);
  if (!parsed.damage) return { exists: true, updates: parsed.records, bytes: parsed.intactBytes };

  const setAsideFile = await setAside(files, file, bytes);
  if (parsed.damage.kind === 'bad-header') {
    // Nothing in the file is ours; start a fresh log in its place (atomically, so a crash
    // here cannot leave a header-less file behind).
    await replaceFileAtomically(files, file, encodeHeader());
  } else {
    const handle = await files.open(file, 'r+');
    try {
      await handle.truncate(parsed.intactBytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  const warning: StoreWarning = {
    docId,
    kind: parsed.damage.kind,
    file,
    setAsideFile,
    droppedBytes: bytes.length - parsed.intactBytes,
    keptRecords: parsed.records.length,
  };
  logger.warn('doc log was damaged: loaded the intact records, set the rest aside', { ...warning, offset: parsed.damage.offset, reason: parsed.damage.reason });
  return { exists: true, updates: parsed.records, bytes: Math.max(parsed.intactBytes, HEADER_BYTES), warning };
}

/** Copies the damaged original (the bytes just parsed) to `<file>.damaged-<timestamp>`, durably. */
async function setAside(files: StoreFiles, file: string, bytes: Buffer): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; ; attempt++) {
    const candidate = `${file}.damaged-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
    try {
      await writeFileSynced(files, candidate, bytes, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue;
      throw error;
    }
    // The copy's directory entry must be durable before the original is cut.
    await syncDir(files, dirname(file));
    return candidate;
  }
}
