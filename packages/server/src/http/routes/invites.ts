import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ErrorCode, ROLES } from '@kenes/shared';
import { createAuditLog } from '../../audit/auditLog.js';
import { AppError } from '../errors.js';
import type { RouteContext } from '../context.js';
import { higherRole, requireMember, roleAtLeast } from '../middleware/member.js';
import type { AuthEnv } from '../middleware/session.js';
import {
  CreateInviteSchema,
  errors,
  InviteAcceptedSchema,
  InviteCreatedSchema,
  InviteParams,
  jsonBody,
  jsonResponse,
  MeetingParams,
} from '../schemas.js';
import { randomToken, sha256Hex } from '../../auth/tokens.js';
import type { InviteRefusal, InviteRow, NewInvite } from '../../store/Store.js';
import { LookupLimiter } from './lookupLimiter.js';

/** Lifetime of an invite created without `expiresInHours`: no link is valid forever. */
export const DEFAULT_INVITE_HOURS = 7 * 24;
/** The terms a chair sets on a new invite (the link's and the e-mailed one's). */
export interface InviteTerms {
  role: NewInvite['role'];
  maxUses?: number | null | undefined;
  expiresInHours?: number | undefined;
}

/**
 * A new invite of `meetingId` and the token its link carries: only the
 * token's hash is stored, and the token is returned once to whoever sends
 * the link (the chair, or the mail).
 */
export function newInvite(
  meetingId: string,
  terms: InviteTerms,
  createdBy: string,
  now: number,
  emailedTo?: string,
): { token: string; invite: NewInvite } {
  const token = randomToken();
  const invite: NewInvite = {
    tokenHash: sha256Hex(token),
    meetingId,
    role: terms.role,
    maxUses: terms.maxUses ?? null,
    uses: 0,
    expiresAt: now + Math.round((terms.expiresInHours ?? DEFAULT_INVITE_HOURS) * 3_600_000),
    createdBy,
    createdAt: now,
    ...(emailedTo !== undefined && { emailedTo }),
  };
  return { token, invite };
}

/** Public invite look-ups per client address and minute (a person opens a link a few times). */
export const INVITE_LOOKUPS_PER_MINUTE = 30;
const security = [{ cookieAuth: [] }];

/** An invite as its meeting's chairs see it: never the token (only its hash is stored). */
export const InviteSchema = z
  .object({
    id: z.string().openapi({
      description: 'the SHA-256 hex of the token: names the invite, cannot be used as one',
    }),
    role: z.enum(ROLES),
    maxUses: z.number().int().nullable(),
    uses: z.number().int(),
    expiresAt: z.number().int().nullable(),
    createdAt: z.number().int(),
    createdBy: z.string(),
    revokedAt: z.number().int().nullable(),
    status: z.enum(['valid', 'used_up', 'expired', 'revoked']),
    emailedTo: z.string().nullable().openapi({
      description: 'the address the server e-mailed the link to; null for a link made to copy',
    }),
  })
  .openapi('Invite');

/** What anyone holding a valid link may learn before signing in: no more than the invite page shows. */
const InvitePublic = z
  .object({
    invite: z.object({
      status: z.literal('valid'),
      meetingTitle: z.string(),
      startsAt: z.number().int().nullable(),
      role: z.enum(ROLES),
    }),
  })
  .openapi('InvitePublic');

const InviteIdParams = MeetingParams.extend({
  inviteId: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .openapi({ param: { name: 'inviteId', in: 'path' } }),
});

const create = createRoute({
  method: 'post',
  path: '/meetings/{id}/invites',
  tags: ['invites'],
  summary: 'Create an invite link (chair only); the token is shown once',
  security,
  request: { params: MeetingParams, body: jsonBody(CreateInviteSchema) },
  responses: {
    201: jsonResponse(InviteCreatedSchema, 'the invite'),
    ...errors(400, 401, 403, 404),
  },
});

const list = createRoute({
  method: 'get',
  path: '/meetings/{id}/invites',
  tags: ['invites'],
  summary: "The meeting's invites, newest first, revoked and used-up ones included (chair only)",
  security,
  request: { params: MeetingParams },
  responses: {
    200: jsonResponse(
      z.object({ invites: z.array(InviteSchema) }).openapi('InviteList'),
      'invites',
    ),
    ...errors(401, 403, 404),
  },
});

