import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { CloseCode, ErrorCode } from '@kenes/shared';
import { weakPassword } from '../../auth/commonPasswords.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/passwords.js';
import { randomToken, sha256Hex } from '../../auth/tokens.js';
import { toPublicUser } from '../../auth/users.js';
import { resetMail } from '../../mail/compose.js';
import type { PasswordResetRefusal } from '../../store/Store.js';
import { AppError } from '../errors.js';
import type { RouteContext } from '../context.js';
import type { AuthEnv } from '../middleware/session.js';
import { errors, jsonBody, jsonResponse, UserResponseSchema } from '../schemas.js';
import { LookupLimiter } from './lookupLimiter.js';

/** How long a reset link works. */
export const RESET_LINK_MS = 60 * 60 * 1000;
/** Look-ups and uses of reset links per client address and minute. */
export const RESET_LOOKUPS_PER_MINUTE = 30;

const ForgotSchema = z
  .object({ email: z.string().trim().toLowerCase().min(3).max(320) })
  .openapi('ForgotPassword');

const Accepted = z
  .object({ ok: z.literal(true) })
  .openapi('ForgotPasswordAccepted', { description: 'the same answer for every address' });

const TokenParams = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

const ResetSchema = z
  .object({ password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX) })
  .openapi('ResetPassword');

const ResetInfo = z
  .object({ email: z.string(), expiresAt: z.number().int() })
  .openapi('ResetLink', { description: 'a link that still works: whose it is, until when' });

const forgot = createRoute({
  method: 'post',
  path: '/auth/forgot-password',
  tags: ['auth'],
  summary: 'Ask for a password-reset link by e-mail',
  description:
    'Answers 202 `{ok: true}` at once for every address, whether or not it has an account: the ' +
    `mail (a link valid ${RESET_LINK_MS / 60_000} minutes, usable once) is sent afterwards, and a ` +
    'mail failure is only logged, since answering it would tell who has an account. 429 past the ' +
    'requests one address (e-mail or client) may make an hour.',
  request: { body: jsonBody(ForgotSchema) },
  responses: { 202: jsonResponse(Accepted, 'accepted'), ...errors(400, 403, 413, 429) },
});

const check = createRoute({
  method: 'get',
  path: '/auth/reset-password/{token}',
  tags: ['auth'],
  summary: 'Whether a password-reset link still works (no session needed)',
  description:
    '404 `reset_unknown`, 410 `reset_used` or `reset_expired`; 429 past ' +
    `${RESET_LOOKUPS_PER_MINUTE} look-ups a minute from one address.`,
  request: { params: TokenParams },
  responses: { 200: jsonResponse(ResetInfo, 'a working link'), ...errors(404, 410, 429) },
});

const reset = createRoute({
  method: 'post',
  path: '/auth/reset-password/{token}',
  tags: ['auth'],
  summary: 'Set a new password with a reset link; signs out everywhere, then in here',
  description:
    'The same strength rules as sign-up (400 `weak_password`). Uses the link up (and every other ' +
    'link of the account), ends every session of the account and closes their sockets, then ' +
    'starts a new session here. 404 `reset_unknown`, 410 `reset_used` / `reset_expired`.',
  request: { params: TokenParams, body: jsonBody(ResetSchema) },
  responses: {
    200: jsonResponse(UserResponseSchema, 'password changed; sets a new session cookie'),
    ...errors(400, 403, 404, 410, 413, 429),
  },
});

/** The HTTP error for a reset link that cannot be used. */
function resetError(reason: PasswordResetRefusal): AppError {
  switch (reason) {
    case 'unknown':
      return new AppError(404, ErrorCode.resetUnknown, 'This reset link is not valid');
    case 'used':
      return new AppError(410, ErrorCode.resetUsed, 'This reset link has already been used');
    case 'expired':
      return new AppError(410, ErrorCode.resetExpired, 'This reset link has expired');
  }
}

function tooMany(wait: number, what: string): AppError {
  return new AppError(429, ErrorCode.tooManyRequests, `Too many ${what}; try again later`, {
    'Retry-After': String(wait),
  });
}

/**
 * Forgotten passwords: a request mails a single-use link valid for an hour
 * (stored by hash); the link sets a new password, ends every session of the
 * account and signs in anew. Requests answer the same for every address,
 * without waiting for the mail, so neither the answer nor its time tells
 * whether an address has an account.
 */
