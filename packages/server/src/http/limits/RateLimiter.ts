/** Budget of one key: a burst, refilled at a sustained rate. */
export interface RateBudget {
  /** Requests per second, sustained. */
  perSecond: number;
  /** Requests allowed at once on top of the rate (the bucket's size). */
  burst: number;
}

/** The answer of {@link RateLimiter.take}. */
export type RateDecision =
  | { ok: true }
  | {
      ok: false;
      /** Whole seconds until one request is allowed again (at least 1). */
      retryAfter: number;
      /** True for the first refusal after an allowed request: worth one log or audit line. */
      first: boolean;
    };

interface Bucket {
  tokens: number;
  last: number;
  refusing: boolean;
}

/** Keys tracked at most, so a caller cycling keys cannot grow memory without end. */
const MAX_KEYS = 50_000;

/**
 * Token buckets per key (e.g. per member of a meeting), in memory, on an
 * injected clock so tests need no sleeping. Per process: behind a load
 * balancer each process counts on its own, which multiplies the budget by
 * the process count but still bounds it.
 *
 * @example
 * const limiter = new RateLimiter({ perSecond: 10, burst: 30 }, Date.now);
 * const d = limiter.take(`${meetingId}:${userId}`);
 * if (!d.ok) return tooMany(d.retryAfter);
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly budget: RateBudget,
    private readonly now: () => number,
  ) {}

  /** Takes one token of `key`'s bucket, or says how long to wait. */
  take(key: string): RateDecision {
    const t = this.now();
    let b = this.buckets.get(key);
    if (b) {
      b.tokens = Math.min(
        this.budget.burst,
        b.tokens + (Math.max(0, t - b.last) / 1000) * this.budget.perSecond,
      );
      b.last = t;
      // Keep recently used keys at the end (Map order), so pruning drops the idle ones.
      this.buckets.delete(key);
      this.buckets.set(key, b);
    } else {
      if (this.buckets.size >= MAX_KEYS) this.prune();
      b = { tokens: this.budget.burst, last: t, refusing: false };
      this.buckets.set(key, b);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      b.refusing = false;
      return { ok: true };
    }
    const first = !b.refusing;
    b.refusing = true;
    const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / this.budget.perSecond));
    return { ok: false, retryAfter, first };
  }

  private prune(): void {
    // A full bucket is the same as no bucket: drop those first, then the least recently used.
    const t = this.now();
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((t - b.last) / 1000) * this.budget.perSecond >= this.budget.burst)
        this.buckets.delete(k);
    }
    for (const k of this.buckets.keys()) {
      if (this.buckets.size < MAX_KEYS) break;
      this.buckets.delete(k);
    }
  }
}
