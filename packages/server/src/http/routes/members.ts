import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { CloseCode, ErrorCode } from '@kenes/shared';
import { AppError } from '../errors.js';
import type { RouteContext } from '../context.js';
import { requireMember } from '../middleware/member.js';
import type { AuthEnv } from '../middleware/session.js';
import {
  ChangeRoleSchema,
  errors,
  jsonBody,
  jsonResponse,
  MeetingParams,
  MemberParams,
  MemberSchema,
} from '../schemas.js';
import type { MemberChange, MemberRow, Store } from '../../store/Store.js';

const MemberList = z.object({ members: z.array(MemberSchema) }).openapi('MemberList');
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
  summary: "Change a member's role (chair only; never the last chair's)",
  security,
  request: { params: MemberParams, body: jsonBody(ChangeRoleSchema) },
  responses: {
    200: jsonResponse(MemberResponse, 'the member with the new role'),
    ...errors(400, 401, 403, 404, 409),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/meetings/{id}/members/{userId}',
  tags: ['members'],
  summary: 'Remove a member (chair), or leave (yourself); never the last chair',
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
        organisation: u.organisation,
        orgType: u.orgType,
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
export function registerMemberRoutes(api: OpenAPIHono<AuthEnv>, ctx: RouteContext): void {
  const { store, connections } = ctx;
  const auth = { middleware: [ctx.requireUser] };
  const audit = (meetingId: string, userId: string, action: string, payload: object) =>
    store.audit.add({
      meetingId,
      userId,
      action,
      payload: JSON.stringify(payload),
      result: 'ok',
      at: ctx.now(),
    });

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
    const { role } = c.req.valid('json');
    await requireMember(store, id, c.var.user.id, 'chair');
    const change = await store.meetings.changeMemberRole(id, userId, role);
    if (!change.ok) refuse(change);
    if (change.previous.role !== role) {
      connections.setMemberRole(id, userId, role);
      await audit(id, c.var.user.id, 'member.setRole', {
        userId,
        from: change.previous.role,
        to: role,
      });
    }
    const [view] = await memberViews(store, [{ ...change.previous, role }]);
    if (!view) throw new AppError(404, ErrorCode.notFound, 'No such member');
    return c.json({ member: view }, 200);
  });

  api.openapi({ ...remove, ...auth }, async (c) => {
    const { id, userId } = c.req.valid('param');
    const self = userId === c.var.user.id;
    // Anyone may leave; only a chair may remove someone else.
    await requireMember(store, id, c.var.user.id, self ? 'observer' : 'chair');
    const change = await store.meetings.removeMemberKeepingChair(id, userId);
    if (!change.ok) refuse(change);
    connections.closeMember(id, userId, CloseCode.forbidden, 'removed from meeting');
    await audit(id, c.var.user.id, self ? 'member.leave' : 'member.remove', {
      userId,
      role: change.previous.role,
    });
    return c.body(null, 204);
  });
}
