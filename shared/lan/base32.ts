// Crockford base32: the alphabet invite codes and discovery tags are written in. It has no
// I, L, O or U, so a code read aloud or copied by hand survives; on reading, I and L count
// as 1 and O as 0, case is ignored, and hyphens and spaces are only for the eye.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const DECODE: ReadonlyMap<string, number> = new Map([
  ...[...ALPHABET].map((c, i) => [c, i] as const),
  ['O', 0],
  ['I', 1],
  ['L', 1],
]);

/** Encodes bytes as upper-case Crockford base32, without padding or separators. */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Why a base32 text could not be decoded: a character outside the alphabet, or a length or tail no encoder writes. */
export type Base32Failure = { readonly kind: 'character'; readonly char: string } | { readonly kind: 'shape' };

/**
 * Decodes Crockford base32 (case-insensitive; I/L read as 1, O as 0). Separators must be
 * stripped first. Returns a failure rather than throwing, so callers can name it.
 */
export function decodeBase32(text: string): Uint8Array | Base32Failure {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text.toUpperCase()) {
    const value = DECODE.get(char);
    if (value === undefined) return { kind: 'character', char };
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  // An encoder pads the last character with zero bits and never writes a whole spare character.
  if (bits >= 5 || (buffer & ((1 << bits) - 1)) !== 0) return { kind: 'shape' };
  return out;
}
