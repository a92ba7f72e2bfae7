import { randomUUID } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { organisationKey, patchMeeting, type OrgType, type Role } from '@kenes/shared';
import type { RouteContext } from '../context.js';
import { requireMember } from '../middleware/member.js';
import type { AuthEnv } from '../middleware/session.js';
import {
  CreateMeetingSchema,
  errors,
  jsonBody,
  jsonResponse,
  MeetingParams,
  MeetingSchema,
} from '../schemas.js';
import type { MeetingRow } from '../../store/Store.js';

const MeetingResponse = z.object({ meeting: MeetingSchema }).openapi('MeetingResponse');
const MeetingList = z.object({ meetings: z.array(MeetingSchema) }).openapi('MeetingList');

const create = createRoute({
  method: 'post',
  path: '/meetings',
  tags: ['meetings'],
  summary: 'Create a meeting; the caller becomes its chair',
  security: [{ cookieAuth: [] }],
  request: { body: jsonBody(CreateMeetingSchema) },
  responses: { 201: jsonResponse(MeetingResponse, 'the meeting'), ...errors(400, 401, 403) },
});

const list = createRoute({
  method: 'get',
  path: '/meetings',
  tags: ['meetings'],
  summary: "The caller's meetings, each with the caller's role",
  security: [{ cookieAuth: [] }],
  responses: { 200: jsonResponse(MeetingList, 'meetings'), ...errors(401) },
});

const get = createRoute({
  method: 'get',
  path: '/meetings/{id}',
  tags: ['meetings'],
  summary: "One meeting with the caller's role (404 for non-members)",
  security: [{ cookieAuth: [] }],
  request: { params: MeetingParams },
  responses: { 200: jsonResponse(MeetingResponse, 'the meeting'), ...errors(401, 404) },
});

/**
 * The API shape of a meeting as seen by a member holding `role`, with the
 * organisation they take part for in it when known.
 */
function meetingView(
  m: MeetingRow,
  role: Role,
  as?: { organisation: string; orgType: OrgType },
): z.infer<typeof MeetingSchema> {
  return {
    ...(as
      ? {
          organisation: as.organisation,
          organisationKey: organisationKey(as.organisation),
          orgType: as.orgType,
        }
      : {}),
    id: m.id,
    title: m.title,
    startsAt: m.startsAt,
    venue: m.venue,
    createdBy: m.createdBy,
    createdAt: m.createdAt,
    status: m.status,
    role,
  };
}

/** Meetings: create, list the caller's, get one. */
export function meetingRoutes(ctx: RouteContext) {
  return (api: OpenAPIHono<AuthEnv>): void => {
    const { store } = ctx;
    const auth = { middleware: [ctx.requireUser] };

    api.openapi({ ...create, ...auth }, async (c) => {
      const body = c.req.valid('json');
      const row: MeetingRow = {
        status: 'scheduled',
        id: randomUUID(),
        title: body.title,
        startsAt: body.startsAt ?? null,
        venue: '',
        createdBy: c.var.user.id,
        createdAt: ctx.now(),
      };
      await store.meetings.createMeeting(row);
      await writeInitialDoc(ctx, row);
      ctx.logger.info({ meetingId: row.id, userId: row.createdBy }, 'meeting created');
      return c.json({ meeting: meetingView(row, 'chair', c.var.user) }, 201);
    });

    api.openapi({ ...list, ...auth }, async (c) => {
      const rows = await store.meetings.meetingsOfUser(c.var.user.id);
      return c.json({ meetings: rows.map((r) => meetingView(r, r.role)) }, 200);
    });

    api.openapi({ ...get, ...auth }, async (c) => {
      const { meeting, member } = await requireMember(
        store,
        c.req.valid('param').id,
        c.var.user.id,
      );
      return c.json({ meeting: meetingView(meeting, member.role, member) }, 200);
    });
  };
}

/**
 * Writes the new meeting's title, status and date into its document, so that every
 * client renders them from the doc. A failure here is logged, not fatal: the
 * meeting exists, and the chair can rename it (which writes the doc again).
 */
async function writeInitialDoc(ctx: RouteContext, row: MeetingRow): Promise<void> {
  if (!ctx.rooms) return;
  try {
    await ctx.rooms.transact(row.id, (doc) =>
      patchMeeting(doc, { title: row.title, status: 'scheduled', startsAt: row.startsAt }),
    );
  } catch (err) {
    ctx.logger.error({ err, meetingId: row.id }, 'could not write the new meeting document');
  }
}
