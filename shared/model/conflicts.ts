// Offline conflicts: a reader that lists the fields whose latest writes disagree (re-reading
// only the entities a transaction touched), and keeping one version, which writes it as a new
// write that saw every version, so the choice syncs. Which fields are tracked, and any check a
// kept version needs, come from each board kind through the registry (./kinds).
import * as Y from 'yjs';
import { z } from 'zod';
import { transactLocal } from './doc';
import { ModelError } from './errors';
import { memberId } from './feedback/schema';
import { conflictingHeads, readFieldWrites, recordFieldWrite, type FieldWrite, type TrackedValue } from './field-writes';
import { BOARD_KINDS, TRACKED_FIELDS, boardKindOfEntity, type BoardKind, type BoardKindModel, type ConflictEntityKind, type TrackedFields } from './kinds';
import { entityId, parseInput } from './validate';

const entityKindsOf = (board: BoardKind) => Object.keys(BOARD_KINDS[board].conflictFields) as ConflictEntityKind[];

/** One field whose latest writes disagree. */
export interface FieldConflict {
  /** `${entityId}.${field}` */
  readonly key: string;
  readonly entityKind: ConflictEntityKind;
  readonly entityId: string;
  /** For a KPI, the goal it belongs to (what the UI opens); else the entity itself. */
  readonly ownerId: string;
  readonly field: string;
  /** The value the field holds now (the one Yjs kept). */
  readonly current: TrackedValue;
  /** One per distinct value, oldest first. */
  readonly versions: readonly FieldWrite[];
}

export interface ConflictsSnapshot {
  /** Every conflict of the board, by entity then field. */
  readonly list: readonly FieldConflict[];
  readonly byEntity: ReadonlyMap<string, readonly FieldConflict[]>;
}

export const NO_CONFLICTS: ConflictsSnapshot = Object.freeze({ list: Object.freeze([]), byEntity: new Map() });

const isCurrent = (v: unknown): TrackedValue => (v === null || typeof v === 'string' || typeof v === 'number' ? v : null);

/** The conflicts of one entity, in field order. */
export function entityConflicts(kind: ConflictEntityKind, id: string, entity: Y.Map<unknown>): FieldConflict[] {
  const out: FieldConflict[] = [];
  const tracked: TrackedFields = TRACKED_FIELDS[kind];
  for (const field of tracked.fields) {
    const versions = conflictingHeads(readFieldWrites(entity, field));
    if (versions.length === 0) continue;
    const owner = tracked.ownerField === undefined ? undefined : entity.get(tracked.ownerField);
    const ownerId = typeof owner === 'string' ? owner : id;
    out.push({ key: `${id}.${field}`, entityKind: kind, entityId: id, ownerId, field, current: isCurrent(entity.get(field)), versions });
  }
  return out;
}

function sameConflicts(a: readonly FieldConflict[], b: readonly FieldConflict[]): boolean {
  return a.length === b.length && a.every((c, i) => {
    const o = b[i] as FieldConflict;
    return c.key === o.key && c.current === o.current && c.ownerId === o.ownerId && c.versions.length === o.versions.length && c.versions.every((v, j) => v.id === o.versions[j]?.id);
  });
}

/**
 * A reader of a board's conflicts that keeps identity: the first read scans the board once;
 * later reads look only at the entities the transactions since touched.
 */
export function createConflictReader(doc: Y.Doc, board: BoardKind) {
  const collections = new Map<object, ConflictEntityKind>(entityKindsOf(board).map((kind) => [doc.getMap<unknown>(TRACKED_FIELDS[kind].collection), kind]));
  const dirty = new Map<string, ConflictEntityKind>();
  let full = true;
  const onAfterTransaction = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      const kind = collections.get(type);
      if (kind !== undefined) for (const key of keys) if (key !== null) dirty.set(key, kind);
      const parent: object | null | undefined = type._item?.parent;
      const parentKind = parent ? collections.get(parent) : undefined;
      if (parentKind !== undefined && typeof type._item?.parentSub === 'string') dirty.set(type._item.parentSub, parentKind);
    }
  };
  doc.on('afterTransaction', onAfterTransaction);
  const byEntity = new Map<string, readonly FieldConflict[]>();
  let last: ConflictsSnapshot = NO_CONFLICTS;

  function read(): ConflictsSnapshot {
    if (full) for (const kind of entityKindsOf(board)) for (const id of doc.getMap(TRACKED_FIELDS[kind].collection).keys()) dirty.set(id, kind);
    full = false;
    if (dirty.size === 0) return last;
    let changed = false;
    for (const [id, kind] of dirty) {
      const entity = doc.getMap<unknown>(TRACKED_FIELDS[kind].collection).get(id);
      const next = entity instanceof Y.Map ? entityConflicts(kind, id, entity as Y.Map<unknown>) : [];
      const prev = byEntity.get(id);
      if (next.length === 0) {
        if (prev) changed = byEntity.delete(id) || changed;
      } else if (!prev || !sameConflicts(prev, next)) {
        byEntity.set(id, next);
        changed = true;
      }
    }
    dirty.clear();
    if (!changed) return last;
    const list = [...byEntity.keys()].sort().flatMap((id) => byEntity.get(id) ?? []);
    last = { list, byEntity: new Map(byEntity) };
    return last;
  }

  return { read, destroy: () => doc.off('afterTransaction', onAfterTransaction) };
}

/** One-off read (tests). */
export function readConflicts(doc: Y.Doc, board: BoardKind): ConflictsSnapshot {
  const reader = createConflictReader(doc, board);
  try {
    return reader.read();
  } finally {
    reader.destroy();
  }
}

const keepInput = z.object({
  entityKind: z.enum(Object.keys(TRACKED_FIELDS) as [ConflictEntityKind, ...ConflictEntityKind[]], { error: 'errors.invalid' }),
  entityId,
  field: z.string().max(40),
  writeId: z.string().max(64),
  actorId: memberId,
});

/**
 * Keeps one version of a conflicting field: sets the field to it and records a write that saw
 * every head, so once this syncs the conflict is gone on every laptop. A version that is no
 * longer a head (someone resolved it first) is refused with `errors.conflictGone`.
 */
export function keepFieldVersion(doc: Y.Doc, args: z.input<typeof keepInput>, now = Date.now()): void {
  const input = parseInput(keepInput, args);
  const tracked = TRACKED_FIELDS[input.entityKind];
  if (!tracked.fields.includes(input.field)) throw new ModelError('invalid-input', 'errors.invalid', 'field');
  transactLocal(doc, () => {
    const entity = doc.getMap<unknown>(tracked.collection).get(input.entityId);
    if (!(entity instanceof Y.Map)) throw new ModelError('not-found', 'errors.notFound', 'entityId', { id: input.entityId });
    const version = conflictingHeads(readFieldWrites(entity as Y.Map<unknown>, input.field)).find((v) => v.id === input.writeId);
    if (!version) throw new ModelError('not-found', 'errors.conflictGone', 'writeId');
    const owner: BoardKindModel = BOARD_KINDS[boardKindOfEntity(input.entityKind)];
    owner.beforeKeepVersion?.(doc, { ...input, value: version.value, now });
    recordFieldWrite(doc, entity as Y.Map<unknown>, input.field, version.value, input.actorId, now);
    if (entity.get(input.field) !== version.value) entity.set(input.field, version.value);
  });
}
