// Helpers every document module uses: the schema version gate, local transactions,
// defensive reads of values a peer may have written, and minimal Y.Text edits.
import * as Y from 'yjs';
import { ModelError } from './errors';
import { LOCAL_ORIGIN } from './origin';

/** Version of the document schema this build writes. Older docs are read; newer ones are read-only. */
export const SCHEMA_VERSION = 1;

export function docSchemaVersion(doc: Y.Doc): number {
  const v = doc.getMap('meta').get('schemaVersion');
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : SCHEMA_VERSION;
}

export function isReadOnly(doc: Y.Doc): boolean {
  return docSchemaVersion(doc) > SCHEMA_VERSION;
}

/** Runs `fn` in one transaction with the local origin, refusing docs from a newer app. */
export function transactLocal<T>(doc: Y.Doc, fn: () => T): T {
  if (isReadOnly(doc)) throw new ModelError('schema-too-new', 'errors.schemaTooNew', undefined, { version: docSchemaVersion(doc) });
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, LOCAL_ORIGIN);
  return result;
}

export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

export function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function optNum(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function textOf(value: unknown): string {
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

/** Entity maps of a collection, skipping anything a peer wrote that is not a Y.Map. */
export function* entities(collection: Y.Map<unknown>): Generator<[string, Y.Map<unknown>]> {
  for (const [id, value] of collection) if (value instanceof Y.Map) yield [id, value];
}

export function entityOrThrow(collection: Y.Map<unknown>, id: string, field = 'id'): Y.Map<unknown> {
  const value = collection.get(id);
  if (!(value instanceof Y.Map)) throw new ModelError('not-found', 'errors.notFound', field, { id });
  return value;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Replaces the content of `text` with `next` by deleting and inserting only the changed
 * middle, so a teammate's concurrent edit elsewhere in the text survives.
 */
export function replaceText(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  const minLen = Math.min(prev.length, next.length);
  while (start < minLen && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  // Never cut a surrogate pair (an emoji, say): Yjs would store each half as U+FFFD.
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
    endPrev--;
    endNext--;
  }
  if (endPrev < prev.length && isLowSurrogate(prev.charCodeAt(endPrev))) {
    endPrev++;
    endNext++;
  }
  if (endPrev > start) text.delete(start, endPrev - start);
  if (endNext > start) text.insert(start, next.slice(start, endNext));
}
