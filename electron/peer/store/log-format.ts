// The on-disk format of a doc log: an 8-byte header (`TNDMLOG` + format version), then records
// `u32 length | u32 crc32(payload) | payload`, little endian. Parsing never trusts a length or
// a payload it has not checked, and stops at the first record that fails.
import { crc32 } from 'node:zlib';
import type { StoreWarning } from './store-types';

const MAGIC = Buffer.from('TNDMLOG', 'latin1');
export const LOG_FORMAT_VERSION = 1;
export const HEADER_BYTES = 8;
export const RECORD_HEADER_BYTES = 8;
/** A larger length field is corruption, not a reason to allocate gigabytes. */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export interface LogDamage {
  kind: StoreWarning['kind'];
  /** Offset of the first byte that could not be loaded. */
  offset: number;
  reason: string;
}

export interface ParsedLog {
  /** Views into the parsed buffer, one per intact record, in order. */
  records: Uint8Array[];
  /** Length of the intact prefix: header plus every intact record. */
  intactBytes: number;
  damage?: LogDamage;
}

export function encodeHeader(): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt8(LOG_FORMAT_VERSION, MAGIC.length);
  return header;
}

/** Frames one record. Copies `payload`, so the caller may reuse its buffer at once. */
export function encodeRecord(payload: Uint8Array): Buffer {
  assertRecordSize(payload.byteLength);
  const record = Buffer.alloc(RECORD_HEADER_BYTES + payload.byteLength);
  record.writeUInt32LE(payload.byteLength, 0);
  record.writeUInt32LE(crc32(payload), 4);
  record.set(payload, RECORD_HEADER_BYTES);
  return record;
}

export function assertRecordSize(length: number): void {
  // Zero-length records are refused because a crash can leave a tail of zeros (the size grew,
  // the data never landed), and eight zero bytes would otherwise pass as a valid empty record.
  // Yjs never produces an empty update.
  if (length === 0) throw new Error('refusing to store an empty update');
  if (length > MAX_RECORD_BYTES) throw new Error(`update of ${length} bytes exceeds the ${MAX_RECORD_BYTES}-byte record limit`);
}

export function parseLog(bytes: Buffer): ParsedLog {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    return { records: [], intactBytes: 0, damage: { kind: 'bad-header', offset: 0, reason: 'not a Tandem log (magic tag missing)' } };
  }
  const version = bytes.readUInt8(MAGIC.length);
  if (version !== LOG_FORMAT_VERSION) {
    // A newer app wrote this; cutting it down to "intact" v1 records would lose its data.
    throw new Error(`doc log has format version ${version}, this Tandem reads only version ${LOG_FORMAT_VERSION}; the file was left untouched`);
  }

  return parseRecords(bytes, HEADER_BYTES);
}

/** Parses the records that start at `offset` (a log after its header, or records framed inside another record). */
export function parseRecords(bytes: Buffer, start: number): ParsedLog {
  const records: Uint8Array[] = [];
  let offset = start;
  const damaged = (kind: LogDamage['kind'], reason: string): ParsedLog => ({ records, intactBytes: offset, damage: { kind, offset, reason } });
  while (offset < bytes.length) {
    const remaining = bytes.length - offset;
    if (remaining < RECORD_HEADER_BYTES) return damaged('torn-tail', `record header cut short (${remaining} of ${RECORD_HEADER_BYTES} bytes)`);
    const length = bytes.readUInt32LE(offset);
    const checksum = bytes.readUInt32LE(offset + 4);
    if (length === 0 || length > MAX_RECORD_BYTES) {
      if (isAllZero(bytes, offset)) return damaged('torn-tail', 'zero-filled tail (file grew but the data never landed)');
      return damaged('bad-checksum', `impossible record length ${length}`);
    }
    if (length > remaining - RECORD_HEADER_BYTES) {
      return damaged('torn-tail', `record of ${length} bytes cut short (${remaining - RECORD_HEADER_BYTES} present)`);
    }
    const start = offset + RECORD_HEADER_BYTES;
    const payload = bytes.subarray(start, start + length);
    if (crc32(payload) !== checksum) return damaged('bad-checksum', 'record checksum mismatch');
    // Plain Uint8Array views: callers get the bytes without a copy and without Buffer's API.
    records.push(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
    offset = start + length;
  }
  return { records, intactBytes: offset };
}

function isAllZero(bytes: Buffer, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}
