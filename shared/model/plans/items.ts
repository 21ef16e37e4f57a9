// Plan items: creating one, editing its title, kind, team, owner and notes, moving its dates or
// horizon, and its status. Title, status and dates keep a write history (../field-writes), so
// two people moving the same item apart both see the other's choice in conflict review. Moving
// the end later is recorded as a slip (the KPI review lists them), and launching records the day.
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, replaceText, str, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { setTracked } from '../field-writes';
import { newId } from '../ids';
import { entityId, isoDate, LIMITS, optionalText, parseInput, requiredText, team } from '../validate';
import { isPlanDate } from './flags';
import { childMap, daysBetween, dependenciesOf, newPlanEntity, horizon, planItemsOf, planKind, planStatus, type PlanStatus } from './schema';

const createInput = z.object({
  title: requiredText(LIMITS.title),
  kind: planKind,
  team,
  ownerId: entityId.nullable().optional(),
  status: planStatus.optional(),
  start: isoDate.nullable().optional(),
  end: isoDate.nullable().optional(),
  horizon: horizon.nullable().optional(),
  createdBy: entityId,
});

const updateInput = z.object({ id: entityId, title: requiredText(LIMITS.title).optional(), kind: planKind.optional(), team: team.optional(), ownerId: entityId.nullable().optional(), by: entityId.optional() });
const datesInput = z.object({ id: entityId, start: isoDate.nullable(), end: isoDate.nullable(), by: entityId.optional() });
const horizonInput = z.object({ id: entityId, horizon: horizon.nullable() });
const statusInput = z.object({ id: entityId, status: planStatus, today: isoDate, by: entityId.optional() });
const notesInput = z.object({ id: entityId, text: optionalText(LIMITS.text) });

export type CreatePlanItemInput = z.input<typeof createInput>;
export type UpdatePlanItemInput = z.input<typeof updateInput>;

/** Both ends, or neither; never an end before its start. */
function checkRange(start: string | null | undefined, end: string | null | undefined): void {
  if ((start == null) !== (end == null)) throw new ModelError('invalid-input', 'errors.planDatesBoth', start == null ? 'start' : 'end');
  if (start != null && end != null && end < start) throw new ModelError('invalid-input', 'errors.planEndBeforeStart', 'end');
}

/** Creates a plan item and returns its id. */
export function createPlanItem(doc: Y.Doc, args: CreatePlanItemInput, now = Date.now()): string {
  const input = parseInput(createInput, args);
  checkRange(input.start, input.end);
  return transactLocal(doc, () => {
    const id = newId('p');
    planItemsOf(doc).set(id, newPlanEntity({
      id, title: input.title, kind: input.kind, team: input.team, ownerId: input.ownerId ?? null, status: input.status ?? 'planned',
      start: input.start ?? null, end: input.end ?? null, horizon: input.start ? null : input.horizon ?? 'later', launchedOn: null,
      goals: new Y.Map(), feedback: new Y.Map(), milestones: new Y.Map(), slips: new Y.Map(), notes: new Y.Text(), createdBy: input.createdBy, createdAt: now,
    }));
    return id;
  });
}

/** Changes only the fields given, so a teammate's concurrent change to another field survives. */
export function updatePlanItem(doc: Y.Doc, args: UpdatePlanItemInput, now = Date.now()): void {
  const input = parseInput(updateInput, args);
  transactLocal(doc, () => {
    const item = entityOrThrow(planItemsOf(doc), input.id);
    if (input.title !== undefined) setTracked(doc, item, 'title', input.title, input.by, now);
    for (const key of ['kind', 'team', 'ownerId'] as const) {
      const value = input[key];
      if (value !== undefined && item.get(key) !== value) item.set(key, value);
    }
  });
}

/**
 * Moves an item's dates (null and null makes it undated again, back on its horizon). Moving
 * the end later records a slip; the dependents' flags are read from their dependencies.
 */
export function setPlanDates(doc: Y.Doc, args: z.input<typeof datesInput>, now = Date.now()): void {
  const input = parseInput(datesInput, args);
  checkRange(input.start, input.end);
  transactLocal(doc, () => {
    const item = entityOrThrow(planItemsOf(doc), input.id);
    // A peer may have written an end that is not a date: no slip is measured from it.
    const before = isPlanDate(item.get('end')) ? str(item.get('end')) : null;
    setTracked(doc, item, 'start', input.start, input.by, now);
    setTracked(doc, item, 'end', input.end, input.by, now);
    if (input.start === null && item.get('horizon') == null) item.set('horizon', 'later');
    if (before !== null && input.end !== null && input.end > before) {
      const id = newId('s');
      childMap(item, 'slips').set(id, { id, at: now, from: before, to: input.end, days: daysBetween(before, input.end), by: input.by ?? null });
    }
  });
}

/** Puts an item on the Now, Next or Later horizon. */
export function setPlanHorizon(doc: Y.Doc, args: z.input<typeof horizonInput>): void {
  const input = parseInput(horizonInput, args);
  transactLocal(doc, () => {
    const item = entityOrThrow(planItemsOf(doc), input.id);
    if (item.get('horizon') !== input.horizon) item.set('horizon', input.horizon);
  });
}

const KEEPS_LAUNCH: readonly PlanStatus[] = ['launched', 'done'];

/** Sets an item's status; launching records `today` as its launch date (kept once done). */
export function setPlanStatus(doc: Y.Doc, args: z.input<typeof statusInput>, now = Date.now()): void {
  const input = parseInput(statusInput, args);
  transactLocal(doc, () => {
    const item = entityOrThrow(planItemsOf(doc), input.id);
    setTracked(doc, item, 'status', input.status, input.by, now);
    const launchedOn = item.get('launchedOn');
    if (input.status === 'launched' && typeof launchedOn !== 'string') item.set('launchedOn', input.today);
    if (!KEEPS_LAUNCH.includes(input.status) && launchedOn != null) item.set('launchedOn', null);
  });
}

/** Replaces the notes with `text`, writing only the changed middle, so a teammate's typing survives. */
export function editPlanNotes(doc: Y.Doc, args: z.input<typeof notesInput>): void {
  const input = parseInput(notesInput, args);
  transactLocal(doc, () => {
    const item = entityOrThrow(planItemsOf(doc), input.id);
    const notes = item.get('notes');
    if (notes instanceof Y.Text) replaceText(notes, input.text);
    else item.set('notes', new Y.Text(input.text));
  });
}

/**
 * Deletes an item and the dependencies it has on others. Dependencies others have on it stay,
 * so its dependents read as flagged ("what it waits on was deleted") rather than silently free.
 */
export function deletePlanItem(doc: Y.Doc, args: { id: string }): void {
  const { id } = parseInput(z.object({ id: entityId }), args);
  transactLocal(doc, () => {
    entityOrThrow(planItemsOf(doc), id);
    for (const [depId, dep] of [...entities(dependenciesOf(doc))]) if (dep.get('fromId') === id) dependenciesOf(doc).delete(depId);
    planItemsOf(doc).delete(id);
  });
}
