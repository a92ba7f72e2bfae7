import { describe, expect, it } from 'vitest';
import { keepEqual } from './keepEqual.js';

describe('keepEqual', () => {
  it('answers the previous value when the new one is equal', () => {
    const prev = { status: 'open', items: [{ id: 'a', tags: ['x'] }], at: null, n: 1 };
    const next = { status: 'open', items: [{ id: 'a', tags: ['x'] }], at: null, n: 1 };
    expect(keepEqual(prev, next)).toBe(prev);
    expect(keepEqual([1, 'b', null], [1, 'b', null])).toEqual([1, 'b', null]);
    const list = [1, 2];
    expect(keepEqual(list, [1, 2])).toBe(list);
  });

  it('answers the new value, sharing the parts that did not change', () => {
    const a = { id: 'a', endorsements: [{ org: 'x' }] };
    const b = { id: 'b', endorsements: [] as Array<{ org: string }> };
    const prev = [a, b];
    const next = [
      { id: 'a', endorsements: [{ org: 'x' }] },
      { id: 'b', endorsements: [{ org: 'y' }] },
    ];
    const out = keepEqual(prev, next);
    expect(out).not.toBe(prev);
    expect(out).toEqual(next);
    expect(out[0]).toBe(a);
    expect(out[1]).not.toBe(b);
    expect(out[1]!.endorsements).toEqual([{ org: 'y' }]);
  });

  it('sees added, removed and changed properties and elements', () => {
    const prev: Record<string, unknown> = { a: 1, b: 2 };
    expect(keepEqual(prev, { a: 1 })).toEqual({ a: 1 });
    expect(keepEqual(prev, { a: 1, b: 2, c: 3 })).toEqual({ a: 1, b: 2, c: 3 });
    expect(keepEqual(prev, { a: 1, b: 3 })).toEqual({ a: 1, b: 3 });
    expect(keepEqual({ a: undefined } as Record<string, unknown>, { b: undefined })).toEqual({
      b: undefined,
    });
    expect(keepEqual([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
    expect(keepEqual([1, 2, 3], [1, 2])).toEqual([1, 2]);
    expect(keepEqual<unknown>([1], { 0: 1 })).toEqual({ 0: 1 });
    expect(keepEqual(Number.NaN, Number.NaN)).toBeNaN();
  });

  it('compares anything but plain data by identity', () => {
    class Thing {
      constructor(readonly v: number) {}
    }
    const t = new Thing(1);
    const other = new Thing(1);
    expect(keepEqual(t, other)).toBe(other);
    const m = new Map([[1, 1]]);
    const m2 = new Map([[1, 1]]);
    expect(keepEqual({ m }, { m: m2 }).m).toBe(m2);
    const f = () => 1;
    expect(keepEqual({ f }, { f })).toEqual({ f });
  });
});
