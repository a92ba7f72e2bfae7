/** Limits of one socket: sustained rates and the burst allowed on top. */
export interface RateLimits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
}

/**
 * One socket's message and byte budgets: two token buckets (a burst, refilled
 * at a sustained rate) kept in one small object with one clock reading per
 * frame — a meeting holds hundreds of these. The clock is injected so tests
 * need no sleeping.
 */
export class SocketRateLimiter {
  private messages: number;
  private bytes: number;
  private last: number;

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {
    this.messages = limits.messageBurst;
    this.bytes = limits.byteBurst;
    this.last = now();
  }

  /** Accounts for one incoming frame; false when the socket is over its budget. */
  allow(frameBytes: number): boolean {
    const t = this.now();
    const elapsed = Math.max(0, t - this.last) / 1000;
    this.last = t;
    const l = this.limits;
    this.messages = Math.min(l.messageBurst, this.messages + elapsed * l.messagesPerSecond);
    this.bytes = Math.min(l.byteBurst, this.bytes + elapsed * l.bytesPerSecond);
    // Each budget is taken only when it suffices, and both are evaluated, so a
    // message flood and a byte flood are each caught.
    const messageOk = this.messages >= 1;
    if (messageOk) this.messages -= 1;
    const bytesOk = this.bytes >= frameBytes;
    if (bytesOk) this.bytes -= frameBytes;
    return messageOk && bytesOk;
  }
}
