/**
 * Login throttling: counts failed logins per account and per client address
 * in fixed windows. In memory, per process: with several processes behind a
 * load balancer each one counts on its own (the limits multiply by the
 * process count); a Redis-backed twin can replace it behind this interface.
 */
export interface LoginThrottle {
  /** Seconds to wait before another attempt, or 0 when allowed. */
  retryAfter(account: string, address: string): number;
  /** Counts one failed attempt against both keys. */
  fail(account: string, address: string): void;
  /** A successful login clears the account's count (not the address's). */
  succeed(account: string): void;
}

/** Limits of {@link createLoginThrottle}. */
export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

/** 5 failures per account and 20 per address in 15 minutes. */
export const DEFAULT_THROTTLE: ThrottleLimits = {
  perAccount: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
};

/** Upper bound on tracked keys, so an attacker cycling addresses cannot grow memory without end. */
const MAX_KEYS = 100_000;

interface Window {
  count: number;
  start: number;
}

/** Creates an in-memory {@link LoginThrottle} on the injected clock. */
export function createLoginThrottle(
  now: () => number,
  limits: ThrottleLimits = DEFAULT_THROTTLE,
): LoginThrottle {
  const accounts = new Map<string, Window>();
  const addresses = new Map<string, Window>();

  const current = (map: Map<string, Window>, key: string): Window | undefined => {
    const w = map.get(key);
    if (w && now() - w.start >= limits.windowMs) {
      map.delete(key);
      return undefined;
    }
    return w;
  };
  const wait = (w: Window | undefined, limit: number): number =>
    w && w.count >= limit ? Math.max(1, Math.ceil((w.start + limits.windowMs - now()) / 1000)) : 0;
  const bump = (map: Map<string, Window>, key: string): void => {
    const w = current(map, key);
    if (w) {
      w.count += 1;
      return;
    }
    if (map.size >= MAX_KEYS) prune(map);
    map.set(key, { count: 1, start: now() });
  };
  const prune = (map: Map<string, Window>): void => {
    for (const [k, w] of map) if (now() - w.start >= limits.windowMs) map.delete(k);
    // Still full: drop the oldest entries (Map keeps insertion order).
    for (const k of map.keys()) {
      if (map.size < MAX_KEYS) break;
      map.delete(k);
    }
  };

  return {
    retryAfter(account, address) {
      return Math.max(
        wait(current(accounts, account), limits.perAccount),
        wait(current(addresses, address), limits.perAddress),
      );
    },
    fail(account, address) {
      bump(accounts, account);
      bump(addresses, address);
    },
    succeed(account) {
      accounts.delete(account);
    },
  };
}
