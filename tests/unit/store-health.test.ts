// What the peer tells its windows about its writes to disk: "disk full" while any doc's edits
// wait because the disk had no room, "failing" for other errors, and back to ok only once
// every such doc is written; each change is announced once.
import { expect, it } from 'vitest';
import { StoreHealth } from '../../electron/peer/store-health';
import type { StoreWrites } from '../../shared/api/link';

const error = (code: string) => Object.assign(new Error(code), { code });

it('a full disk on one doc outweighs another failure, and writes are ok again only once every doc is written', () => {
  const changes: StoreWrites[] = [];
  const health = new StoreHealth((state) => changes.push(state));
  health.didFail('board', error('EIO'));
  health.didFail('board', error('EIO')); // a retry failing again changes nothing
  health.didFail('workspace', error('ENOSPC'));
  expect(health.state).toBe('disk-full');
  expect(health.isFailing('board')).toBe(true);
  health.didWrite('workspace');
  expect(health.state).toBe('failing');
  health.didWrite('board');
  expect(health.state).toBe('ok');
  expect(changes).toEqual(['failing', 'disk-full', 'failing', 'ok']);
});

it('a quota that is used up reads as a full disk', () => {
  const health = new StoreHealth(() => undefined);
  health.didFail('board', error('EDQUOT'));
  expect(health.state).toBe('disk-full');
  health.clear();
  expect(health.state).toBe('ok');
});