const revoke = createRoute({
  method: 'post',
  path: '/meetings/{id}/invites/{inviteId}/revoke',
  tags: ['invites'],
  summary: 'Revoke an invite link (chair only): it admits nobody from now on',
  description:
    'Audited as `invite.revoke`. Revoking twice keeps the first time. Members who joined ' +
    'through it stay members (remove them to take them out).',
  security,
  request: { params: InviteIdParams },
  responses: {
    200: jsonResponse(z.object({ invite: InviteSchema }).openapi('InviteRevoked'), 'revoked'),
    ...errors(400, 401, 403, 404),
  },
});

const lookup = createRoute({
  method: 'get',
  path: '/invites/{token}',
  tags: ['invites'],
  summary: 'What an invite link is for, before signing in (no session needed)',
  description:
    'For the invite page to say at once whether a link still works. A valid link answers the ' +
    "meeting's title and date and the role it gives; any other link answers only why not: " +
    '404 `invite_unknown`, 410 `invite_revoked`, `invite_expired` or `invite_used_up`. ' +
    `429 \`too_many_requests\` past ${INVITE_LOOKUPS_PER_MINUTE} look-ups a minute from one address.`,
  request: { params: InviteParams },
  responses: {
    200: jsonResponse(InvitePublic, 'a valid invite'),
    ...errors(404, 410, 429),
  },
});

const accept = createRoute({
  method: 'post',
  path: '/invites/{token}/accept',
  tags: ['invites'],
  summary: 'Join a meeting with an invite',
  description:
    'An existing member keeps the higher of their current role and the invite role; ' +
    'if the invite would not raise their role, it is not used up. ' +
    '404 invite_unknown, 410 invite_revoked, invite_expired or invite_used_up otherwise; ' +
    '403 removed_from_meeting for a person a chair removed after the invite was created ' +
    '(only an invite created after the removal lets them back in).',
  security,
  request: { params: InviteParams },
  responses: { 200: jsonResponse(InviteAcceptedSchema, 'joined'), ...errors(401, 403, 404, 410) },
});

/** The HTTP error for an invite that cannot be used. */
function inviteError(reason: InviteRefusal): AppError {
  switch (reason) {
    case 'unknown':
      return new AppError(404, ErrorCode.inviteUnknown, 'This invite does not exist');
    case 'revoked':
      return new AppError(410, ErrorCode.inviteRevoked, 'This invite has been revoked');
    case 'expired':
      return new AppError(410, ErrorCode.inviteExpired, 'This invite has expired');
    case 'used_up':
      return new AppError(410, ErrorCode.inviteUsedUp, 'This invite has been used up');
    case 'removed':
      return new AppError(
        403,
        ErrorCode.removedFromMeeting,
        'A chair removed you from this meeting after this invite was made; ask for a new one',
      );
  }
}

/** Why `invite` cannot be used at `now` by anyone, or null when it can. */
function unusable(invite: InviteRow | null, now: number): InviteRefusal | null {
  if (!invite) return 'unknown';
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.expiresAt !== null && invite.expiresAt <= now) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used_up';
  return null;
}

/** An invite as the chair's list shows it. */
export function inviteView(i: InviteRow, now: number): z.infer<typeof InviteSchema> {
  const why = unusable(i, now);
  return {
    id: i.tokenHash,
    role: i.role,
    maxUses: i.maxUses,
    uses: i.uses,
    expiresAt: i.expiresAt,
    createdAt: i.createdAt,
    createdBy: i.createdBy,
    revokedAt: i.revokedAt,
    status: why === 'revoked' || why === 'expired' || why === 'used_up' ? why : 'valid',
    emailedTo: i.emailedTo,
  };
}

/**
 * Invites: a chair creates, lists and revokes links; anyone may ask what a
 * link is for (the invite page, before sign-up); a signed-in user accepts it
 * and joins with its role. A person a chair removed cannot come back through
 * a link made before the removal.
 */
