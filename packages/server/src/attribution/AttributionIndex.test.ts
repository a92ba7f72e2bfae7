import { describe, expect, it } from 'vitest';
import { AttributionIndex } from './AttributionIndex.js';

describe('AttributionIndex', () => {
  const index = new AttributionIndex([
    { clientId: 7, clock: 10, length: 5, userId: 'ngo' },
    { clientId: 7, clock: 0, length: 3, userId: null },
    { clientId: 7, clock: 15, length: 5, userId: 'ngo' },
    { clientId: 8, clock: 0, length: 100, userId: 'x' },
  ]);

  it('splits an item range into recorded and unrecorded pieces, merging equal authors', () => {
    expect(index.split(7, 0, 30)).toEqual([
      { length: 3, userId: null },
      { length: 7, userId: undefined },
      { length: 10, userId: 'ngo' },
      { length: 10, userId: undefined },
    ]);
  });

  it('answers ranges that start or end inside a record', () => {
    expect(index.split(7, 12, 2)).toEqual([{ length: 2, userId: 'ngo' }]);
    expect(index.split(7, 2, 9)).toEqual([
      { length: 1, userId: null },
      { length: 7, userId: undefined },
      { length: 1, userId: 'ngo' },
    ]);
    expect(index.split(9, 0, 4)).toEqual([{ length: 4, userId: undefined }]);
    expect(index.split(7, 40, 4)).toEqual([{ length: 4, userId: undefined }]);
  });

  it('is empty without records', () => {
    expect(new AttributionIndex().empty).toBe(true);
    expect(index.empty).toBe(false);
  });
});
