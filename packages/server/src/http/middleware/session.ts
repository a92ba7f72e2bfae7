import type { MiddlewareHandler } from 'hono';
import { ErrorCode } from '@kenes/shared';
import { AppError } from '../errors.js';
import type { AuthSession, SessionManager } from '../../auth/sessions.js';
import type { PublicUser } from '../../auth/users.js';

/** Hono env of routes behind {@link requireUser}: `c.var.user` and `c.var.session`. */
export interface AuthEnv {
  Variables: {
    user: PublicUser;
    session: AuthSession;
  };
}

/**
 * Middleware that admits only a request with a valid session cookie and sets
 * `c.var.user` / `c.var.session`. When Lucia extended the session it sends
 * the refreshed cookie; an invalid cookie is cleared with the 401.
 *
 * @example api.openapi(createRoute({ ..., middleware: [requireUser(sessions)] }), handler)
 */
export function requireUser(sessions: SessionManager): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = sessions.tokenFromCookie(c.req.header('cookie'));
    if (!token) throw new AppError(401, ErrorCode.unauthorized, 'Sign in first');
    const valid = await sessions.validate(token);
    if (!valid) {
      throw new AppError(401, ErrorCode.unauthorized, 'Session ended; sign in again', {
        'Set-Cookie': sessions.blankCookie(),
      });
    }
    c.set('user', valid.user);
    c.set('session', valid.session);
    if (valid.setCookie) c.header('Set-Cookie', valid.setCookie, { append: true });
    await next();
  };
}
