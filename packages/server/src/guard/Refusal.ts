import { WriteRefusal } from '@kenes/shared';

/**
 * Thrown inside the guard when an update must be refused; `createUpdateGuard`
 * turns it into `{ ok: false, reason }`. Throwing keeps every check a
 * one-liner and guarantees that the first failed rule stops all further work
 * (no partial verdicts).
 */
export class Refusal extends Error {
  /** Human-readable reason, logged and sent as the WebSocket close reason. */
  readonly reason: string;
  /** What an honest client should do about it (see {@link WriteRefusal}). */
  readonly kind: WriteRefusal;

  constructor(reason: string, kind: WriteRefusal = WriteRefusal.refused) {
    super(reason);
    this.name = 'Refusal';
    this.reason = reason;
    this.kind = kind;
  }
}

/** Throws a {@link Refusal}; typed `never` so callers can use it in expressions. */
export function refuse(reason: string, kind?: WriteRefusal): never {
  throw new Refusal(reason, kind);
}
