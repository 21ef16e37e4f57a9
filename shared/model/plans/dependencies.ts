// Dependencies between plan items: "the campaign waits on the release". Each is an entity naming
// the dependent (`fromId`), what it waits on (`toId`) and the end date (or horizon) of that item
// as the dependent's people last saw it. A dependent is flagged whenever what it waits on now
// ends later than that, is cancelled or is gone: a reading of the merged doc, so every laptop
// shows the same flag however the edits arrived. Acknowledging a flag moves what was seen.
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, str, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { newId } from '../ids';
import { entityId, parseInput } from '../validate';
import { isPlanDate } from './flags';
import { dependenciesOf, newPlanEntity, planItemsOf, PLANS_LIMITS } from './schema';

const addInput = z.object({ fromId: entityId, toId: entityId, by: entityId });
const idInput = z.object({ id: entityId });

/** Every dependency's ends, skipping those a peer wrote without both. */
export function dependencyEdges(doc: Y.Doc): { id: string; fromId: string; toId: string }[] {
  const edges: { id: string; fromId: string; toId: string }[] = [];
  for (const [id, dep] of entities(dependenciesOf(doc))) {
    const fromId = str(dep.get('fromId'));
    const toId = str(dep.get('toId'));
    if (fromId && toId) edges.push({ id, fromId, toId });
  }
  return edges;
}

/** Whether `to` already (transitively) waits on `from`, so `from` waiting on `to` would close a cycle. Iterative: never deep recursion. */
export function reaches(edges: readonly { fromId: string; toId: string }[], start: string, target: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.fromId, [...(next.get(e.fromId) ?? []), e.toId]);
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const at = stack.pop() as string;
    if (at === target) return true;
    for (const n of next.get(at) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(n);
    }
  }
  return false;
}

/** What `item` looked like to its dependents when they last looked: its end date or horizon. */
export const seenOf = (item: Y.Map<unknown>) => ({
  seenEnd: isPlanDate(item.get('end')) ? str(item.get('end')) : null,
  seenHorizon: typeof item.get('horizon') === 'string' ? str(item.get('horizon')) : null,
});

/** Makes `fromId` wait on `toId`; refuses waiting on itself and a cycle this laptop can see. */
export function addDependency(doc: Y.Doc, args: z.input<typeof addInput>, now = Date.now()): string {
  const input = parseInput(addInput, args);
  if (input.fromId === input.toId) throw new ModelError('invalid-input', 'errors.planSelfDependency', 'toId');
  return transactLocal(doc, () => {
    entityOrThrow(planItemsOf(doc), input.fromId, 'fromId');
    const target = entityOrThrow(planItemsOf(doc), input.toId, 'toId');
    const edges = dependencyEdges(doc);
    const existing = edges.find((e) => e.fromId === input.fromId && e.toId === input.toId);
    if (existing) return existing.id;
    if (edges.filter((e) => e.fromId === input.fromId).length >= PLANS_LIMITS.dependencies) throw new ModelError('invalid-input', 'errors.tooMany', 'toId', { max: PLANS_LIMITS.dependencies });
    if (reaches(edges, input.toId, input.fromId)) throw new ModelError('invalid-input', 'errors.planCycle', 'toId');
    const id = newId('d');
    dependenciesOf(doc).set(id, newPlanEntity({ id, fromId: input.fromId, toId: input.toId, ...seenOf(target), by: input.by, createdAt: now }));
    return id;
  });
}

export function removeDependency(doc: Y.Doc, args: z.input<typeof idInput>): void {
  const { id } = parseInput(idInput, args);
  transactLocal(doc, () => {
    entityOrThrow(dependenciesOf(doc), id);
    dependenciesOf(doc).delete(id);
  });
}

/** "Seen": the dependent's people take the new dates of what it waits on into account; the flag clears. */
export function acknowledgeSlip(doc: Y.Doc, args: z.input<typeof idInput>): void {
  const { id } = parseInput(idInput, args);
  transactLocal(doc, () => {
    const dep = entityOrThrow(dependenciesOf(doc), id);
    const target = planItemsOf(doc).get(str(dep.get('toId')));
    if (!(target instanceof Y.Map) || target.get('status') === 'cancelled') {
      // What it waited on is gone or cancelled: seeing that means the dependency no longer holds.
      dependenciesOf(doc).delete(id);
      return;
    }
    const seen = seenOf(target);
    if (dep.get('seenEnd') !== seen.seenEnd) dep.set('seenEnd', seen.seenEnd);
    if (dep.get('seenHorizon') !== seen.seenHorizon) dep.set('seenHorizon', seen.seenHorizon);
  });
}
