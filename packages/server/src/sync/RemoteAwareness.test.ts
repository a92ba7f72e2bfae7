import { describe, expect, it } from 'vitest';
import { RemoteAwareness } from './RemoteAwareness.js';

const none = (): boolean => false;

describe('RemoteAwareness', () => {
  it('keeps the highest clock, relays changes, ignores ids owned locally', () => {
    const r = new RemoteAwareness(30_000);
    expect(r.apply([{ clientId: 1, clock: 2, state: { a: 1 } }], 0, none)).toHaveLength(1);
    expect(r.apply([{ clientId: 1, clock: 1, state: { a: 0 } }], 0, none)).toEqual([]);
    expect(r.apply([{ clientId: 2, clock: 0, state: { b: 1 } }], 0, (id) => id === 2)).toEqual([]);
    expect(r.states()).toEqual([{ clientId: 1, clock: 2, state: { a: 1 } }]);
    expect(r.apply([{ clientId: 1, clock: 2, state: null }], 0, none)).toEqual([
      { clientId: 1, clock: 2, state: null },
    ]);
    expect(r.states()).toEqual([]);
    // The tombstone stops an older message from reviving it.
    expect(r.apply([{ clientId: 1, clock: 1, state: { a: 0 } }], 0, none)).toEqual([]);
  });

  it('expires states of a process that stopped renewing them (y-protocols 30 s timeout)', () => {
    const r = new RemoteAwareness(30_000);
    r.apply([{ clientId: 1, clock: 5, state: { a: 1 } }], 0, none);
    r.apply([{ clientId: 2, clock: 0, state: { b: 1 } }], 0, none);
    r.apply([{ clientId: 2, clock: 1, state: { b: 1 } }], 20_000, none); // Renewed.
    expect(r.expire(29_999)).toEqual([]);
    expect(r.expire(30_000)).toEqual([{ clientId: 1, clock: 6, state: null }]);
    expect(r.states().map((s) => s.clientId)).toEqual([2]);
    expect(r.expire(50_000)).toEqual([{ clientId: 2, clock: 2, state: null }]);
    expect(r.clockOf(1)).toBe(6);
    r.expire(100_000);
    expect(r.clockOf(1)).toBeUndefined(); // Tombstones go too, later.
  });
});
