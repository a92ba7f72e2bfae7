import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, requireRedis } from '../test-support/scaleout.js';
import { memoryWindowLimiter, type WindowLimiter } from '../http/limits/WindowLimiter.js';
import { createRedisWindowLimiter } from './redisWindowLimiter.js';

let redis: Redis;
const prefix = `kenes-test:${randomUUID()}`;

beforeAll(async () => {
  await requireRedis();
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

/** The same behaviour from both implementations: `max` per key, then the wait. */
async function allowsMaxThenWaits(limiter: WindowLimiter): Promise<void> {
  expect([await limiter.take('a'), await limiter.take('a'), await limiter.take('a')]).toEqual([
    0, 0, 0,
  ]);
  const wait = await limiter.take('a');
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(60);
  // Other keys have their own budget, whatever they hold.
  expect(await limiter.take('b@x.example:with:colons')).toBe(0);
}

describe('WindowLimiter', () => {
  it('in memory: max per key and window', async () => {
    await allowsMaxThenWaits(memoryWindowLimiter(3, 60_000, Date.now));
  });

  it('in Redis: the same, and two processes share one budget', async () => {
    const a = createRedisWindowLimiter(redis, `${prefix}:one`, 3, 60_000);
    await allowsMaxThenWaits(a);
    const p1 = createRedisWindowLimiter(redis, `${prefix}:shared`, 2, 60_000);
    const other = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const p2 = createRedisWindowLimiter(other, `${prefix}:shared`, 2, 60_000);
      expect([await p1.take('k'), await p2.take('k')]).toEqual([0, 0]);
      expect(await p2.take('k')).toBeGreaterThan(0);
      expect(await p1.take('k')).toBeGreaterThan(0);
      expect(await redis.pttl(`${prefix}:shared:"k"`)).toBeGreaterThan(50_000);
    } finally {
      other.disconnect();
    }
  });
});
