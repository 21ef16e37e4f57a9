// Goal mutations on a goals board doc. A goal is a Y.Map in `goals` keyed by id; its
// description is a Y.Text; its place in the list is a fractional order key.
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, replaceText, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { changeMark, setTracked } from '../field-writes';
import { newId } from '../ids';
import { keyAtEnd, planMove } from '../order';
import { readGoalOrder } from './read';
import { entityId, finiteNumber, isoDate, LIMITS, optionalText, parseInput, requiredText, team } from '../validate';

const periodInput = z
  .object({ kind: z.enum(['quarter', 'month', 'custom'], { error: 'errors.invalid' }), start: isoDate, end: isoDate })
  .refine((p) => p.start <= p.end, { error: 'errors.periodOrder', path: ['end'] });

const statusInput = z.enum(['on-track', 'at-risk', 'off-track'], { error: 'errors.invalid' });
const confidenceInput = finiteNumber.pipe(z.number().min(0, { error: 'errors.range|100' }).max(100, { error: 'errors.range|100' }));

const createInput = z.object({
  title: requiredText(LIMITS.title),
  description: optionalText(LIMITS.text).optional(),
  ownerId: entityId.nullable().optional(),
  team,
  period: periodInput,
  parentId: entityId.nullable().optional(),
  confidence: confidenceInput.nullable().optional(),
  createdBy: entityId,
});

const updateInput = z.object({
  id: entityId,
  title: requiredText(LIMITS.title).optional(),
  description: optionalText(LIMITS.text).optional(),
  ownerId: entityId.nullable().optional(),
  team: team.optional(),
  period: periodInput.optional(),
  parentId: entityId.nullable().optional(),
  statusOverride: statusInput.nullable().optional(),
  confidence: confidenceInput.nullable().optional(),
  /** Who edits: named in the write history of tracked fields (the status). */
  actorId: entityId.optional(),
});

const moveInput = z.object({ id: entityId, toIndex: z.number().int({ error: 'errors.invalid' }).min(0, { error: 'errors.invalid' }) });

export type CreateGoalInput = z.input<typeof createInput>;
export type UpdateGoalInput = z.input<typeof updateInput>;

export const goalsOf = (doc: Y.Doc) => doc.getMap<unknown>('goals');
export const kpisOf = (doc: Y.Doc) => doc.getMap<unknown>('kpis');
export const checkInsOf = (doc: Y.Doc) => doc.getMap<unknown>('checkIns');

/** Marks a new doc as a goals board. */
export function initGoalsBoard(doc: Y.Doc, schemaVersion: number): void {
  doc.transact(() => {
    const meta = doc.getMap('meta');
    if (!meta.has('kind')) meta.set('kind', 'goals');
    if (!meta.has('schemaVersion')) meta.set('schemaVersion', schemaVersion);
  });
}

function checkParent(doc: Y.Doc, id: string | null, parentId: string | null | undefined): void {
  if (parentId === null || parentId === undefined) return;
  entityOrThrow(goalsOf(doc), parentId, 'parentId');
  // Walk up from the parent: a goal may not become its own ancestor.
  let cursor: string | null = parentId;
  for (let depth = 0; cursor !== null && depth < 100; depth++) {
    if (cursor === id) throw new ModelError('invalid-input', 'errors.parentCycle', 'parentId');
    const parent = goalsOf(doc).get(cursor);
    cursor = parent instanceof Y.Map && typeof parent.get('parentId') === 'string' ? (parent.get('parentId') as string) : null;
  }
}

/** Creates a goal at the end of the list and returns its id. */
export function createGoal(doc: Y.Doc, args: CreateGoalInput, now = Date.now()): string {
  const input = parseInput(createInput, args);
  return transactLocal(doc, () => {
    checkParent(doc, null, input.parentId);
    const id = newId('g');
    const goal = new Y.Map<unknown>();
    goal.set('id', id);
    goal.set('title', input.title);
    goal.set('description', new Y.Text(input.description ?? ''));
    goal.set('ownerId', input.ownerId ?? null);
    goal.set('team', input.team);
    goal.set('periodKind', input.period.kind);
    goal.set('periodStart', input.period.start);
    goal.set('periodEnd', input.period.end);
    goal.set('parentId', input.parentId ?? null);
    goal.set('statusOverride', null);
    goal.set('confidence', input.confidence ?? null);
    goal.set('order', keyAtEnd(readGoalOrder(doc).map((g) => g.order)));
    goal.set('createdAt', now);
    goal.set('createdBy', input.createdBy);
    for (const [key, value] of Object.entries(changeMark(doc))) goal.set(key, value);
    goalsOf(doc).set(id, goal);
    return id;
  });
}

/** Changes only the fields given, so a teammate's concurrent change to another field survives. */
export function updateGoal(doc: Y.Doc, args: UpdateGoalInput, now = Date.now()): void {
  const input = parseInput(updateInput, args);
  transactLocal(doc, () => {
    const goal = entityOrThrow(goalsOf(doc), input.id);
    checkParent(doc, input.id, input.parentId);
    if (input.title !== undefined && goal.get('title') !== input.title) goal.set('title', input.title);
    if (input.description !== undefined) {
      const text = goal.get('description');
      if (text instanceof Y.Text) replaceText(text, input.description);
      else goal.set('description', new Y.Text(input.description));
    }
    if (input.ownerId !== undefined) goal.set('ownerId', input.ownerId);
    if (input.team !== undefined) goal.set('team', input.team);
    if (input.period !== undefined) {
      goal.set('periodKind', input.period.kind);
      goal.set('periodStart', input.period.start);
      goal.set('periodEnd', input.period.end);
    }
    if (input.parentId !== undefined) goal.set('parentId', input.parentId);
    // Written only when it changes, so editing another field never overwrites a teammate's status.
    if (input.statusOverride !== undefined) setTracked(doc, goal, 'statusOverride', input.statusOverride, input.actorId, now);
    if (input.confidence !== undefined) goal.set('confidence', input.confidence);
  });
}

/** Moves a goal to `toIndex` in the board's order (0 = first). */
export function moveGoal(doc: Y.Doc, args: z.input<typeof moveInput>): void {
  const input = parseInput(moveInput, args);
  transactLocal(doc, () => {
    entityOrThrow(goalsOf(doc), input.id);
    for (const [id, key] of planMove(readGoalOrder(doc), input.id, input.toIndex)) {
      const goal = goalsOf(doc).get(id);
      if (goal instanceof Y.Map) goal.set('order', key);
    }
  });
}

/** Deletes a goal with its KPIs and their check-ins, in one undoable step. */
export function deleteGoal(doc: Y.Doc, args: { id: string }): void {
  const { id } = parseInput(z.object({ id: entityId }), args);
  transactLocal(doc, () => {
    entityOrThrow(goalsOf(doc), id);
    const kpiIds = new Set<string>();
    for (const [kpiId, kpi] of entities(kpisOf(doc))) if (kpi.get('goalId') === id) kpiIds.add(kpiId);
    for (const [checkInId, c] of entities(checkInsOf(doc))) if (kpiIds.has(c.get('kpiId') as string)) checkInsOf(doc).delete(checkInId);
    for (const kpiId of kpiIds) kpisOf(doc).delete(kpiId);
    for (const [childId, child] of entities(goalsOf(doc))) if (child.get('parentId') === id && childId !== id) child.set('parentId', null);
    goalsOf(doc).delete(id);
  });
}
