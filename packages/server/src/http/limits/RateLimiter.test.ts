import { describe, expect, it } from 'vitest';
import { RateLimiter } from './RateLimiter.js';

describe('RateLimiter', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let now = 0;
    const l = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([l.take('a'), l.take('a'), l.take('a')].every((d) => d.ok)).toBe(true);
    expect(l.take('a')).toEqual({ ok: false, retryAfter: 1, first: true });
    expect(l.take('a')).toEqual({ ok: false, retryAfter: 1, first: false });
    // Another key has its own bucket.
    expect(l.take('b').ok).toBe(true);
    now += 500; // one token back
    expect(l.take('a').ok).toBe(true);
    expect(l.take('a')).toMatchObject({ ok: false, first: true });
  });

  it('says how long to wait at a slow rate', () => {
    let now = 0;
    const l = new RateLimiter({ perSecond: 0.1, burst: 1 }, () => now);
    expect(l.take('a').ok).toBe(true);
    expect(l.take('a')).toMatchObject({ ok: false, retryAfter: 10 });
    now += 4_000;
    expect(l.take('a')).toMatchObject({ ok: false, retryAfter: 6 });
  });
});
