import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ErrorCode } from '@kenes/shared';
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
import type { InviteRow } from '../../store/Store.js';

/** Lifetime of an invite created without `expiresInHours`: no link is valid forever. */
export const DEFAULT_INVITE_HOURS = 7 * 24;
const security = [{ cookieAuth: [] }];

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

const accept = createRoute({
  method: 'post',
  path: '/invites/{token}/accept',
  tags: ['invites'],
  summary: 'Join a meeting with an invite',
  description:
    'An existing member keeps the higher of their current role and the invite role; ' +
    'if the invite would not raise their role, it is not used up. ' +
    '404 invite_unknown, 410 invite_expired or invite_used_up otherwise.',
  security,
  request: { params: InviteParams },
  responses: { 200: jsonResponse(InviteAcceptedSchema, 'joined'), ...errors(401, 403, 404, 410) },
});

/** The HTTP error for an invite that cannot be used. */
function inviteError(reason: 'unknown' | 'expired' | 'used_up'): AppError {
  if (reason === 'unknown')
    return new AppError(404, ErrorCode.inviteUnknown, 'This invite does not exist');
  if (reason === 'expired')
    return new AppError(410, ErrorCode.inviteExpired, 'This invite has expired');
  return new AppError(410, ErrorCode.inviteUsedUp, 'This invite has been used up');
}

/** Why `invite` cannot be used at `now`, or null when it can. */
function unusable(invite: InviteRow | null, now: number): 'unknown' | 'expired' | 'used_up' | null {
  if (!invite) return 'unknown';
  if (invite.expiresAt !== null && invite.expiresAt <= now) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used_up';
  return null;
}

/** Invites: a chair creates a link; a signed-in user accepts it and joins with its role. */
export function registerInviteRoutes(api: OpenAPIHono<AuthEnv>, ctx: RouteContext): void {
  const { store } = ctx;
  const auth = { middleware: [ctx.requireUser] };

  api.openapi({ ...create, ...auth }, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await requireMember(store, id, c.var.user.id, 'chair');
    const token = randomToken();
    const now = ctx.now();
    const invite: InviteRow = {
      tokenHash: sha256Hex(token),
      meetingId: id,
      role: body.role,
      maxUses: body.maxUses ?? null,
      uses: 0,
      expiresAt: now + Math.round((body.expiresInHours ?? DEFAULT_INVITE_HOURS) * 3_600_000),
      createdBy: c.var.user.id,
      createdAt: now,
    };
    await store.meetings.createInvite(invite);
    await store.audit.add({
      meetingId: id,
      userId: c.var.user.id,
      action: 'invite.create',
      payload: JSON.stringify({
        role: invite.role,
        maxUses: invite.maxUses,
        expiresAt: invite.expiresAt,
      }),
      result: 'ok',
      at: now,
    });
    const url = `${ctx.publicOrigin}/invite/${token}`;
    return c.json(
      { token, url, role: invite.role, maxUses: invite.maxUses, expiresAt: invite.expiresAt },
      201,
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
    // The peek was only a fast path; this is the atomic check-and-use.
    const used = await store.meetings.useInvite(tokenHash, now);
    if (!used.ok) throw inviteError(used.reason);
    const { invite } = used;
    const role = current ? higherRole(current.role, invite.role) : invite.role;
    await store.meetings.putMember({
      meetingId: invite.meetingId,
      userId,
      role,
      joinedAt: current?.joinedAt ?? now,
    });
    if (current) ctx.connections.setMemberRole(invite.meetingId, userId, role);
    await store.audit.add({
      meetingId: invite.meetingId,
      userId,
      action: 'invite.accept',
      payload: JSON.stringify({ role, previousRole: current?.role ?? null }),
      result: 'ok',
      at: now,
    });
    return c.json({ meetingId: invite.meetingId, role }, 200);
  });
}
