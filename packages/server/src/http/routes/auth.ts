import { randomUUID } from 'node:crypto';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CloseCode, ErrorCode } from '@kenes/shared';
import { AppError } from '../errors.js';
import type { RouteContext } from '../context.js';
import type { AuthEnv } from '../middleware/session.js';
import {
  errors,
  jsonBody,
  jsonResponse,
  LoginSchema,
  SignupSchema,
  UserResponseSchema,
} from '../schemas.js';
import { DuplicateEmailError } from '../../store/Store.js';
import { sha256Hex } from '../../auth/tokens.js';
import { toPublicUser } from '../../auth/users.js';
import { assertStrongPassword } from '../passwordRules.js';

const signup = createRoute({
  method: 'post',
  path: '/auth/signup',
  tags: ['auth'],
  summary: 'Create an account and sign in',
  description:
    '400 `weak_password` for one of the most common passwords (or one of fewer than five ' +
    'different characters); 409 `email_taken`; 413 over the body limit; 429 with `Retry-After` ' +
    'after too many sign-ups from one address.',
  request: { body: jsonBody(SignupSchema) },
  responses: {
    201: jsonResponse(UserResponseSchema, 'the new account; sets the session cookie'),
    ...errors(400, 403, 409, 413, 429),
  },
});

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Sign in (a new session each time)',
  description:
    'Failures slow sign-ins down, never lock an account: after a few failures of one e-mail from ' +
    'one address, that pair waits a doubling interval between attempts (429 with `Retry-After`, ' +
    'at most a minute); many failures of one e-mail from anywhere delay each attempt by up to a ' +
    'few seconds, the right password from another address included.',
  request: { body: jsonBody(LoginSchema) },
  responses: {
    200: jsonResponse(UserResponseSchema, 'signed in; sets a new session cookie'),
    ...errors(400, 401, 403, 413, 429),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End this session and close its sockets (idempotent)',
  responses: { 204: { description: 'signed out; clears the cookie' }, ...errors(403) },
});

const logoutAll = createRoute({
  method: 'post',
  path: '/auth/logout-all',
  tags: ['auth'],
  summary: 'End every session of the signed-in user and close their sockets',
  security: [{ cookieAuth: [] }],
  responses: { 204: { description: 'signed out everywhere' }, ...errors(401, 403) },
});

/**
 * Sign-up, sign-in and sign-out. Login failures for an unknown e-mail and a
 * wrong password are indistinguishable (same status, body and, through a
 * dummy hash, time); they slow down the (e-mail, address) pair, the e-mail
 * and the address (`auth/throttle.ts`). A sign-up hashes the password before
 * looking the e-mail up, so a taken address answers in the same time as a
 * new one; sign-ups are rate-limited per address.
 */
export function authRoutes(ctx: RouteContext) {
  return (api: OpenAPIHono<AuthEnv>): void => {
    const { store, sessions, logger } = ctx;

    api.openapi(signup, async (c) => {
      const body = c.req.valid('json');
      const allowed = ctx.signups.take(ctx.clientAddress(c));
      if (!allowed.ok) {
        throw new AppError(429, ErrorCode.tooManyRequests, 'Too many sign-ups; try again later', {
          'Retry-After': String(allowed.retryAfter),
        });
      }
      assertStrongPassword(body.password);
      // Hash first, whether or not the e-mail is taken: the answer's time must not tell.
      const passwordHash = await ctx.passwords.hash(body.password);
      if (await store.accounts.userByEmail(body.email)) {
        throw new AppError(409, ErrorCode.emailTaken, 'An account with this e-mail exists');
      }
      const row = {
        id: randomUUID(),
        email: body.email,
        passwordHash,
        name: body.name,
        organisation: body.organisation,
        orgType: body.orgType,
        language: body.language ?? 'en',
        gender: body.gender ?? null,
        createdAt: ctx.now(),
      };
      try {
        await store.accounts.createUser(row);
      } catch (err) {
        // Lost a race with a concurrent sign-up for the same address.
        if (err instanceof DuplicateEmailError)
          throw new AppError(409, ErrorCode.emailTaken, 'An account with this e-mail exists');
        throw err;
      }
      const { setCookie } = await sessions.create(row.id, {
        userAgent: c.req.header('user-agent'),
      });
      logger.info({ userId: row.id }, 'account created');
      c.header('Set-Cookie', setCookie, { append: true });
      return c.json({ user: toPublicUser(row) }, 201);
    });

    api.openapi(login, async (c) => {
      const { email, password } = c.req.valid('json');
      const address = ctx.clientAddress(c);
      const { retryAfter, delayMs } = await ctx.throttle.check(email, address);
      if (retryAfter > 0) {
        throw new AppError(
          429,
          ErrorCode.tooManyRequests,
          'Too many failed sign-ins; try again later',
          { 'Retry-After': String(retryAfter) },
        );
      }
      // Slow down, not lock: a much-failed account is checked after a short wait, from anywhere.
      if (delayMs > 0) await ctx.sleep(delayMs);
      const user = await store.accounts.userByEmail(email);
      let ok = false;
      if (user) ok = await ctx.passwords.verify(user.passwordHash, password);
      // Unknown e-mail: spend the same hashing time, so timing does not tell.
      else await ctx.dummyVerify(password);
      if (!user || !ok) {
        await ctx.throttle.fail(email, address);
        logger.info({ address }, 'sign-in failed');
        throw new AppError(401, ErrorCode.invalidCredentials, 'Wrong e-mail or password');
      }
      await ctx.throttle.succeed(email, address);
      // Rotate: a session the browser already held (perhaps planted) ends here.
      const previous = sessions.tokenFromCookie(c.req.header('cookie'));
      if (previous) await sessions.revoke(sha256Hex(previous));
      const { setCookie } = await sessions.create(user.id, {
        userAgent: c.req.header('user-agent'),
      });
      logger.info({ userId: user.id }, 'signed in');
      c.header('Set-Cookie', setCookie, { append: true });
      return c.json({ user: toPublicUser(user) }, 200);
    });

    api.openapi(logout, async (c) => {
      const token = sessions.tokenFromCookie(c.req.header('cookie'));
      if (token) {
        // Deleting by hash needs no validation: only the token's holder knows it.
        const hash = sha256Hex(token);
        await sessions.revoke(hash);
        ctx.connections.closeSession(hash, CloseCode.unauthorized, 'signed out');
      }
      c.header('Set-Cookie', sessions.blankCookie(), { append: true });
      return c.body(null, 204);
    });

    api.openapi({ ...logoutAll, middleware: [ctx.requireUser] }, async (c) => {
      const user = c.var.user;
      const hashes = await sessions.revokeUser(user.id);
      for (const hash of hashes)
        ctx.connections.closeSession(hash, CloseCode.unauthorized, 'signed out everywhere');
      logger.info({ userId: user.id, sessions: hashes.length }, 'signed out everywhere');
      // Lucia may have queued a refreshed cookie; the blank one must win.
      c.header('Set-Cookie', sessions.blankCookie());
      return c.body(null, 204);
    });
  };
}
