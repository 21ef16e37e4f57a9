// Doc ids and the file names their logs live under. Ids are base32-encoded (lowercase) rather
// than used as-is: on case-insensitive disks (macOS, Windows) "Goal" and "goal" would share a
// file, ':' is illegal on Windows, and hex of a 128-char id would pass the 255-byte name limit.

const DOC_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
// The `d_` prefix keeps short names clear of Windows device names such as `com2` or `lpt3`.
const LOG_NAME = /^d_([a-z2-7]+)\.tlog$/;

export function assertDocId(docId: unknown): asserts docId is string {
  if (typeof docId !== 'string' || !DOC_ID.test(docId)) {
    throw new Error(`invalid doc id ${JSON.stringify(docId)}: expected 1-128 characters of A-Z a-z 0-9 _ . : -`);
  }
}

export function logFileName(docId: string): string {
  assertDocId(docId);
  return `d_${base32(Buffer.from(docId, 'latin1'))}.tlog`;
}

/** The doc id a file name stands for, or undefined for anything that is not a doc log (temp files, set-aside copies). */
export function docIdFromLogFileName(name: string): string | undefined {
  const encoded = LOG_NAME.exec(name)?.[1];
  if (encoded === undefined) return undefined;
  const docId = Buffer.from(unbase32(encoded)).toString('latin1');
  // Only the canonical spelling maps back, so one doc can never be listed under two names.
  if (!DOC_ID.test(docId) || logFileName(docId) !== name) return undefined;
  return docId;
}

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): number[] {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    value = ((value << 5) | ALPHABET.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return bytes;
}
