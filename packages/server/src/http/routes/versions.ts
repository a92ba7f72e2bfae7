import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import {
  AGENDA_STATUSES,
  ErrorCode,
  BUDGET_SCOPES,
  MEETING_STATUSES,
  ORG_TYPES,
  RECOMMENDATION_STATUSES,
  VERSION_KINDS,
  type Same,
  type VersionDetail,
  type VersionList,
} from '@kenes/shared';
import type { Store } from '../../store/Store.js';
import { readVersionContent } from '../../versions/readVersion.js';
import { AppError } from '../errors.js';
import { requireMember } from '../middleware/member.js';
import type { AuthEnv } from '../middleware/session.js';
import { errors, jsonResponse, MeetingParams } from '../schemas.js';

/** Dependencies of {@link versionRoutes}. */
export interface VersionRouteDeps {
  store: Store;
}

/** What the routes need of the API kit (`ApiKit` of `http/api.ts`). */
export interface VersionRouteKit {
  requireUser: MiddlewareHandler<AuthEnv>;
}

const security = [{ cookieAuth: [] }];

const VersionParams = MeetingParams.extend({
  versionId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'versionId', in: 'path' } }),
});

const VersionMetaSchema = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    label: z.string(),
    kind: z.enum(VERSION_KINDS).openapi({
      description:
        'why it was saved: `manual` (by hand), `agreed` (label: the title), `closed`, `restore` ' +
        "(the state just before a restore; label: the restored version's)",
    }),
    createdBy: z.string().nullable().openapi({ description: 'user id of who saved it' }),
    createdAt: z.number().int().openapi({ description: 'epoch ms' }),
  })
  .openapi('Version');

const MeetingInfoSchema = z
  .object({
    title: z.string(),
    status: z.enum(MEETING_STATUSES),
    currentItemId: z.string().nullable(),
    listOpen: z.boolean(),
    defaultSpeakingSeconds: z.number(),
    suggestionsOnly: z.boolean(),
    speakingSeconds: z.object({
      speak: z.number(),
      reply: z.number(),
      point_of_order: z.number(),
    }),
    budgets: z.array(
      z.object({
        scope: z.enum(BUDGET_SCOPES),
        target: z.string(),
        seconds: z.number(),
      }),
    ),
    startsAt: z.number().nullable(),
    venue: z.string(),
    description: z.string(),
  })
  .openapi('VersionMeetingInfo');

const AgendaItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    plannedMinutes: z.number(),
    status: z.enum(AGENDA_STATUSES),
    startedAt: z.number().nullable(),
    endedAt: z.number().nullable(),
  })
  .openapi('VersionAgendaItem');

const RecommendationSchema = z
  .object({
    id: z.string(),
    agendaItemId: z.string(),
    title: z.string(),
    status: z.enum(RECOMMENDATION_STATUSES),
    proposerId: z.string(),
    proposerName: z.string(),
    proposerOrganisation: z.string(),
    createdAt: z.number(),
    endorsements: z.array(
      z.object({
        userId: z.string(),
        organisation: z.string(),
        orgType: z.enum(ORG_TYPES),
        at: z.number(),
      }),
    ),
    suggestionsOnly: z.boolean(),
    proposerDecides: z.boolean(),
    agreedAt: z
      .number()
      .nullable()
      .openapi({ description: 'when it was agreed (status agreed), epoch ms' }),
    text: z.string().openapi({ description: 'the body as plain text, blocks separated by \\n' }),
  })
  .openapi('VersionRecommendation');

const VersionContentSchema = z
  .object({
    meeting: MeetingInfoSchema,
    agenda: z.array(AgendaItemSchema),
    recommendations: z.array(RecommendationSchema),
  })
  .openapi('VersionContent');

const VersionListSchema = z.object({ versions: z.array(VersionMetaSchema) }).openapi('VersionList');

const VersionDetailSchema = z
  .object({ version: VersionMetaSchema, content: VersionContentSchema })
  .openapi('VersionDetail');

// Compile-time checks: the schemas describe the shared types the routes return (see `Same`).
const _listMatch: Same<z.infer<typeof VersionListSchema>, VersionList> = true;
const _detailMatch: Same<z.infer<typeof VersionDetailSchema>, VersionDetail> = true;

const listVersions = createRoute({
  method: 'get',
  path: '/meetings/{id}/versions',
  tags: ['versions'],
  summary: "A meeting's saved versions, newest first (any member)",
  security,
  request: { params: MeetingParams },
  responses: {
    200: jsonResponse(VersionListSchema, 'versions, without their content'),
    ...errors(401, 404),
  },
});

const getVersion = createRoute({
  method: 'get',
  path: '/meetings/{id}/versions/{versionId}',
  tags: ['versions'],
  summary: 'One saved version and its readable content (any member)',
  description:
    'The document as it was when the version was saved: meeting info, the visible agenda and ' +
    'every recommendation with its text as plain text. 404 `not_found` for a non-member or an unknown version.',
  security,
  request: { params: VersionParams },
  responses: {
    200: jsonResponse(VersionDetailSchema, 'the version'),
    ...errors(401, 404),
  },
});

/**
 * `GET /meetings/:id/versions` and `GET /meetings/:id/versions/:versionId`,
 * as a mount function for `createApi({ mount })`. Versions are saved by the
 * `version.save` command (see `versions/saveVersion.ts`); these routes only
 * read. Any member may read, as observers see the live document anyway.
 *
 * @example createApi({ ..., mount: versionRoutes({ store }) })
 */
export function versionRoutes(deps: VersionRouteDeps) {
  const { store } = deps;

  return (api: OpenAPIHono<AuthEnv>, kit: VersionRouteKit): void => {
    const auth = [kit.requireUser];

    api.openapi({ ...listVersions, middleware: auth }, async (c) => {
      const { id: meetingId } = c.req.valid('param');
      await requireMember(store, meetingId, c.var.user.id);
      const body: VersionList = { versions: await store.versions.list(meetingId) };
      return c.json(body, 200);
    });

    api.openapi({ ...getVersion, middleware: auth }, async (c) => {
      const { id: meetingId, versionId } = c.req.valid('param');
      await requireMember(store, meetingId, c.var.user.id);
      const row = await store.versions.get(meetingId, versionId);
      if (!row) throw new AppError(404, ErrorCode.notFound, 'No such version');
      const { snapshot, ...version } = row;
      const body: VersionDetail = { version, content: readVersionContent(snapshot) };
      return c.json(body, 200);
    });
  };
}
