// The feedback reader's immutable id → snapshot map: after any sequence of changes, and whether or
// not an earlier map was iterated in between, it iterates exactly like a plain map sorted by id.
import { expect, it } from 'vitest';
import { SnapshotMap } from '../../shared/model/feedback/read-index';

it('iterates in id order after random changes, whichever maps were iterated before', () => {
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let map = SnapshotMap.empty<number>();
  const plain = new Map<string, number>();
  for (let round = 0; round < 400; round++) {
    const changes: [string, number | undefined][] = [];
    for (let i = 0, n = 1 + Math.floor(random() * 6); i < n; i++) changes.push([`it_${Math.floor(random() * 60)}`, random() < 0.25 ? undefined : round]);
    map = map.with(changes);
    for (const [key, value] of changes) {
      if (value === undefined) plain.delete(key);
      else plain.set(key, value);
    }
    if (random() < 0.5) expect([...map.entries()]).toEqual([...plain.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    expect(map.size).toBe(plain.size);
  }
  expect([...map.keys()]).toEqual([...plain.keys()].sort());
});
