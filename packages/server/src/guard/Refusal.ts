/**
 * Thrown inside the guard when an update must be refused; `createUpdateGuard`
 * turns it into `{ ok: false, reason }`. Throwing keeps every check a
 * one-liner and guarantees that the first failed rule stops all further work
 * (no partial verdicts).
 */
export class Refusal extends Error {
  /** Human-readable reason, logged and sent as the WebSocket close reason. */
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.name = 'Refusal';
    this.reason = reason;
  }
}

/** Throws a {@link Refusal}; typed `never` so callers can use it in expressions. */
export function refuse(reason: string): never {
  throw new Refusal(reason);
}
