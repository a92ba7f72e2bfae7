/** Limits of one socket: sustained rates and the burst allowed on top. */
export interface RateLimits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
}

/**
 * A token bucket: `capacity` tokens, refilled at `ratePerSecond`. The clock
 * is injected so tests need no sleeping.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes `n` tokens; false (taking none) when there are not enough. */
  take(n = 1): boolean {
    const t = this.now();
    const elapsed = Math.max(0, t - this.last) / 1000;
    this.last = t;
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.ratePerSecond);
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

/** One socket's message and byte budgets. */
export class SocketRateLimiter {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(limits: RateLimits, now: () => number) {
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, now);
    this.bytes = new TokenBucket(limits.bytesPerSecond, limits.byteBurst, now);
  }

  /** Accounts for one incoming frame; false when the socket is over its budget. */
  allow(frameBytes: number): boolean {
    // Evaluate both so a message-flood and a byte-flood are each caught.
    const m = this.messages.take(1);
    const b = this.bytes.take(frameBytes);
    return m && b;
  }
}
