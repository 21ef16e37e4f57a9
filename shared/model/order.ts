// Order keys: a fractional index per entity, ties broken by id, so concurrent moves never
// duplicate or lose an entity (each entity is one map entry; only its key changes).
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export interface Ordered {
  readonly id: string;
  readonly order: string;
}

export function compareOrder(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A key after every key in `keys`. */
export function keyAtEnd(keys: Iterable<string>): string {
  let max: string | null = null;
  for (const k of keys) if (isValidKey(k) && (max === null || k > max)) max = k;
  return generateKeyBetween(max, null);
}

export function isValidKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 256) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * New keys that place `movedId` at `toIndex` of `siblings` (already sorted, may include the
 * moved one). Usually only the moved entity gets a key; when neighbours tie (two peers
 * generated the same key), the whole list is re-keyed so the result is still well ordered.
 */
export function planMove(siblings: readonly Ordered[], movedId: string, toIndex: number): Map<string, string> {
  const rest = siblings.filter((s) => s.id !== movedId);
  const index = Math.max(0, Math.min(toIndex, rest.length));
  const before = rest[index - 1]?.order ?? null;
  const after = rest[index]?.order ?? null;
  if ((before === null || isValidKey(before)) && (after === null || isValidKey(after)) && (before === null || after === null || before < after)) {
    return new Map([[movedId, generateKeyBetween(before, after)]]);
  }
  const ids = rest.map((s) => s.id);
  ids.splice(index, 0, movedId);
  const keys = generateNKeysBetween(null, null, ids.length);
  return new Map(ids.map((id, i) => [id, keys[i] as string]));
}
