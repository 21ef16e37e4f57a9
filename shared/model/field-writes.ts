// Write history of the fields two people are likely to change while apart (a goal's status, a
// KPI's target, a feedback item's title and column), so that writes made without seeing each
// other are detected after sync instead of Yjs silently keeping one. Each write is a record kept
// in the entity itself under `w:<field>:<writeId>`, naming the writes it saw (its parents).
import * as Y from 'yjs';
import { newId } from './ids';

/** A tracked field's value: what the field itself holds. */
export type TrackedValue = string | number | null;

/** Where a change was made: the writing replica's client id and its clock before the change. */
export interface ChangeMark {
  readonly c: number;
  readonly k: number;
}

/** One write of a tracked field. Never overwritten, so concurrent writes all survive merging. */
export interface FieldWrite extends ChangeMark {
  readonly id: string;
  readonly value: TrackedValue;
  /** The value this write replaced on the writer's laptop. */
  readonly prev: TrackedValue;
  /** Member who wrote it; null when the mutation named nobody. */
  readonly by: string | null;
  readonly at: number;
  /** The writes the writer had seen as latest (the heads) when writing. */
  readonly parents: readonly string[];
}

const PREFIX = 'w:';
const MAX_PARENTS = 64;

export const writeKey = (field: string, writeId: string) => `${PREFIX}${field}:${writeId}`;

/** The mark of a change about to be made on `doc`. */
export function changeMark(doc: Y.Doc): ChangeMark {
  return { c: doc.clientID, k: Y.getState(doc.store, doc.clientID) };
}

/** Whether a change with this mark was not yet on the laptop whose state vector is `seen`. */
export function isNewSince(seen: ReadonlyMap<number, number>, mark: Partial<ChangeMark>): boolean {
  if (typeof mark.c !== 'number' || typeof mark.k !== 'number') return false;
  return (seen.get(mark.c) ?? 0) <= mark.k;
}

const isValue = (v: unknown): v is TrackedValue => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

function parseWrite(field: string, key: string, raw: unknown): FieldWrite | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const id = key.slice(PREFIX.length + field.length + 1);
  if (r.id !== id || !isValue(r.value) || typeof r.at !== 'number' || typeof r.c !== 'number' || typeof r.k !== 'number') return null;
  const parents = Array.isArray(r.parents) ? r.parents.filter((p): p is string => typeof p === 'string').slice(0, MAX_PARENTS) : [];
  return { id, value: r.value, prev: isValue(r.prev) ? r.prev : null, by: typeof r.by === 'string' ? r.by : null, at: r.at, parents, c: r.c, k: r.k };
}

/** Every write record of `field` the entity holds (a handful: older ones are pruned). */
export function readFieldWrites(entity: Y.Map<unknown>, field: string): FieldWrite[] {
  const prefix = `${PREFIX}${field}:`;
  const writes: FieldWrite[] = [];
  for (const [key, raw] of entity.entries()) {
    if (!key.startsWith(prefix)) continue;
    const write = parseWrite(field, key, raw);
    if (write) writes.push(write);
  }
  return writes;
}

const byTime = (a: FieldWrite, b: FieldWrite) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The latest writes: those no other write saw. Oldest first. */
export function fieldHeads(writes: readonly FieldWrite[]): FieldWrite[] {
  const seen = new Set<string>();
  for (const w of writes) for (const p of w.parents) seen.add(p);
  return writes.filter((w) => !seen.has(w.id)).sort(byTime);
}

/** The heads when they disagree (a conflict), one per distinct value; else an empty list. */
export function conflictingHeads(writes: readonly FieldWrite[]): FieldWrite[] {
  const heads = fieldHeads(writes);
  const byValue = new Map<TrackedValue, FieldWrite>();
  // Two people who chose the same value agree: the later of them stands for both.
  for (const h of heads) byValue.set(h.value, h);
  return byValue.size > 1 ? [...byValue.values()].sort(byTime) : [];
}

/**
 * Records that this replica set `field` of `entity` to `value`, having seen every current head;
 * call inside the mutation's transaction, before setting the field. Prunes the records that are
 * neither the new write nor one it directly replaced: they can no longer be a head anywhere,
 * because every replica that receives this deletion also receives the write that saw them.
 */
export function recordFieldWrite(doc: Y.Doc, entity: Y.Map<unknown>, field: string, value: TrackedValue, by: string | null | undefined, at: number): string {
  const writes = readFieldWrites(entity, field);
  const parents = fieldHeads(writes).map((h) => h.id).slice(0, MAX_PARENTS);
  const id = newId('w');
  const prev = entity.get(field);
  entity.set(writeKey(field, id), { id, value, prev: isValue(prev) ? prev : null, by: by ?? null, at, parents, ...changeMark(doc) });
  const keep = new Set(parents);
  for (const w of writes) if (!keep.has(w.id)) entity.delete(writeKey(field, w.id));
  return id;
}

/** Sets a tracked field when its value changes, recording the write. Returns whether it changed. */
export function setTracked(doc: Y.Doc, entity: Y.Map<unknown>, field: string, value: TrackedValue, by: string | null | undefined, at: number): boolean {
  if (entity.get(field) === value) return false;
  recordFieldWrite(doc, entity, field, value, by, at);
  entity.set(field, value);
  return true;
}

/** The change mark an entity carries (its writer's client id and clock), for `isNewSince`. */
export const markOf = (m: Y.Map<unknown>): Partial<ChangeMark> => ({ c: m.get('c') as number, k: m.get('k') as number });

/** The latest write of `field` that is new since `seen` and not mine. */
export function latestNewWrite(entity: Y.Map<unknown>, field: string, seen: ReadonlyMap<number, number>, me: string): FieldWrite | undefined {
  let latest: FieldWrite | undefined;
  for (const w of readFieldWrites(entity, field)) {
    if (w.by === null || w.by === me || !isNewSince(seen, w)) continue;
    if (!latest || w.at > latest.at) latest = w;
  }
  return latest;
}