export function inviteRoutes(ctx: RouteContext) {
  return (api: OpenAPIHono<AuthEnv>): void => {
    const { store } = ctx;
    const audit = createAuditLog(store.audit);
    const auth = { middleware: [ctx.requireUser] };
    const lookups = new LookupLimiter(INVITE_LOOKUPS_PER_MINUTE, 60_000, ctx.now);

    api.openapi({ ...create, ...auth }, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await requireMember(store, id, c.var.user.id, 'invites.create');
      const now = ctx.now();
      const { token, invite } = newInvite(id, body, c.var.user.id, now);
      await store.meetings.createInvite(invite);
      await audit.record({
        meetingId: id,
        userId: c.var.user.id,
        action: 'invite.create',
        result: 'ok',
        payload: {
          inviteId: invite.tokenHash,
          role: invite.role,
          maxUses: invite.maxUses,
          expiresAt: invite.expiresAt,
        },
        at: now,
      });
      const url = `${ctx.publicOrigin}/invite/${token}`;
      return c.json(
        {
          id: invite.tokenHash,
          token,
          url,
          role: invite.role,
          maxUses: invite.maxUses,
          expiresAt: invite.expiresAt,
        },
        201,
      );
    });

    api.openapi({ ...list, ...auth }, async (c) => {
      const { id } = c.req.valid('param');
      // Who may make links may see and revoke them (one row of the permission table).
      await requireMember(store, id, c.var.user.id, 'invites.create');
      const now = ctx.now();
      const invites = await store.meetings.invitesOfMeeting(id);
      return c.json({ invites: invites.map((i) => inviteView(i, now)) }, 200);
    });

    api.openapi({ ...revoke, ...auth }, async (c) => {
      const { id, inviteId } = c.req.valid('param');
      await requireMember(store, id, c.var.user.id, 'invites.create');
      const now = ctx.now();
      const before = await store.meetings.revokeInvite(id, inviteId, now);
      if (!before) throw new AppError(404, ErrorCode.notFound, 'No such invite');
      if (before.revokedAt === null) {
        await audit.record({
          meetingId: id,
          userId: c.var.user.id,
          action: 'invite.revoke',
          result: 'ok',
          payload: { inviteId, role: before.role, uses: before.uses },
          at: now,
        });
      }
      const revoked = { ...before, revokedAt: before.revokedAt ?? now };
      return c.json({ invite: inviteView(revoked, now) }, 200);
    });

    api.openapi(lookup, async (c) => {
      const wait = lookups.take(ctx.clientAddress(c));
      if (wait > 0) {
        throw new AppError(429, ErrorCode.tooManyRequests, 'Too many invite look-ups; slow down', {
          'Retry-After': String(wait),
        });
      }
      const invite = await store.meetings.inviteByHash(sha256Hex(c.req.valid('param').token));
      const reason = unusable(invite, ctx.now());
      if (reason || !invite) throw inviteError(reason ?? 'unknown');
      const meeting = await store.meetings.meetingById(invite.meetingId);
      if (!meeting) throw inviteError('unknown');
      return c.json(
        {
          invite: {
            status: 'valid' as const,
            meetingTitle: meeting.title,
            startsAt: meeting.startsAt,
            role: invite.role,
          },
        },
        200,
      );
    });

    api.openapi({ ...accept, ...auth }, async (c) => {
      const tokenHash = sha256Hex(c.req.valid('param').token);
      const userId = c.var.user.id;
      const now = ctx.now();
      const peeked = await store.meetings.inviteByHash(tokenHash);
      const reason = unusable(peeked, now);
      if (reason || !peeked) throw inviteError(reason ?? 'unknown');
      const current = await store.meetings.member(peeked.meetingId, userId);
      // Already at or above the invite's role: nothing to grant, keep the use for someone else.
      if (current && roleAtLeast(current.role, peeked.role)) {
        return c.json({ meetingId: current.meetingId, role: current.role }, 200);
      }
      // The peek was only a fast path; this is the atomic check-and-use (revocation and a chair's
      // removal of this person included).
      const used = await store.meetings.useInvite(tokenHash, now, userId);
      if (!used.ok) throw inviteError(used.reason);
      const { invite } = used;
      const role = current ? higherRole(current.role, invite.role) : invite.role;
      // A newcomer's meeting organisation is copied from their profile by the store, in the same
      // statement; an existing member keeps the meeting's.
      await store.meetings.putMember({
        meetingId: invite.meetingId,
        userId,
        role,
        joinedAt: current?.joinedAt ?? now,
      });
      if (current) ctx.connections.setMemberRole(invite.meetingId, userId, role);
      await audit.record({
        meetingId: invite.meetingId,
        userId,
        action: 'invite.accept',
        result: 'ok',
        payload: { inviteId: invite.tokenHash, role, previousRole: current?.role ?? null },
        at: now,
      });
      return c.json({ meetingId: invite.meetingId, role }, 200);
    });
  };
}
