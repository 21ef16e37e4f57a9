// Random identifiers for entities, members, boards and workspaces. Entities are keyed by
// these inside Y.Maps (never by array position), so concurrent edits never collide.
import * as random from 'lib0/random';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A 16-character random id (about 82 bits), optionally prefixed: `g_3k9…`. */
export function newId(prefix = ''): string {
  let id = '';
  for (let i = 0; i < 16; i++) id += ALPHABET[random.uint32() % ALPHABET.length];
  return prefix ? `${prefix}_${id}` : id;
}

export const ID_PATTERN = /^[a-z]{0,3}_?[0-9a-z]{8,32}$/;
