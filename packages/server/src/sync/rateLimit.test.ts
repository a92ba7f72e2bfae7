import { describe, expect, it } from 'vitest';
import { SocketRateLimiter, TokenBucket } from './rateLimit.js';

describe('TokenBucket', () => {
  it('allows a burst, then refills at its rate', () => {
    let t = 0;
    const b = new TokenBucket(10, 3, () => t);
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
    t = 100; // +1 token
    expect([b.take(), b.take()]).toEqual([true, false]);
    t = 10_000;
    expect(b.take(3)).toBe(true);
    expect(b.take(1)).toBe(false);
  });
});

describe('SocketRateLimiter', () => {
  it('limits bytes as well as messages', () => {
    let t = 0;
    const l = new SocketRateLimiter(
      { messagesPerSecond: 100, messageBurst: 100, bytesPerSecond: 1000, byteBurst: 1000 },
      () => t,
    );
    expect(l.allow(800)).toBe(true);
    expect(l.allow(300)).toBe(false);
    t = 1000;
    expect(l.allow(300)).toBe(true);
  });
});
