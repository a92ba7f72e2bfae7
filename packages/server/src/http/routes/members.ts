import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { CloseCode, ErrorCode, ORG_TYPES, ROLES } from '@kenes/shared';
import { createAuditLog } from '../../audit/auditLog.js';
import { AppError } from '../errors.js';
import type { RouteContext } from '../context.js';
import { requireMember } from '../middleware/member.js';
import type { AuthEnv } from '../middleware/session.js';
import {
  errors,
  jsonBody,
  jsonResponse,
  MeetingParams,
  MemberParams,
  MemberSchema,
} from '../schemas.js';
import type { MemberChange, MemberRow, Store } from '../../store/Store.js';

const MemberList = z.object({ members: z.array(MemberSchema) }).openapi('MemberList');

/** `PATCH /meetings/{id}/members/{userId}`: a role, the meeting organisation (name and type), or both. */
const ChangeMemberSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    organisation: z.string().trim().min(1).max(200).optional(),
    orgType: z.enum(ORG_TYPES).optional(),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.organisation !== undefined || v.orgType !== undefined, {
    message: 'Give a role, an organisation or an organisation type',
  })
  .openapi('ChangeMember');
const MemberResponse = z.object({ member: MemberSchema }).openapi('MemberResponse');
const security = [{ cookieAuth: [] }];

const list = createRoute({
  method: 'get',
  path: '/meetings/{id}/members',
  tags: ['members'],
  summary: 'Members of a meeting (any member may list them)',
  security,
  request: { params: MeetingParams },
  responses: { 200: jsonResponse(MemberList, 'members'), ...errors(401, 404) },
});

const getOne = createRoute({
  method: 'get',
  path: '/meetings/{id}/members/{userId}',
  tags: ['members'],
  summary: 'One member',
  security,
  request: { params: MemberParams },
  responses: { 200: jsonResponse(MemberResponse, 'the member'), ...errors(401, 404) },
});

