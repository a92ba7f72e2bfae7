import { describe, expect, it } from 'vitest';
import { SocketRateLimiter } from './rateLimit.js';

describe('SocketRateLimiter', () => {
  it('allows a burst of messages, then refills at the sustained rate', () => {
    let t = 0;
    const l = new SocketRateLimiter(
      { messagesPerSecond: 10, messageBurst: 3, bytesPerSecond: 1e9, byteBurst: 1e9 },
      () => t,
    );
    expect([l.allow(1), l.allow(1), l.allow(1), l.allow(1)]).toEqual([true, true, true, false]);
    t = 100; // +1 message
    expect([l.allow(1), l.allow(1)]).toEqual([true, false]);
    t = 10_000; // refilled to the burst, never above it
    expect([l.allow(1), l.allow(1), l.allow(1), l.allow(1)]).toEqual([true, true, true, false]);
  });

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

  it('takes from neither budget what it lacks: a refused big frame leaves the bytes for smaller ones', () => {
    const l = new SocketRateLimiter(
      { messagesPerSecond: 0, messageBurst: 2, bytesPerSecond: 0, byteBurst: 100 },
      () => 0,
    );
    expect(l.allow(150)).toBe(false);
    expect(l.allow(100)).toBe(true);
    expect(l.allow(1)).toBe(false); // both budgets spent
  });
});
