import { LookupLimiter } from '../routes/lookupLimiter.js';

/**
 * At most `max` events per key in a fixed window: mails a chair sends,
 * reset requests per address. One interface for the in-memory counter (one
 * process) and the Redis one (`auth/redisWindowLimiter.ts`, shared by every
 * process).
 */
export interface WindowLimiter {
  /** Counts one event of `key`: 0 when allowed, else the whole seconds to wait. */
  take(key: string): Promise<number>;
}

/** A {@link WindowLimiter} in this process's memory, on an injected clock. */
export function memoryWindowLimiter(
  max: number,
  windowMs: number,
  now: () => number,
): WindowLimiter {
  const inner = new LookupLimiter(max, windowMs, now);
  return { take: async (key) => inner.take(key) };
}
