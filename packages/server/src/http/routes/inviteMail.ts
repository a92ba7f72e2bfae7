import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ErrorCode, LANGUAGES } from '@kenes/shared';
import { createAuditLog } from '../../audit/auditLog.js';
import { inviteMail } from '../../mail/compose.js';
import { AppError } from '../errors.js';
import type { RouteContext } from '../context.js';
import { requireMember } from '../middleware/member.js';
import type { AuthEnv } from '../middleware/session.js';
import {
  CreateInviteSchema,
  Email,
  errors,
  jsonBody,
  jsonResponse,
  MeetingParams,
} from '../schemas.js';
import { InviteSchema, inviteView, newInvite } from './invites.js';

/** `POST /meetings/{id}/invites/email`: an invite link's settings plus the address to mail it to. */
const EmailInviteSchema = CreateInviteSchema.extend({
  email: Email,
  /** The mail's language when the address has no account (an account's own language wins). */
  language: z.enum(LANGUAGES).optional(),
}).openapi('EmailInvite');

const sendInvite = createRoute({
  method: 'post',
  path: '/meetings/{id}/invites/email',
  tags: ['invites'],
  summary: 'Create an invite and e-mail its link (chair only)',
  description:
    'The mail names the meeting, its date, the role and who invites; it is written in the ' +
    "recipient's account language when the address has an account, else in `language`. The link " +
    'itself is never answered: only the person mailed receives it, and the invite lists whom it ' +
    'was sent to (chairs only). 429 `too_many_requests` past the mails one account may send a ' +
    'day, or one address may receive a day. 502 `mail_failed` when the mail server did not take ' +
    'the message: the invite is then deleted, so no link nobody received stays usable.',
  security: [{ cookieAuth: [] }],
  request: { params: MeetingParams, body: jsonBody(EmailInviteSchema) },
  responses: {
    201: jsonResponse(z.object({ invite: InviteSchema }).openapi('InviteEmailed'), 'sent'),
    ...errors(400, 401, 403, 404, 429, 502, 503),
  },
});

/**
 * Invitations by e-mail: a chair (the permission table's `invites.create`)
 * gives an address; the server creates the invite, mails the link, and keeps
 * the invite only when the mail went out. Bounded per sender and per
 * recipient, so a hostile chair cannot spam the world through the server.
 */
export function inviteMailRoutes(ctx: RouteContext) {
  return (api: OpenAPIHono<AuthEnv>): void => {
    const { store, logger } = ctx;
    const audit = createAuditLog(store.audit);

    api.openapi({ ...sendInvite, middleware: [ctx.requireUser] }, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const sender = c.var.user;
      const { meeting, member } = await requireMember(store, id, sender.id, 'invites.create');
      for (const [limiter, key, what] of [
        [ctx.mail.limits.invitePerSender, sender.id, 'You have sent the most invitations a day'],
        [
          ctx.mail.limits.invitePerRecipient,
          body.email,
          'This address got enough invitations today',
        ],
      ] as const) {
        const wait = await limiter.take(key);
        if (wait > 0)
          throw new AppError(429, ErrorCode.tooManyRequests, `${what}; try again later`, {
            'Retry-After': String(wait),
          });
      }
      const now = ctx.now();
      const { token, invite } = newInvite(id, body, sender.id, now, body.email);
      const account = await store.accounts.userByEmail(body.email);
      const message = inviteMail({
        to: body.email,
        language: account?.language ?? body.language ?? sender.language,
        meetingTitle: meeting.title,
        startsAt: meeting.startsAt,
        role: invite.role,
        inviterName: sender.name,
        // The meeting's organisation of the chair, never the editable profile's.
        inviterOrganisation: member.organisation,
        url: `${ctx.publicOrigin}/invite/${token}`,
        expiresAt: invite.expiresAt,
        maxUses: invite.maxUses,
        timeZone: ctx.mail.timeZone,
      });
      // Stored first, so the link works the moment the mail arrives; deleted when the mail fails.
      await store.meetings.createInvite(invite);
      try {
        await ctx.mail.mailer.send(message);
      } catch (err) {
        await store.meetings.deleteInvite(id, invite.tokenHash).catch((e: unknown) =>
          // The token never left this process, so the row admits nobody; it only lingers in the list.
          logger.error({ err: e, meetingId: id }, 'could not delete the invite of a failed mail'),
        );
        logger.warn({ err, meetingId: id, mailer: ctx.mail.mailer.target }, 'invite mail failed');
        throw new AppError(
          502,
          ErrorCode.mailFailed,
          'The mail server did not take the invitation; nothing was created. Try again later.',
        );
      }
      await audit.record({
        meetingId: id,
        userId: sender.id,
        action: 'invite.create',
        result: 'ok',
        payload: {
          inviteId: invite.tokenHash,
          role: invite.role,
          maxUses: invite.maxUses,
          expiresAt: invite.expiresAt,
          emailedTo: body.email,
        },
        at: now,
      });
      logger.info({ meetingId: id, userId: sender.id }, 'invitation e-mailed');
      return c.json(
        { invite: inviteView({ ...invite, revokedAt: null, emailedTo: body.email }, now) },
        201,
      );
    });
  };
}
