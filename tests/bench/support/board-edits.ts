// Seeded edits to the standard feedback board as one person makes them on their own laptop:
// single-field changes (status, owner, scores) and one-word fixes in a description, each its
// own transaction from that laptop's client id. sync-delta makes two such histories apart.
import * as Y from 'yjs';
import { EDITABLE_FIELDS, STATUSES } from './board-fields';
import { SeededRandom } from './prng';

/** A copy of `updates` in a new doc, which edits as `clientId` when given. */
export function replicaOf(updates: readonly Uint8Array[], clientId?: number): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  for (const update of updates) Y.applyUpdate(doc, update);
  if (clientId !== undefined) doc.clientID = clientId;
  return doc;
}

/**
 * Makes `count` edits to cards of `doc` (9 in 10 a field, 1 in 10 a description word) and
 * returns each transaction's update, in order.
 */
export function editCards(doc: Y.Doc, options: { cardIds: readonly string[]; ownerIds: readonly string[]; count: number; seed: number }): Uint8Array[] {
  const rng = new SeededRandom(options.seed);
  const items = doc.getMap<Y.Map<unknown>>('items');
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  doc.on('update', record);
  try {
    for (let i = 0; i < options.count; i++) {
      const card = items.get(rng.pick(options.cardIds));
      if (!card) throw new Error('the board lacks a card it was generated with');
      if (rng.chance(0.9)) {
        const field = rng.pick(EDITABLE_FIELDS);
        const value = field === 'status' ? rng.pick(STATUSES) : field === 'owner' ? rng.pick(options.ownerIds) : rng.between(1, 5);
        doc.transact(() => card.set(field, value));
      } else {
        const text = card.get('description') as Y.Text;
        const words = text.toString().split(' ');
        const at = rng.int(words.length);
        const start = words.slice(0, at).reduce((n, w) => n + w.length + 1, 0);
        doc.transact(() => {
          text.delete(start, (words[at] as string).length);
          text.insert(start, `fix${rng.int(1000)}`);
        });
      }
    }
  } finally {
    doc.off('update', record);
  }
  return updates;
}

/** Whether `doc`'s state vector is exactly `expected` (client order aside). */
export function hasStateVector(doc: Y.Doc, expected: ReadonlyMap<number, number>): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  if (have.size !== expected.size) return false;
  for (const [client, clock] of expected) if (have.get(client) !== clock) return false;
  return true;
}
