import {
  guardDenialKind,
  guardDenialMessage,
  type GuardDenialArgs,
  type GuardDenialCode,
  type WriteRefusal,
} from '@kenes/shared';

/**
 * Thrown inside the guard when an update must be denied; `createUpdateGuard`
 * turns it into `{ ok: false, code, reason, kind }`. Throwing keeps every
 * check a one-liner and guarantees that the first broken rule stops all
 * further work (no partial verdicts).
 */
export class GuardDenial extends Error {
  /** Which rule denied the update (see `GUARD_DENIALS` of @kenes/shared). */
  readonly code: GuardDenialCode;
  /** The code's message: logged, and the detail of the WebSocket close reason. */
  readonly reason: string;
  /** What an honest client should do about it (see {@link WriteRefusal}). */
  readonly kind: WriteRefusal;

  constructor(code: GuardDenialCode, reason: string) {
    super(reason);
    this.name = 'GuardDenial';
    this.code = code;
    this.reason = reason;
    this.kind = guardDenialKind(code);
  }
}

/** A {@link GuardDenial} of `code`, its message built from `args`. */
export function denial<C extends GuardDenialCode>(
  code: C,
  ...args: GuardDenialArgs<C>
): GuardDenial {
  return new GuardDenial(code, guardDenialMessage(code, ...args));
}

/**
 * Denies the update: throws the {@link denial} of `code`. Typed `never` so
 * callers can use it in expressions.
 *
 * @example if (ctx.meetingStatus === 'closed') deny('meeting_closed');
 */
export function deny<C extends GuardDenialCode>(code: C, ...args: GuardDenialArgs<C>): never {
  throw denial(code, ...args);
}
