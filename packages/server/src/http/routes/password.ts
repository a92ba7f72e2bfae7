import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CloseCode, ErrorCode } from '@kenes/shared';
import type { RouteContext } from '../context.js';
import type { AuthEnv } from '../middleware/session.js';
import { AppError } from '../errors.js';
import { assertStrongPassword } from '../passwordRules.js';
import { ChangePasswordSchema, errors, jsonBody } from '../schemas.js';

const changePassword = createRoute({
  method: 'post',
  path: '/me/password',
  tags: ['auth'],
  summary: 'Change the password; every other session of the account ends, this one stays',
  description:
    'Needs the current password: 400 `invalid_credentials` when it is wrong (wrong guesses are ' +
    'slowed down like failed sign-ins: 429 with `Retry-After`); 400 `weak_password` for a common ' +
    'or repetitive new one, as at sign-up. The other sessions are deleted with the change, in one ' +
    'transaction, and their sockets closed (4401).',
  security: [{ cookieAuth: [] }],
  request: { body: jsonBody(ChangePasswordSchema) },
  responses: {
    204: { description: 'changed; other sessions signed out' },
    ...errors(400, 401, 403, 413, 429),
  },
});

/**
 * `POST /me/password`. A stolen session cookie must not be enough to take the
 * account over, so the current password is asked for and guesses at it count
 * as failed sign-ins of that e-mail (`auth/throttle.ts`).
 */
export function passwordRoutes(ctx: RouteContext) {
  return (api: OpenAPIHono<AuthEnv>): void => {
    api.openapi({ ...changePassword, middleware: [ctx.requireUser] }, async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      const { user, session } = c.var;
      const address = ctx.clientAddress(c);
      const { retryAfter, delayMs } = await ctx.throttle.check(user.email, address);
      if (retryAfter > 0) {
        throw new AppError(429, ErrorCode.tooManyRequests, 'Too many wrong passwords; wait', {
          'Retry-After': String(retryAfter),
        });
      }
      if (delayMs > 0) await ctx.sleep(delayMs);
      const row = await ctx.store.accounts.userById(user.id);
      if (!row) throw new AppError(401, ErrorCode.unauthorized, 'The account no longer exists');
      if (!(await ctx.passwords.verify(row.passwordHash, currentPassword))) {
        await ctx.throttle.fail(user.email, address);
        ctx.logger.info({ userId: user.id, address }, 'password change: wrong current password');
        throw new AppError(400, ErrorCode.invalidCredentials, 'The current password is wrong');
      }
      await ctx.throttle.succeed(user.email, address);
      assertStrongPassword(newPassword);
      const hash = await ctx.passwords.hash(newPassword);
      const ended = await ctx.store.accounts.changePassword(user.id, hash, session.hash);
      if (ended === null) {
        throw new AppError(401, ErrorCode.unauthorized, 'The account no longer exists');
      }
      for (const h of ended)
        ctx.connections.closeSession(h, CloseCode.unauthorized, 'password changed');
      ctx.logger.info({ userId: user.id, sessionsEnded: ended.length }, 'password changed');
      return c.body(null, 204);
    });
  };
}
