// Random identifiers for entities, members, boards and workspaces. Entities are keyed by
// these inside Y.Maps (never by array position), so concurrent edits never collide.
import { getRandomValues } from 'lib0/webcrypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A 16-character random id (about 82 bits), optionally prefixed: `g_3k9…`. One random draw per id. */
export function newId(prefix = ''): string {
  const bytes = getRandomValues(new Uint32Array(16));
  let id = '';
  for (const n of bytes) id += ALPHABET[n % ALPHABET.length];
  return prefix ? `${prefix}_${id}` : id;
}

export const ID_PATTERN = /^[a-z]{0,3}_?[0-9a-z]{8,32}$/;
