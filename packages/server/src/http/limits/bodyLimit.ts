import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ErrorCode } from '@kenes/shared';
import { AppError } from '../errors.js';

/**
 * Refuses a request body over `maxBytes` with 413 `{error}`: at once from
 * its Content-Length, before a byte of it is read, or — for a chunked body —
 * as soon as the bytes read pass the limit. Every route sits behind one, so
 * no handler (sign-up and login included) ever buffers more.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError(
        413,
        ErrorCode.payloadTooLarge,
        `A request body is at most ${maxBytes} bytes`,
        // The rest of the body is not read: the connection cannot be reused for another request.
        { Connection: 'close' },
      );
    },
  });
}