const patch = createRoute({
  method: 'patch',
  path: '/meetings/{id}/members/{userId}',
  tags: ['members'],
  summary:
    "Change a member's role or meeting organisation (chair only; never the last chair's role)",
  description:
    "A member's organisation and type in a meeting are copied from their profile when they join " +
    'and change only here: endorsements, queue entries, awareness, statistics and authorship use ' +
    'them, never the editable profile. Each change is audited with the old and new values ' +
    '(`member.setRole`, `member.setOrganisation`).',
  security,
  request: { params: MemberParams, body: jsonBody(ChangeMemberSchema) },
  responses: {
    200: jsonResponse(MemberResponse, 'the member as changed'),
    ...errors(400, 401, 403, 404, 409),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/meetings/{id}/members/{userId}',
  tags: ['members'],
  summary: 'Remove a member (chair), or leave (yourself); never the last chair',
  description:
    'A removal by a chair is sticky: invites created before it refuse this person ' +
    '(403 `removed_from_meeting`); only an invite created after it lets them back in.',
  security,
  request: { params: MemberParams },
  responses: {
    204: { description: 'removed; their sockets are closed' },
    ...errors(401, 403, 404, 409),
  },
});

/** Members joined with the identity other members may see. */
async function memberViews(
  store: Store,
  rows: MemberRow[],
): Promise<Array<z.infer<typeof MemberSchema>>> {
  const users = new Map(
    (await store.accounts.usersByIds(rows.map((r) => r.userId))).map((u) => [u.id, u]),
  );
  return rows.flatMap((r) => {
    const u = users.get(r.userId);
    // A member row without a user cannot exist (ON DELETE CASCADE); skip rather than invent one.
    if (!u) return [];
    return [
      {
        userId: r.userId,
        role: r.role,
        joinedAt: r.joinedAt,
        name: u.name,
        // The meeting's organisation, not the profile's (which its owner may change at any time).
        organisation: r.organisation,
        orgType: r.orgType,
      },
    ];
  });
}

/** Turns a refused guarded change into its HTTP error. */
function refuse(change: Extract<MemberChange, { ok: false }>): never {
  if (change.reason === 'last_chair') {
    throw new AppError(
      409,
      ErrorCode.lastChair,
      'A meeting needs at least one chair; appoint another first',
    );
  }
  throw new AppError(404, ErrorCode.notFound, 'No such member');
}

/**
 * Membership: list, change role, remove. Changes reach open sockets at once
 * through `ConnectionControl`: a new role applies to the member's sockets, a
 * removed member's sockets close with 4403.
 */
export function memberRoutes(ctx: RouteContext) {
  return (api: OpenAPIHono<AuthEnv>): void => {
    const { store, connections } = ctx;
    const auth = { middleware: [ctx.requireUser] };
    const log = createAuditLog(store.audit);
    const audit = (meetingId: string, userId: string, action: string, payload: object) =>
      log.record({ meetingId, userId, action, result: 'ok', payload, at: ctx.now() });

    api.openapi({ ...list, ...auth }, async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(store, id, c.var.user.id);
      return c.json({ members: await memberViews(store, await store.meetings.members(id)) }, 200);
    });

    api.openapi({ ...getOne, ...auth }, async (c) => {
      const { id, userId } = c.req.valid('param');
      await requireMember(store, id, c.var.user.id);
      const row = await store.meetings.member(id, userId);
      const [view] = row ? await memberViews(store, [row]) : [];
      if (!view) throw new AppError(404, ErrorCode.notFound, 'No such member');
      return c.json({ member: view }, 200);
    });

    api.openapi({ ...patch, ...auth }, async (c) => {
      const { id, userId } = c.req.valid('param');
      const body = c.req.valid('json');
      await requireMember(store, id, c.var.user.id, 'members.manage');
      let row = await store.meetings.member(id, userId);
      if (!row) throw new AppError(404, ErrorCode.notFound, 'No such member');
      if (body.role !== undefined) {
        const change = await store.meetings.changeMemberRole(id, userId, body.role);
        if (!change.ok) refuse(change);
        if (change.previous.role !== body.role) {
          connections.setMemberRole(id, userId, body.role);
          await audit(id, c.var.user.id, 'member.setRole', {
            userId,
            from: change.previous.role,
            to: body.role,
          });
        }
        row = { ...change.previous, role: body.role };
      }
      if (body.organisation !== undefined || body.orgType !== undefined) {
        const organisation = body.organisation ?? row.organisation;
        const orgType = body.orgType ?? row.orgType;
        const before = await store.meetings.setMemberOrganisation(
          id,
          userId,
          organisation,
          orgType,
        );
        if (!before) throw new AppError(404, ErrorCode.notFound, 'No such member');
        if (before.organisation !== organisation || before.orgType !== orgType) {
          await audit(id, c.var.user.id, 'member.setOrganisation', {
            userId,
            from: { organisation: before.organisation, orgType: before.orgType },
            to: { organisation, orgType },
          });
        }
        row = { ...row, organisation, orgType };
      }
      const [view] = await memberViews(store, [row]);
      if (!view) throw new AppError(404, ErrorCode.notFound, 'No such member');
      return c.json({ member: view }, 200);
    });

    api.openapi({ ...remove, ...auth }, async (c) => {
      const { id, userId } = c.req.valid('param');
      const self = userId === c.var.user.id;
      // Anyone may leave; only a chair may remove someone else.
      await requireMember(store, id, c.var.user.id, self ? undefined : 'members.manage');
      // A chair's removal is remembered: invites created before it no longer admit this person.
      const change = await store.meetings.removeMemberKeepingChair(
        id,
        userId,
        self ? undefined : { at: ctx.now(), by: c.var.user.id },
      );
      if (!change.ok) refuse(change);
      connections.closeMember(id, userId, CloseCode.forbidden, 'removed from meeting');
      await audit(id, c.var.user.id, self ? 'member.leave' : 'member.remove', {
        userId,
        role: change.previous.role,
      });
      return c.body(null, 204);
    });
  };
}
