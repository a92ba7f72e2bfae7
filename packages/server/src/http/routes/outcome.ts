import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import {
  ErrorCode,
  LANGUAGES,
  OUTCOME_SCOPES,
  type Authorship,
  type Outcome,
  type VersionDiff,
} from '@kenes/shared';
import type { Store } from '../../store/Store.js';
import type { RoomAccess } from '../../sync/interfaces.js';
import { readVersionContent } from '../../versions/readVersion.js';
import {
  loadAuthorship,
  loadComparable,
  loadLanguage,
  loadMinutes,
  loadOutcome,
  loadStats,
} from '../../outcome/sources.js';
import { diffRecommendations } from '../../outcome/versionDiff.js';
import { scopeOutcome } from '../../outcome/outcomeScope.js';
import { AppError } from '../errors.js';
import { requireMember } from '../middleware/member.js';
import type { AuthEnv } from '../middleware/session.js';
import { errors, jsonResponse, MeetingParams } from '../schemas.js';
import {
  AuthorshipSchema,
  MinutesSchema,
  OutcomeSchema,
  StatsSchema,
  VersionDiffSchema,
} from './outcomeSchemas.js';

/** Dependencies of {@link outcomeRoutes}. */
export interface OutcomeRouteDeps {
  store: Store;
  /** Reads the live meeting documents. */
  rooms: RoomAccess;
  /** Server clock, epoch ms: a current speaker counts up to it. */
  now: () => number;
}

/** What the routes need of the API kit (`ApiKit` of `http/api.ts`). */
export interface OutcomeRouteKit {
  requireUser: MiddlewareHandler<AuthEnv>;
}

const security = [{ cookieAuth: [] }];
const tags = ['outcome'];

const getMinutes = createRoute({
  method: 'get',
  path: '/meetings/{id}/minutes',
  tags,
  summary: 'The minutes, generated from the document and the audit log (any member)',
  description:
    'Per agenda item planned and actual time, every intervention in the order given the floor, and the ' +
    'recommendations with their status. Made on request, so during a meeting a current speaker counts up to now.',
  security,
  request: { params: MeetingParams },
  responses: { 200: jsonResponse(MinutesSchema, 'the minutes'), ...errors(401, 404) },
});

const getStats = createRoute({
  method: 'get',
  path: '/meetings/{id}/stats',
  tags,
  summary:
    'Speaking-time statistics by organisation type, organisation and declared gender (any member)',
  description:
    'Aggregates only. `byGender` is null (hidden) when fewer than three speakers declared a gender. ' +
    'Live: computed on request; `live` is true while someone speaks.',
  security,
  request: { params: MeetingParams },
  responses: { 200: jsonResponse(StatsSchema, 'the figures'), ...errors(401, 404) },
});

const LangQuery = z.object({
  lang: z.enum(LANGUAGES).optional().openapi({
    description: "labels' language; default the chair's account language (see the export route)",
  }),
  scope: z.enum(OUTCOME_SCOPES).optional().openapi({
    description: '`all` recommendations (default; withdrawn ones say so) or `agreed` ones only',
  }),
});

const getOutcome = createRoute({
  method: 'get',
  path: '/meetings/{id}/outcome',
  tags,
  summary: 'The outcome document as JSON, for the printable outcome page (any member)',
  security,
  request: { params: MeetingParams, query: LangQuery },
  responses: {
    200: jsonResponse(OutcomeSchema, 'recommendations grouped by agenda item'),
    ...errors(400, 401, 404),
  },
});

const getAuthorship = createRoute({
  method: 'get',
  path: '/meetings/{id}/authorship',
  tags,
  summary:
    'Who wrote what: each recommendation text in runs by author and organisation (any member)',
  description:
    'From the server-side binding of Yjs client ids to users. Runs of unknown clients have null author fields.',
  security,
  request: { params: MeetingParams },
  responses: {
    200: jsonResponse(AuthorshipSchema, 'runs per recommendation'),
    ...errors(401, 404),
  },
});

const getVersionDiff = createRoute({
  method: 'get',
  path: '/meetings/{id}/versions/{versionId}/diff',
  tags: ['versions'],
  summary:
    'What changed in the recommendations between a saved version and now, or another version (any member)',
  description:
    'A word diff per recommendation between the version and the live document (or the version `to`), plus ' +
    'recommendations added or removed in between. Concatenating `equal`+`removed` segments gives the version ' +
    'text, `equal`+`added` the later one. 404 for an unknown version on either side.',
  security,
  request: {
    params: MeetingParams.extend({
      versionId: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'versionId', in: 'path' } }),
    }),
    query: z.object({
      to: z.string().min(1).max(100).optional().openapi({
        description: 'the version to compare with (default: the live document)',
      }),
    }),
  },
  responses: { 200: jsonResponse(VersionDiffSchema, 'the diff'), ...errors(400, 401, 404) },
});

/**
 * `GET /meetings/:id/{minutes,stats,outcome,authorship}` and
 * `GET /meetings/:id/versions/:versionId/diff`, as a mount function for
 * `createApi({ mount })`. All read only and are open to every member
 * (observers see the live document anyway); non-members get 404.
 *
 * @example createApi({ ..., mount: outcomeRoutes({ store, rooms, now: Date.now }) })
 */
export function outcomeRoutes(deps: OutcomeRouteDeps) {
  const { store, rooms, now } = deps;
  const sources = { store, rooms };

  return (api: OpenAPIHono<AuthEnv>, kit: OutcomeRouteKit): void => {
    const auth = [kit.requireUser];

    api.openapi({ ...getMinutes, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(store, id, c.var.user.id);
      return c.json(await loadMinutes(sources, id, now()), 200);
    });

    api.openapi({ ...getStats, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(store, id, c.var.user.id);
      return c.json(await loadStats(sources, id, now()), 200);
    });

    api.openapi({ ...getOutcome, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param');
      const { lang, scope } = c.req.valid('query');
      const { meeting } = await requireMember(store, id, c.var.user.id);
      const [outcome, language] = await Promise.all([
        loadOutcome(sources, id),
        loadLanguage(store, id, meeting.createdBy, lang),
      ]);
      const body: Outcome = { ...scopeOutcome(outcome, scope ?? 'all'), lang: language };
      return c.json(body, 200);
    });

    api.openapi({ ...getAuthorship, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(store, id, c.var.user.id);
      const body: Authorship = { recommendations: await loadAuthorship(sources, id) };
      return c.json(body, 200);
    });

    api.openapi({ ...getVersionDiff, middleware: auth }, async (c) => {
      const { id, versionId } = c.req.valid('param');
      const { to: toId } = c.req.valid('query');
      await requireMember(store, id, c.var.user.id);
      const [row, toRow] = await Promise.all([
        store.versions.get(id, versionId),
        toId === undefined ? null : store.versions.get(id, toId),
      ]);
      if (!row || (toId !== undefined && !toRow))
        throw new AppError(404, ErrorCode.notFound, 'No such version');
      const { snapshot, ...version } = row;
      const before = readVersionContent(snapshot).recommendations;
      let to: VersionDiff['to'] = null;
      let after;
      if (toRow) {
        const { snapshot: later, ...meta } = toRow;
        to = meta;
        after = readVersionContent(later).recommendations;
      } else {
        after = await loadComparable(sources, id);
      }
      const body: VersionDiff = { version, to, ...diffRecommendations(before, after) };
      return c.json(body, 200);
    });
  };
}
