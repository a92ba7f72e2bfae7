import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from './throttle.js';

describe('createLoginThrottle', () => {
  const limits = { perAccount: 2, perAddress: 3, windowMs: 60_000 };

  it('locks an account after its limit until the window ends, with the seconds left', () => {
    let t = 0;
    const th = createLoginThrottle(() => t, limits);
    th.fail('a', 'ip1');
    expect(th.retryAfter('a', 'ip2')).toBe(0);
    th.fail('a', 'ip2');
    expect(th.retryAfter('a', 'ip3')).toBe(60);
    t = 59_001;
    expect(th.retryAfter('a', 'ip3')).toBe(1);
    t = 60_000;
    expect(th.retryAfter('a', 'ip3')).toBe(0);
  });

  it('locks an address across accounts, and success clears only the account', () => {
    const th = createLoginThrottle(() => 0, limits);
    th.fail('a', 'ip');
    th.fail('b', 'ip');
    th.fail('c', 'ip');
    expect(th.retryAfter('d', 'ip')).toBeGreaterThan(0);
    expect(th.retryAfter('d', 'other')).toBe(0);
    th.fail('a', 'x');
    th.succeed('a');
    expect(th.retryAfter('a', 'y')).toBe(0);
    expect(th.retryAfter('a', 'ip')).toBeGreaterThan(0);
  });
});
