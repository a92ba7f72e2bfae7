import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, requireRedis } from '../test-support/scaleout.js';
import { createRedisLoginThrottle } from './redisThrottle.js';
import {
  createLoginThrottle as createMemoryThrottle,
  DEFAULT_THROTTLE,
  type LoginThrottle,
  type ThrottleLimits,
} from './throttle.js';

type MakeThrottle = (now: () => number, limits: ThrottleLimits) => LoginThrottle;

let redis: Redis | undefined;
/** Key prefixes handed out by the current test; their keys are deleted after it. */
const prefixes: string[] = [];
const freshPrefix = () => {
  const prefix = `kenes-test:${randomUUID()}`;
  prefixes.push(prefix);
  return prefix;
};

beforeAll(async () => {
  await requireRedis();
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
});
afterEach(async () => {
  for (const prefix of prefixes.splice(0)) {
    const keys = await redis!.keys(`${prefix}:*`);
    if (keys.length > 0) await redis!.del(...keys);
  }
});
afterAll(() => redis?.disconnect());

/** Both stores run the same behaviour tests: in memory, and in Redis (a fresh key space per test). */
const stores: [string, () => MakeThrottle][] = [
  ['createLoginThrottle (memory)', () => createMemoryThrottle],
  [
    'createRedisLoginThrottle',
    () => {
      const prefix = freshPrefix();
      return (now, limits) => createRedisLoginThrottle({ redis: redis!, prefix, now, limits });
    },
  ],
];

describe.each(stores)('%s', (_name, makeStore) => {
  const limits = { ...DEFAULT_THROTTLE, pairFree: 2, addressFree: 3, accountFree: 2 };
  let createLoginThrottle: MakeThrottle;
  beforeEach(() => {
    createLoginThrottle = makeStore();
  });

  it('spaces out a failing pair with a doubling backoff, never a lock', async () => {
    let t = 0;
    const th = createLoginThrottle(() => t, limits);
    await th.fail('a', 'ip1');
    expect((await th.check('a', 'ip1')).retryAfter).toBe(0);
    await th.fail('a', 'ip1');
    // Two failures: the next attempt waits 1 s after the last, then 2 s, 4 s …
    expect((await th.check('a', 'ip1')).retryAfter).toBe(1);
    t += 1_000;
    expect(await th.check('a', 'ip1')).toMatchObject({ retryAfter: 0 });
    expect((await th.check('a', 'ip1')).retryAfter).toBe(1); // a parallel attempt waits for the next slot
    await th.fail('a', 'ip1');
    t += 1_000;
    expect((await th.check('a', 'ip1')).retryAfter).toBe(1);
    t += 1_000;
    expect((await th.check('a', 'ip1')).retryAfter).toBe(0);
    for (let i = 0; i < 20; i++) await th.fail('a', 'ip1');
    t += 1;
    // Capped: never longer than the maximum backoff.
    expect((await th.check('a', 'ip1')).retryAfter).toBeLessThanOrEqual(limits.maxBackoffMs / 1000);
  });

  it('lets the same account through from another address, with a capped delay', async () => {
    const t = 0;
    const th = createLoginThrottle(() => t, limits);
    for (let i = 0; i < 50; i++) await th.fail('chair', 'hostile');
    const elsewhere = await th.check('chair', 'chair-laptop');
    expect(elsewhere.retryAfter).toBe(0);
    expect(elsewhere.delayMs).toBe(limits.maxAccountDelayMs);
    expect((await th.check('chair', 'hostile')).retryAfter).toBeGreaterThan(0);
  });

  it('spaces out an address spraying accounts, and success clears only the pair', async () => {
    const th = createLoginThrottle(() => 0, limits);
    await th.fail('a', 'ip');
    await th.fail('b', 'ip');
    await th.fail('c', 'ip');
    expect((await th.check('d', 'ip')).retryAfter).toBeGreaterThan(0);
    expect((await th.check('d', 'other')).retryAfter).toBe(0);
    await th.fail('x', 'p');
    await th.fail('x', 'p');
    await th.succeed('x', 'p');
    expect(await th.check('x', 'p')).toEqual({ retryAfter: 0, delayMs: 0 });
  });

  it('forgets failures after the window', async () => {
    let t = 0;
    const th = createLoginThrottle(() => t, limits);
    for (let i = 0; i < 10; i++) await th.fail('a', 'ip');
    t += limits.windowMs;
    expect(await th.check('a', 'ip')).toEqual({ retryAfter: 0, delayMs: 0 });
  });
});

describe('createRedisLoginThrottle across processes', () => {
  const limits = { ...DEFAULT_THROTTLE, pairFree: 2, addressFree: 3, accountFree: 2 };
  const twoProcesses = (now: () => number) => {
    const prefix = freshPrefix();
    // Two clients, as two server processes would hold.
    const other = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    return {
      a: createRedisLoginThrottle({ redis: redis!, prefix, now, limits }),
      b: createRedisLoginThrottle({ redis: other, prefix, now, limits }),
      close: () => other.disconnect(),
    };
  };

  it("sees the other process's failures: a pair guessing on both is slowed on both", async () => {
    let t = 1_000_000;
    const { a, b, close } = twoProcesses(() => t);
    try {
      await a.fail('chair', 'ip');
      await b.fail('chair', 'ip');
      // Each process alone saw one failure (free); together they saw two.
      expect((await a.check('chair', 'ip')).retryAfter).toBe(1);
      expect((await b.check('chair', 'ip')).retryAfter).toBe(1);
      t += 1_000;
      // One slot for both: the process that takes it makes the other wait.
      expect((await b.check('chair', 'ip')).retryAfter).toBe(0);
      expect((await a.check('chair', 'ip')).retryAfter).toBe(1);
      // Success on one clears the pair for both.
      await a.succeed('chair', 'ip');
      expect(await b.check('chair', 'ip')).toEqual({ retryAfter: 0, delayMs: 0 });
    } finally {
      close();
    }
  });

  it('adds up account and address failures made on either process', async () => {
    const t = 5_000;
    const { a, b, close } = twoProcesses(() => t);
    try {
      for (let i = 0; i < 3; i++) await a.fail('chair', `a${i}`);
      for (let i = 0; i < 3; i++) await b.fail('chair', `b${i}`);
      // Six account failures, four over the two free: 1 s on either process.
      expect((await b.check('chair', 'laptop')).delayMs).toBe(4 * limits.accountDelayStepMs);
      expect((await a.check('chair', 'laptop')).delayMs).toBe(4 * limits.accountDelayStepMs);
      await a.fail('x', 'spray');
      await b.fail('y', 'spray');
      await a.fail('z', 'spray');
      expect((await b.check('w', 'spray')).retryAfter).toBeGreaterThan(0);
      expect((await a.check('w', 'elsewhere')).retryAfter).toBe(0);
    } finally {
      close();
    }
  });

  it('keeps its counters only for the window (Redis expires them)', async () => {
    const prefix = freshPrefix();
    const th = createRedisLoginThrottle({ redis: redis!, prefix, now: Date.now, limits });
    await th.fail('a', 'ip');
    const keys = await redis!.keys(`${prefix}:*`);
    expect(keys).toHaveLength(3);
    for (const key of keys) {
      const ttl = await redis!.pttl(key);
      expect(ttl).toBeGreaterThan(limits.windowMs - 60_000);
      expect(ttl).toBeLessThanOrEqual(limits.windowMs);
    }
  });
});
