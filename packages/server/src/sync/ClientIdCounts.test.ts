import { describe, expect, it } from 'vitest';
import { ClientIdCounts } from './ClientIdCounts.js';

describe('ClientIdCounts', () => {
  it('counts per user and in total, following bindings added later', () => {
    const owners = new Map<number, string>([
      [1, 'a'],
      [2, 'a'],
      [3, 'b'],
    ]);
    const counts = new ClientIdCounts(owners);
    expect(counts.of('a')).toEqual({ user: 2, total: 3 });
    expect(counts.of('c')).toEqual({ user: 0, total: 3 });
    owners.set(4, 'c');
    expect(counts.of('c')).toEqual({ user: 1, total: 4 });
  });
});
