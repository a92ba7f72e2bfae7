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

const signup = createRoute({
  method: 'post',
  path: '/auth/signup',
  tags: ['auth'],
  summary: 'Create an account and sign in',
  request: { body: jsonBody(SignupSchema) },
  responses: {
    201: jsonResponse(UserResponseSchema, 'the new account; sets the session cookie'),
    ...errors(400, 403, 409),
  },
});

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Sign in (a new session each time)',
  request: { body: jsonBody(LoginSchema) },
  responses: {
    200: jsonResponse(UserResponseSchema, 'signed in; sets a new session cookie'),
    ...errors(400, 401, 403, 429),
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
 * dummy hash, time); they count against the e-mail and the client address.
 */
export function registerAuthRoutes(api: OpenAPIHono<AuthEnv>, ctx: RouteContext): void {
  const { store, sessions, logger } = ctx;

  api.openapi(signup, async (c) => {
    const body = c.req.valid('json');
    if (await store.accounts.userByEmail(body.email)) {
      throw new AppError(409, ErrorCode.emailTaken, 'An account with this e-mail exists');
    }
    const row = {
      id: randomUUID(),
      email: body.email,
      passwordHash: await ctx.passwords.hash(body.password),
      name: body.name,
      organisation: body.organisation,
      orgType: body.orgType,
      language: body.language ?? 'en',
      gender: body.gender || null,
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
    const { setCookie } = await sessions.create(row.id);
    logger.info({ userId: row.id }, 'account created');
    c.header('Set-Cookie', setCookie, { append: true });
    return c.json({ user: toPublicUser(row) }, 201);
  });

  api.openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const address = ctx.clientAddress(c);
    const wait = ctx.throttle.retryAfter(email, address);
    if (wait > 0) {
      throw new AppError(
        429,
        ErrorCode.tooManyRequests,
        'Too many failed sign-ins; try again later',
        {
          'Retry-After': String(wait),
        },
      );
    }
    const user = await store.accounts.userByEmail(email);
    let ok = false;
    if (user) ok = await ctx.passwords.verify(user.passwordHash, password);
    // Unknown e-mail: spend the same hashing time, so timing does not tell.
    else await ctx.dummyVerify(password);
    if (!user || !ok) {
      ctx.throttle.fail(email, address);
      logger.info({ address }, 'sign-in failed');
      throw new AppError(401, ErrorCode.invalidCredentials, 'Wrong e-mail or password');
    }
    ctx.throttle.succeed(email);
    // Rotate: a session the browser already held (perhaps planted) ends here.
    const previous = sessions.tokenFromCookie(c.req.header('cookie'));
    if (previous) await sessions.revoke(sha256Hex(previous));
    const { setCookie } = await sessions.create(user.id);
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
}
