import { describe, expect, it } from 'vitest';
import { createLoginThrottle, DEFAULT_THROTTLE } from './throttle.js';

describe('createLoginThrottle', () => {
  const limits = { ...DEFAULT_THROTTLE, pairFree: 2, addressFree: 3, accountFree: 2 };

  it('spaces out a failing pair with a doubling backoff, never a lock', () => {
    let t = 0;
    const th = createLoginThrottle(() => t, limits);
    th.fail('a', 'ip1');
    expect(th.check('a', 'ip1').retryAfter).toBe(0);
    th.fail('a', 'ip1');
    // Two failures: the next attempt waits 1 s after the last, then 2 s, 4 s …
    expect(th.check('a', 'ip1').retryAfter).toBe(1);
    t += 1_000;
    expect(th.check('a', 'ip1')).toMatchObject({ retryAfter: 0 });
    expect(th.check('a', 'ip1').retryAfter).toBe(1); // a parallel attempt waits for the next slot
    th.fail('a', 'ip1');
    t += 1_000;
    expect(th.check('a', 'ip1').retryAfter).toBe(1);
    t += 1_000;
    expect(th.check('a', 'ip1').retryAfter).toBe(0);
    for (let i = 0; i < 20; i++) th.fail('a', 'ip1');
    t += 1;
    // Capped: never longer than the maximum backoff.
    expect(th.check('a', 'ip1').retryAfter).toBeLessThanOrEqual(limits.maxBackoffMs / 1000);
  });

  it('lets the same account through from another address, with a capped delay', () => {
    const t = 0;
    const th = createLoginThrottle(() => t, limits);
    for (let i = 0; i < 50; i++) th.fail('chair', 'hostile');
    const elsewhere = th.check('chair', 'chair-laptop');
    expect(elsewhere.retryAfter).toBe(0);
    expect(elsewhere.delayMs).toBe(limits.maxAccountDelayMs);
    expect(th.check('chair', 'hostile').retryAfter).toBeGreaterThan(0);
  });

  it('spaces out an address spraying accounts, and success clears only the pair', () => {
    const th = createLoginThrottle(() => 0, limits);
    th.fail('a', 'ip');
    th.fail('b', 'ip');
    th.fail('c', 'ip');
    expect(th.check('d', 'ip').retryAfter).toBeGreaterThan(0);
    expect(th.check('d', 'other').retryAfter).toBe(0);
    th.fail('x', 'p');
    th.fail('x', 'p');
    th.succeed('x', 'p');
    expect(th.check('x', 'p')).toEqual({ retryAfter: 0, delayMs: 0 });
  });

  it('forgets failures after the window', () => {
    let t = 0;
    const th = createLoginThrottle(() => t, limits);
    for (let i = 0; i < 10; i++) th.fail('a', 'ip');
    t += limits.windowMs;
    expect(th.check('a', 'ip')).toEqual({ retryAfter: 0, delayMs: 0 });
  });
});
