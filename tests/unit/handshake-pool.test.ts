// The LAN port's handshake pool and the process guard: one address cannot hold the pool, a new
// address always finds room, and an error escaping a handler is counted instead of stopping the peer.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { HandshakePool, type HandshakeSlot } from '../../electron/peer/lan/handshake-pool';
import { ProcessGuard } from '../../electron/peer/process-guard';
import type { PeerLogger } from '../../electron/peer/logger';

const quiet: PeerLogger = { info: () => {}, warn: () => {}, error: () => {} };

describe('the handshake pool', () => {
  it('admits only a few sockets from one address at once, and more once they finish', () => {
    const pool = new HandshakePool({ max: 8, perAddress: 3 });
    const slots = [1, 2, 3].map(() => pool.admit('10.0.0.9', () => {}) as HandshakeSlot);
    expect(pool.admit('10.0.0.9', () => {})).toBe('address-busy');
    slots[0]?.release();
    slots[0]?.release(); // twice is once
    expect(typeof pool.admit('10.0.0.9', () => {})).toBe('object');
    expect(pool.size).toBe(3);
  });

  it('makes room for an address it has not seen by evicting the oldest socket of the busiest address', () => {
    const pool = new HandshakePool({ max: 4, perAddress: 2 });
    const evicted: string[] = [];
    pool.admit('a', () => evicted.push('a1'));
    pool.admit('b', () => evicted.push('b1'));
    pool.admit('b', () => evicted.push('b2'));
    pool.admit('c', () => evicted.push('c1'));
    expect(pool.admit('c', () => {})).toBe('pool-full'); // c already waits: no eviction for it
    expect(typeof pool.admit('d', () => evicted.push('d1'))).toBe('object');
    expect(evicted).toEqual(['b1']);
    expect(pool.size).toBe(4);
  });
});

describe('the process guard', () => {
  it('counts an uncaught exception and an unhandled rejection by kind and keeps the process', () => {
    const target = new EventEmitter();
    const exits: number[] = [];
    const guard = new ProcessGuard(quiet, (code) => exits.push(code)).install(target as unknown as NodeJS.Process);
    target.emit('uncaughtException', new TypeError('Invalid URL'));
    target.emit('unhandledRejection', 'a string reason');
    expect(exits).toEqual([]);
    expect(guard.stats()).toMatchObject({ count: 2, byKind: { 'uncaught-exception': 1, 'unhandled-rejection': 1 }, lastMessage: 'a string reason' });
  });

  it('stops the process when the disk under the store fails, so nothing more is acknowledged', () => {
    const exits: number[] = [];
    const guard = new ProcessGuard(quiet, (code) => exits.push(code));
    guard.caught('uncaught-exception', Object.assign(new Error('i/o error'), { code: 'EIO' }));
    expect(exits).toEqual([70]);
    expect(guard.stats().count).toBe(0);
  });
});
