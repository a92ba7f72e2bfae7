/**
 * Login throttling that slows guessing down without locking anyone out.
 *
 * - Per (account, address) pair: a few failures are free, then each attempt
 *   of that pair must wait a doubling backoff (1 s, 2 s, 4 s … capped) after
 *   the previous one; earlier attempts answer 429 with the wait. A hostile
 *   delegate guessing the chair's password from their laptop is slowed to
 *   one guess a minute; the chair, from another address, is not.
 * - Per account, across addresses: failures beyond a threshold add a short
 *   server-side delay (capped at a few seconds) before the password is
 *   checked — from any address, the right password included. Distributed
 *   guessing slows down; the right password still gets through.
 * - Per address, across accounts: an address spraying many accounts gets
 *   the same doubling backoff for all its attempts.
 *
 * Two stores keep the counters, with one behaviour: {@link createLoginThrottle}
 * in memory (one process, SQLite) and `createRedisLoginThrottle`
 * (`redisThrottle.ts`) in Redis, so that with `REDIS_URL` several processes
 * share one budget instead of each counting on its own. The clock is injected.
 */
export interface LoginThrottle {
  /** What this attempt must do: wait `retryAfter` seconds (429) or be delayed `delayMs` first. */
  check(account: string, address: string): Promise<LoginVerdict>;
  /** Counts one failed attempt of the pair. */
  fail(account: string, address: string): Promise<void>;
  /** A successful login clears the pair's count (the account's stays: others' failures are no less real). */
  succeed(account: string, address: string): Promise<void>;
}

/** The answer of {@link LoginThrottle.check}. */
export interface LoginVerdict {
  /** Seconds to wait before this pair or address may try again; 0 when it may try now. */
  retryAfter: number;
  /** When it may try: how long to delay the attempt before checking the password, ms. */
  delayMs: number;
}

/** Limits of {@link createLoginThrottle}. */
export interface ThrottleLimits {
  /** Failures of one (account, address) pair before its attempts are spaced out. */
  pairFree: number;
  /** Failures of one address across accounts before its attempts are spaced out. */
  addressFree: number;
  /** Longest spacing between attempts of a slowed pair or address, ms. */
  maxBackoffMs: number;
  /** Failures of one account (any address) before attempts on it are delayed. */
  accountFree: number;
  /** Delay added per account failure beyond `accountFree`, ms. */
  accountDelayStepMs: number;
  /** Longest delay of an attempt on a much-failed account, ms. */
  maxAccountDelayMs: number;
  /** Failures older than this are forgotten, ms. */
  windowMs: number;
}

/** Five free failures per pair, twenty per address, spacing up to a minute; account delay up to 3 s. */
export const DEFAULT_THROTTLE: ThrottleLimits = {
  pairFree: 5,
  addressFree: 20,
  maxBackoffMs: 60_000,
  accountFree: 10,
  accountDelayStepMs: 250,
  maxAccountDelayMs: 3_000,
  windowMs: 15 * 60_000,
};

/** Upper bound on tracked keys per map, so an attacker cycling keys cannot grow memory without end. */
const MAX_KEYS = 100_000;

interface Counter {
  failures: number;
  /** When the window of this counter started. */
  start: number;
  /** Last failure or admitted attempt (the backoff runs from it). */
  last: number;
}

/** Ms a slowed key must wait after `last` once it has `failures` (0 below `free`): 1 s, 2 s, 4 s … capped. */
export function backoffMs(failures: number, free: number, limits: ThrottleLimits): number {
  if (failures < free) return 0;
  return Math.min(limits.maxBackoffMs, 1000 * 2 ** (failures - free));
}

/** The server-side delay of an attempt on an account with `failures` (any address). */
export function accountDelayMs(failures: number, limits: ThrottleLimits): number {
  const over = failures - limits.accountFree;
  return over > 0 ? Math.min(limits.maxAccountDelayMs, over * limits.accountDelayStepMs) : 0;
}

/** The verdict of a wait in ms: whole seconds, at least one. */
export function waitVerdict(waitMs: number): LoginVerdict {
  return { retryAfter: Math.max(1, Math.ceil(waitMs / 1000)), delayMs: 0 };
}

/** Creates an in-memory {@link LoginThrottle} on the injected clock (one process). */
export function createLoginThrottle(
  now: () => number,
  limits: ThrottleLimits = DEFAULT_THROTTLE,
): LoginThrottle {
  const pairs = new Map<string, Counter>();
  const accounts = new Map<string, Counter>();
  const addresses = new Map<string, Counter>();
  const pairKey = (account: string, address: string) => `${account}\n${address}`;

  const current = (map: Map<string, Counter>, key: string): Counter | undefined => {
    const c = map.get(key);
    if (c && now() - c.start >= limits.windowMs) {
      map.delete(key);
      return undefined;
    }
    return c;
  };
  const bump = (map: Map<string, Counter>, key: string): void => {
    const c = current(map, key);
    if (c) {
      c.failures += 1;
      c.last = Math.max(c.last, now());
      return;
    }
    if (map.size >= MAX_KEYS) prune(map);
    map.set(key, { failures: 1, start: now(), last: now() });
  };
  const prune = (map: Map<string, Counter>): void => {
    for (const [k, c] of map) if (now() - c.start >= limits.windowMs) map.delete(k);
    // Still full: drop the oldest entries (Map keeps insertion order).
    for (const k of map.keys()) {
      if (map.size < MAX_KEYS) break;
      map.delete(k);
    }
  };
  /** Ms a slowed key must still wait after its last failure or admitted attempt. */
  const spacing = (c: Counter | undefined, free: number): number => {
    if (!c || c.failures < free) return 0;
    const wait = c.last + backoffMs(c.failures, free, limits) - now();
    return wait > 0 ? wait : 0;
  };

  return {
    async check(account, address) {
      const pair = current(pairs, pairKey(account, address));
      const from = current(addresses, address);
      const wait = Math.max(spacing(pair, limits.pairFree), spacing(from, limits.addressFree));
      if (wait > 0) return waitVerdict(wait);
      // Admitted: the slot is taken, so parallel attempts of a slowed key wait for the next one.
      const t = now();
      if (pair && pair.failures >= limits.pairFree) pair.last = t;
      if (from && from.failures >= limits.addressFree) from.last = t;
      const acc = current(accounts, account);
      return { retryAfter: 0, delayMs: accountDelayMs(acc?.failures ?? 0, limits) };
    },
    async fail(account, address) {
      bump(pairs, pairKey(account, address));
      bump(accounts, account);
      bump(addresses, address);
    },
    async succeed(account, address) {
      pairs.delete(pairKey(account, address));
    },
  };
}