export function passwordResetRoutes(ctx: RouteContext) {
  return (api: OpenAPIHono<AuthEnv>): void => {
    const { store, sessions, logger } = ctx;
    const lookups = new LookupLimiter(RESET_LOOKUPS_PER_MINUTE, 60_000, ctx.now);
    const lookupLimit = (address: string): void => {
      const wait = lookups.take(address);
      if (wait > 0) throw tooMany(wait, 'reset-link look-ups');
    };

    api.openapi(forgot, async (c) => {
      const { email } = c.req.valid('json');
      const address = ctx.clientAddress(c);
      // Per client first: a sweep over many addresses from one place stops there.
      const byClient = await ctx.mail.limits.resetPerClient.take(address);
      if (byClient > 0) throw tooMany(byClient, 'password-reset requests');
      const byAddress = await ctx.mail.limits.resetPerAddress.take(email);
      if (byAddress > 0) throw tooMany(byAddress, 'password-reset requests for this address');
      const user = await store.accounts.userByEmail(email);
      if (user) {
        const token = randomToken();
        const now = ctx.now();
        const expiresAt = now + RESET_LINK_MS;
        await store.passwordResets.create({
          tokenHash: sha256Hex(token),
          userId: user.id,
          createdAt: now,
          expiresAt,
        });
        const message = resetMail({
          to: user.email,
          language: user.language,
          url: `${ctx.publicOrigin}/reset-password/${token}`,
          expiresAt,
          timeZone: ctx.mail.timeZone,
        });
        // Not awaited: waiting for the mail server would make a known address answer slower.
        ctx.mail.mailer.send(message).then(
          () => logger.info({ userId: user.id }, 'password-reset mail sent'),
          (err: unknown) =>
            logger.error(
              { err, userId: user.id, mailer: ctx.mail.mailer.target },
              'password-reset mail failed',
            ),
        );
      } else {
        logger.info({ address }, 'password reset asked for an unknown address');
      }
      return c.json({ ok: true as const }, 202);
    });

    api.openapi(check, async (c) => {
      lookupLimit(ctx.clientAddress(c));
      const row = await store.passwordResets.byHash(sha256Hex(c.req.valid('param').token));
      if (!row) throw resetError('unknown');
      if (row.usedAt !== null) throw resetError('used');
      if (row.expiresAt <= ctx.now()) throw resetError('expired');
      const user = await store.accounts.userById(row.userId);
      if (!user) throw resetError('unknown');
      return c.json({ email: user.email, expiresAt: row.expiresAt }, 200);
    });

    api.openapi(reset, async (c) => {
      lookupLimit(ctx.clientAddress(c));
      const { token } = c.req.valid('param');
      const { password } = c.req.valid('json');
      const weak = weakPassword(password);
      if (weak) {
        throw new AppError(
          400,
          ErrorCode.weakPassword,
          weak === 'common'
            ? 'This password is one of the most common ones; choose another'
            : 'This password repeats too few characters; choose another',
        );
      }
      const tokenHash = sha256Hex(token);
      // A cheap look first: a dead link should not cost a password hash.
      const peek = await store.passwordResets.byHash(tokenHash);
      if (!peek) throw resetError('unknown');
      if (peek.usedAt !== null) throw resetError('used');
      if (peek.expiresAt <= ctx.now()) throw resetError('expired');
      const passwordHash = await ctx.passwords.hash(password);
      const outcome = await store.passwordResets.redeem(tokenHash, passwordHash, ctx.now());
      if (!outcome.ok) throw resetError(outcome.reason);
      for (const hash of outcome.endedSessions)
        ctx.connections.closeSession(hash, CloseCode.unauthorized, 'password reset');
      const user = await store.accounts.userById(outcome.userId);
      if (!user) throw resetError('unknown');
      // As sign-in does: a session this browser held before (another account's, perhaps) ends here.
      const previous = sessions.tokenFromCookie(c.req.header('cookie'));
      if (previous) await sessions.revoke(sha256Hex(previous));
      const { setCookie } = await sessions.create(user.id);
      logger.info(
        { userId: user.id, endedSessions: outcome.endedSessions.length },
        'password reset; signed out everywhere',
      );
      c.header('Set-Cookie', setCookie, { append: true });
      return c.json({ user: toPublicUser(user) }, 200);
    });
  };
}
