import type { MiddlewareHandler } from 'hono';
import { ErrorCode } from '@kenes/shared';
import { AppError } from '../errors.js';

/** Methods that change nothing and so need no Origin check. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence: a state-changing request must carry an `Origin` equal to
 * `publicOrigin`. A missing Origin is refused too: every browser sends it on
 * POST/PUT/PATCH/DELETE, so only non-browser clients lack it, and they can
 * set it. SameSite=Lax cookies are the second layer.
 */
export function requireSameOrigin(publicOrigin: string): MiddlewareHandler {
  const expected = new URL(publicOrigin).origin;
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method) && c.req.header('origin') !== expected) {
      throw new AppError(403, ErrorCode.foreignOrigin, 'Request origin is missing or not allowed');
    }
    await next();
  };
}
