/** Keys tracked at most: a caller cycling addresses cannot grow memory without end. */
const MAX_KEYS = 10_000;

/**
 * A fixed-window counter per key (a client address) for public look-ups that
 * need no session, such as what an invite link is for. In memory, per
 * process, on an injected clock.
 *
 * @example const limiter = new LookupLimiter(30, 60_000, Date.now);
 * if (limiter.take(address) > 0) throw tooMany();
 */
export class LookupLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Counts one look-up of `key`; 0 when allowed, else the whole seconds to wait. */
  take(key: string): number {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      if (!w && this.windows.size >= MAX_KEYS) this.prune(t);
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.max) return Math.max(1, Math.ceil((w.start + this.windowMs - t) / 1000));
    w.count += 1;
    return 0;
  }

  /** Drops ended windows, then (under a flood of fresh keys) the oldest. */
  private prune(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
    for (const k of this.windows.keys()) {
      if (this.windows.size < MAX_KEYS) break;
      this.windows.delete(k);
    }
  }
}
