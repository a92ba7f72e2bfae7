import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { redactUrl } from '../redactUrl.js';
import { StoreUnavailableError } from '../store/unavailable.js';
import {
  accountDelayMs,
  DEFAULT_THROTTLE,
  waitVerdict,
  type LoginThrottle,
  type ThrottleLimits,
} from './throttle.js';

/** Options of {@link createRedisLoginThrottle}. */
export interface RedisThrottleOptions {
  /** A connected client; the throttle does not close it. */
  redis: Redis;
  /** Keys start with `<prefix>:login:`; deployments (or test runs) sharing a Redis pick different ones. */
  prefix: string;
  /** Clock, epoch ms: every process's clock (they should agree to a second or so). */
  now: () => number;
  limits?: ThrottleLimits;
}

/*
 * One counter is a hash {f: failures, s: window start, l: last failure or
 * admitted attempt}, expiring `windowMs` after its first failure (the window
 * is also checked against the caller's clock, as the in-memory one does).
 * Each operation is one Lua script, so two processes never interleave a
 * read and its write: the "slot" an admitted attempt takes is taken once.
 */

/** Shared by both scripts: the live counter at KEYS[k] or nil, deleting an expired one. */
const CURRENT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local function current(key)
  local v = redis.call('HMGET', key, 'f', 's', 'l')
  if not v[1] then return nil end
  local c = { f = tonumber(v[1]), s = tonumber(v[2]), l = tonumber(v[3]) }
  if now - c.s >= window then
    redis.call('DEL', key)
    return nil
  end
  return c
end
`;

/**
 * KEYS: pair, address, account. ARGV: now, windowMs, pairFree, addressFree,
 * maxBackoffMs. Returns {wait ms (0 when admitted), account failures}.
 */
const CHECK = `${CURRENT}
local maxBackoff = tonumber(ARGV[5])
local function spacing(c, free)
  if not c or c.f < free then return 0 end
  local wait = c.l + math.min(maxBackoff, 1000 * 2 ^ (c.f - free)) - now
  if wait > 0 then return wait end
  return 0
end
local pairFree = tonumber(ARGV[3])
local addressFree = tonumber(ARGV[4])
local pair = current(KEYS[1])
local from = current(KEYS[2])
local wait = math.max(spacing(pair, pairFree), spacing(from, addressFree))
if wait > 0 then return { math.ceil(wait), 0 } end
-- Admitted: the slot is taken, so parallel attempts of a slowed key wait for the next one.
if pair and pair.f >= pairFree then redis.call('HSET', KEYS[1], 'l', now) end
if from and from.f >= addressFree then redis.call('HSET', KEYS[2], 'l', now) end
local acc = current(KEYS[3])
if acc then return { 0, acc.f } end
return { 0, 0 }
`;

/** KEYS: pair, account, address. ARGV: now, windowMs. Counts one failure on each. */
const FAIL = `${CURRENT}
for _, key in ipairs(KEYS) do
  local c = current(key)
  if c then
    redis.call('HINCRBY', key, 'f', 1)
    redis.call('HSET', key, 'l', math.max(c.l, now))
  else
    redis.call('HSET', key, 'f', 1, 's', now, 'l', now)
    redis.call('PEXPIRE', key, window)
  end
end
return 0
`;

/**
 * The {@link LoginThrottle} of several processes: the same counters and
 * verdicts as `createLoginThrottle`, kept in Redis so a guesser spreading
 * attempts over processes meets one budget. No key cap is needed: every
 * counter expires with its window. Redis errors reject (the login answers
 * 500): a throttle that silently forgot would be no throttle.
 */
export function createRedisLoginThrottle(opts: RedisThrottleOptions): LoginThrottle {
  const { redis, now } = opts;
  const limits = opts.limits ?? DEFAULT_THROTTLE;
  const root = `${opts.prefix}:login`;
  // JSON keeps any e-mail or address from running into the next part of a key.
  const pairKey = (account: string, address: string) =>
    `${root}:pair:${JSON.stringify([account, address])}`;
  const accountKey = (account: string) => `${root}:account:${JSON.stringify(account)}`;
  const addressKey = (address: string) => `${root}:address:${JSON.stringify(address)}`;

  return {
    async check(account, address) {
      const [wait, accountFailures] = (await redis.eval(
        CHECK,
        3,
        pairKey(account, address),
        addressKey(address),
        accountKey(account),
        now(),
        limits.windowMs,
        limits.pairFree,
        limits.addressFree,
        limits.maxBackoffMs,
      )) as [number, number];
      if (wait > 0) return waitVerdict(wait);
      return { retryAfter: 0, delayMs: accountDelayMs(accountFailures, limits) };
    },
    async fail(account, address) {
      await redis.eval(
        FAIL,
        3,
        pairKey(account, address),
        accountKey(account),
        addressKey(address),
        now(),
        limits.windowMs,
      );
    },
    async succeed(account, address) {
      await redis.del(pairKey(account, address));
    },
  };
}

/** A Redis login throttle and the connection it owns. */
export interface OpenedRedisThrottle {
  throttle: LoginThrottle;
  /** The connection, for other shared counters (mail limits); closed by `close`. */
  redis: Redis;
  /** Closes the connection (after the server has stopped taking logins). */
  close(): Promise<void>;
}

/**
 * Connects to Redis and returns the shared login throttle (keys under
 * `<prefix>:login:`). Loaded only when `REDIS_URL` is set, like the fan-out.
 * Rejects when Redis does not answer.
 */
export async function openRedisLoginThrottle(opts: {
  url: string;
  prefix: string;
  logger: Logger;
}): Promise<OpenedRedisThrottle> {
  // Commands wait (offline queue) across short outages rather than fail at once.
  const redis = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  redis.on('error', (err: Error) => opts.logger.warn({ err: err.message }, 'redis error'));
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(
      `Redis unreachable at ${redactUrl(opts.url, 'REDIS_URL')}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  return {
    redis,
    throttle: answerUnavailable(
      createRedisLoginThrottle({ redis, prefix: opts.prefix, now: Date.now }),
    ),
    close: async () => {
      await redis.quit();
    },
  };
}

/**
 * A throttle whose Redis failures read as the store being unavailable, so a
 * sign-in during a Redis outage answers 503 (try again) like any other outage
 * (a `StoreUnavailableError`, which `isStoreUnavailable` knows), not 500.
 */
function answerUnavailable(inner: LoginThrottle): LoginThrottle {
  const wrap =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await f(...args);
      } catch (err) {
        throw new StoreUnavailableError(err, 'login throttle unavailable (Redis)');
      }
    };
  return {
    check: wrap(inner.check.bind(inner)),
    fail: wrap(inner.fail.bind(inner)),
    succeed: wrap(inner.succeed.bind(inner)),
  };
}
