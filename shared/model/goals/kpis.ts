// KPIs under a goal and their check-ins. A check-in is append-only: two people checking in
// offline for the same day both keep their entry, and the latest by date is the current value.
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { changeMark, setTracked } from '../field-writes';
import { checkInsOf, goalsOf, kpisOf } from './goals';
import { newId } from '../ids';
import { keyAtEnd } from '../order';
import { entityId, finiteNumber, isoDate, LIMITS, optionalText, parseInput, requiredText } from '../validate';

export type KpiUnit = 'number' | 'percent' | 'currency' | 'boolean';
export const KPI_UNITS: readonly KpiUnit[] = ['number', 'percent', 'currency', 'boolean'];

const unit = z.enum(['number', 'percent', 'currency', 'boolean'], { error: 'errors.invalid' });
const direction = z.enum(['increase', 'decrease'], { error: 'errors.invalid' });

const kpiFields = z.object({ name: requiredText(LIMITS.name), unit, direction, baseline: finiteNumber, target: finiteNumber });

function checkKpiShape(k: { unit: KpiUnit; direction: 'increase' | 'decrease'; baseline: number; target: number }): void {
  if (k.unit === 'boolean') {
    if (![0, 1].includes(k.baseline) || ![0, 1].includes(k.target)) throw new ModelError('invalid-input', 'errors.booleanValue', 'target');
  }
  if (k.target === k.baseline) throw new ModelError('invalid-input', 'errors.targetEqualsBaseline', 'target');
  if (k.direction === 'increase' && k.target < k.baseline) throw new ModelError('invalid-input', 'errors.targetBelowBaseline', 'target');
  if (k.direction === 'decrease' && k.target > k.baseline) throw new ModelError('invalid-input', 'errors.targetAboveBaseline', 'target');
}

const addInput = kpiFields.extend({ goalId: entityId });
const updateInput = kpiFields.partial().extend({ id: entityId, actorId: entityId.optional() });
const checkInInput = z.object({ kpiId: entityId, value: finiteNumber, date: isoDate, note: optionalText(LIMITS.note).optional(), authorId: entityId });

/** Adds a KPI to a goal and returns its id. */
export function addKpi(doc: Y.Doc, args: z.input<typeof addInput>): string {
  const input = parseInput(addInput, args);
  checkKpiShape(input);
  return transactLocal(doc, () => {
    entityOrThrow(goalsOf(doc), input.goalId, 'goalId');
    const id = newId('k');
    const orders: string[] = [];
    for (const [, k] of entities(kpisOf(doc))) if (k.get('goalId') === input.goalId) orders.push(String(k.get('order')));
    const kpi = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ id, goalId: input.goalId, name: input.name, unit: input.unit, direction: input.direction, baseline: input.baseline, target: input.target, order: keyAtEnd(orders) })) kpi.set(key, value);
    kpisOf(doc).set(id, kpi);
    return id;
  });
}

export function updateKpi(doc: Y.Doc, args: z.input<typeof updateInput>, now = Date.now()): void {
  const input = parseInput(updateInput, args);
  transactLocal(doc, () => {
    const kpi = entityOrThrow(kpisOf(doc), input.id);
    const merged = {
      unit: input.unit ?? (kpi.get('unit') as KpiUnit),
      direction: input.direction ?? (kpi.get('direction') as 'increase' | 'decrease'),
      baseline: input.baseline ?? (kpi.get('baseline') as number),
      target: input.target ?? (kpi.get('target') as number),
    };
    checkKpiShape(merged);
    for (const key of ['name', 'unit', 'direction', 'baseline'] as const) {
      const value = input[key];
      if (value !== undefined && kpi.get(key) !== value) kpi.set(key, value);
    }
    if (input.target !== undefined) setTracked(doc, kpi, 'target', input.target, input.actorId, now);
  });
}

/** Deletes a KPI and its check-ins. */
export function deleteKpi(doc: Y.Doc, args: { id: string }): void {
  const { id } = parseInput(z.object({ id: entityId }), args);
  transactLocal(doc, () => {
    entityOrThrow(kpisOf(doc), id);
    for (const [checkInId, c] of entities(checkInsOf(doc))) if (c.get('kpiId') === id) checkInsOf(doc).delete(checkInId);
    kpisOf(doc).delete(id);
  });
}

/** Records a KPI value for a date. Never overwrites: every check-in is its own entity. */
export function addCheckIn(doc: Y.Doc, args: z.input<typeof checkInInput>, now = Date.now()): string {
  const input = parseInput(checkInInput, args);
  return transactLocal(doc, () => {
    const kpi = entityOrThrow(kpisOf(doc), input.kpiId, 'kpiId');
    if (kpi.get('unit') === 'boolean' && input.value !== 0 && input.value !== 1) throw new ModelError('invalid-input', 'errors.booleanValue', 'value');
    const id = newId('c');
    const checkIn = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ id, kpiId: input.kpiId, value: input.value, date: input.date, note: input.note?.trim() ?? '', authorId: input.authorId, createdAt: now, ...changeMark(doc) })) checkIn.set(key, value);
    checkInsOf(doc).set(id, checkIn);
    return id;
  });
}
