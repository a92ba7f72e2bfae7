import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  CloseCode,
  DISPLAY_LABEL_MAX,
  DISPLAY_PATH,
  DISPLAY_REVOKED_REASON,
  ErrorCode,
  MAX_LIVE_DISPLAY_LINKS,
  type DisplayLink,
  type DisplayLinkCreated,
  type Same,
} from '@kenes/shared';
import { createAuditLog } from '../../audit/auditLog.js';
import { randomToken, sha256Hex } from '../../auth/tokens.js';
import type { DisplayLinkRow } from '../../store/DisplayLinkStore.js';
import type { Store } from '../../store/Store.js';
import { displayPrincipalId } from '../../sync/interfaces.js';
import { AppError } from '../errors.js';
import type { RouteContext } from '../context.js';
import { requireMember } from '../middleware/member.js';
import type { AuthEnv } from '../middleware/session.js';
import { errors, jsonBody, jsonResponse, MeetingParams } from '../schemas.js';

const security = [{ cookieAuth: [] }];

/** A display link as chairs see it: never its token. */
export const DisplayLinkSchema = z
  .object({
    id: z.string().openapi({
      description: 'the SHA-256 hex of the token: names the link, cannot be used as one',
    }),
    label: z.string(),
    createdAt: z.number().int(),
    createdBy: z.string(),
    createdByName: z.string(),
    lastUsedAt: z.number().int().nullable(),
  })
  .openapi('DisplayLink');

const DisplayLinkCreatedSchema = z
  .object({ link: DisplayLinkSchema, token: z.string(), url: z.string() })
  .openapi('DisplayLinkCreated');

const CreateDisplayLinkSchema = z
  .object({ label: z.string().trim().max(DISPLAY_LABEL_MAX).optional() })
  .strict()
  .openapi('CreateDisplayLink');

const LinkParams = MeetingParams.extend({
  linkId: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .openapi({ param: { name: 'linkId', in: 'path' } }),
});

const _linkMatch: Same<z.infer<typeof DisplayLinkSchema>, DisplayLink> = true;
const _createdMatch: Same<z.infer<typeof DisplayLinkCreatedSchema>, DisplayLinkCreated> = true;

const create = createRoute({
  method: 'post',
  path: '/meetings/{id}/display-links',
  tags: ['display'],
  summary: 'Create a hall display link (chair only); the token is shown once',
  description:
    'The link opens the meeting’s display without an account and nothing else: the document, ' +
    'read only, over the sync socket, and `GET /display`. Audited as `displayLink.create`. ' +
    `409 \`display_link_limit\` when the meeting already has ${MAX_LIVE_DISPLAY_LINKS} live links.`,
  security,
  request: { params: MeetingParams, body: jsonBody(CreateDisplayLinkSchema) },
  responses: {
    201: jsonResponse(DisplayLinkCreatedSchema, 'the link and its token'),
    ...errors(400, 401, 403, 404, 409),
  },
});

const list = createRoute({
  method: 'get',
  path: '/meetings/{id}/display-links',
  tags: ['display'],
  summary: "The meeting's live display links, newest first (chair only)",
  security,
  request: { params: MeetingParams },
  responses: {
    200: jsonResponse(
      z.object({ links: z.array(DisplayLinkSchema) }).openapi('DisplayLinkList'),
      'links',
    ),
    ...errors(401, 403, 404),
  },
});

const revoke = createRoute({
  method: 'post',
  path: '/meetings/{id}/display-links/{linkId}/revoke',
  tags: ['display'],
  summary: 'Revoke a display link (chair only): its open displays close at once',
  description:
    'Audited as `displayLink.revoke` (the first time). Displays open with it, on every server ' +
    `process, close with 4403 \`${DISPLAY_REVOKED_REASON}\`; the link opens nothing from then on.`,
  security,
  request: { params: LinkParams },
  responses: {
    200: jsonResponse(
      z.object({ link: DisplayLinkSchema }).openapi('DisplayLinkRevoked'),
      'revoked',
    ),
    ...errors(400, 401, 403, 404),
  },
});

/** Links as the chairs' list shows them, with their makers' names. */
async function linkViews(store: Store, rows: DisplayLinkRow[]): Promise<DisplayLink[]> {
  const users = await store.accounts.usersByIds([...new Set(rows.map((r) => r.createdBy))]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.tokenHash,
    label: r.label,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    createdByName: names.get(r.createdBy) ?? '',
    lastUsedAt: r.lastUsedAt,
  }));
}

/**
 * Hall display links: a chair creates, lists and revokes them (`display.manage`
 * in the permission table). What a link itself may do is `displayRoutes`' and
 * the upgrade authorizer's.
 */
export function displayLinkRoutes(ctx: RouteContext) {
  return (api: OpenAPIHono<AuthEnv>): void => {
    const { store } = ctx;
    const audit = createAuditLog(store.audit);
    const auth = { middleware: [ctx.requireUser] };

    api.openapi({ ...create, ...auth }, async (c) => {
      const { id } = c.req.valid('param');
      const { label = '' } = c.req.valid('json');
      await requireMember(store, id, c.var.user.id, 'display.manage');
      const token = randomToken();
      const now = ctx.now();
      const row = {
        tokenHash: sha256Hex(token),
        meetingId: id,
        label,
        createdBy: c.var.user.id,
        createdAt: now,
      };
      if (!(await store.displayLinks.create(row, MAX_LIVE_DISPLAY_LINKS))) {
        throw new AppError(
          409,
          ErrorCode.displayLinkLimit,
          `A meeting has at most ${MAX_LIVE_DISPLAY_LINKS} live display links; revoke one first`,
        );
      }
      await audit.record({
        meetingId: id,
        userId: c.var.user.id,
        action: 'displayLink.create',
        result: 'ok',
        payload: { linkId: row.tokenHash, label },
        at: now,
      });
      const [link] = await linkViews(store, [
        { ...row, lastUsedAt: null, revokedAt: null, revokedBy: null },
      ]);
      const body: DisplayLinkCreated = {
        link: link!,
        token,
        url: `${ctx.publicOrigin}${DISPLAY_PATH}#${token}`,
      };
      return c.json(body, 201);
    });

    api.openapi({ ...list, ...auth }, async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(store, id, c.var.user.id, 'display.manage');
      return c.json({ links: await linkViews(store, await store.displayLinks.live(id)) }, 200);
    });

    api.openapi({ ...revoke, ...auth }, async (c) => {
      const { id, linkId } = c.req.valid('param');
      await requireMember(store, id, c.var.user.id, 'display.manage');
      const now = ctx.now();
      const before = await store.displayLinks.revoke(id, linkId, now, c.var.user.id);
      if (!before) throw new AppError(404, ErrorCode.notFound, 'No such display link');
      // Every time, not only the first: a display that slipped in on another process meanwhile goes too.
      ctx.connections.closeMember(
        id,
        displayPrincipalId(linkId),
        CloseCode.forbidden,
        DISPLAY_REVOKED_REASON,
      );
      if (before.revokedAt === null) {
        await audit.record({
          meetingId: id,
          userId: c.var.user.id,
          action: 'displayLink.revoke',
          result: 'ok',
          payload: { linkId, label: before.label },
          at: now,
        });
      }
      const [link] = await linkViews(store, [before]);
      return c.json({ link: link! }, 200);
    });
  };
}
