import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ErrorCode, type ApiErrorBody } from '@kenes/shared';
import { isStoreUnavailable } from '../store/unavailable.js';

/** Seconds a client is asked to wait when the database takes no writes. */
const STORE_RETRY_AFTER = '5';

/**
 * The one error type HTTP handlers throw. `onError` turns it into
 * `{ error: { code, message } }` with its status.
 */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The JSON body of an error. */
export function errorBody(code: ErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } };
}

/** Hono `onError` handler: AppError → its status; anything else → 500, logged. */
export function onError(log: (err: unknown, msg: string) => void) {
  return (err: Error, c: Context): Response => {
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(errorBody(err.code, err.message), err.status);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code =
        status === 413
          ? ErrorCode.payloadTooLarge
          : status === 401
            ? ErrorCode.unauthorized
            : ErrorCode.badRequest;
      return c.json(errorBody(code, err.message || 'Bad request'), status);
    }
    if (isStoreUnavailable(err)) {
      // Not a bug but the database (read-only, full, locked, gone): say so, and when to retry.
      log(err, 'store unavailable');
      c.header('Retry-After', STORE_RETRY_AFTER);
      return c.json(
        errorBody(ErrorCode.unavailable, 'The database is not taking changes now; try again soon'),
        503,
      );
    }
    log(err, 'unhandled error');
    return c.json(errorBody(ErrorCode.internal, 'Internal server error'), 500);
  };
}

/** Hono `notFound` handler. */
export function notFound(c: Context): Response {
  return c.json(errorBody(ErrorCode.notFound, `No route for ${c.req.method} ${c.req.path}`), 404);
}
