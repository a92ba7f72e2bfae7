import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ErrorCode, type DisplayInfo, type Same } from '@kenes/shared';
import { sha256Hex } from '../../auth/tokens.js';
import { AppError } from '../errors.js';
import type { RouteContext } from '../context.js';
import type { AuthEnv } from '../middleware/session.js';
import { errors, jsonResponse } from '../schemas.js';

const DisplayInfoSchema = z
  .object({ meetingId: z.string(), now: z.number().int() })
  .openapi('DisplayInfo');

const _infoMatch: Same<z.infer<typeof DisplayInfoSchema>, DisplayInfo> = true;

const info = createRoute({
  method: 'get',
  path: '/display',
  tags: ['display'],
  summary: "A display link's meeting and the server's clock (the display link's only route)",
  description:
    'Sent with `Authorization: Bearer <token>` of a display link; no session. The only HTTP ' +
    'route a display token opens (the rest answer it as they answer anyone without a session); ' +
    'its socket is `/sync/:meetingId` offering the protocols `kenes-display, <token>`. ' +
    '401 `display_link_unknown`, 410 `display_link_revoked`.',
  security: [{ displayToken: [] }],
  responses: {
    200: jsonResponse(DisplayInfoSchema, 'the meeting to show and the server clock (epoch ms)'),
    ...errors(401, 410),
  },
});

/** The bearer token of an `Authorization` header, or null. */
function bearer(header: string | undefined): string | null {
  const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header ?? '');
  return m ? m[1]! : null;
}

/**
 * What a hall display link may ask over HTTP: which meeting it shows and the
 * server's clock. It reads the token from the `Authorization` header only,
 * never a cookie, so nothing a browser sends on its own carries it.
 */
export function displayRoutes(ctx: RouteContext) {
  return (api: OpenAPIHono<AuthEnv>): void => {
    api.openAPIRegistry.registerComponent('securitySchemes', 'displayToken', {
      type: 'http',
      scheme: 'bearer',
      description:
        'The token of a hall display link (`/display#<token>`); opens `GET /display` only.',
    });

    api.openapi(info, async (c) => {
      const token = bearer(c.req.header('authorization'));
      const link = token ? await ctx.store.displayLinks.byHash(sha256Hex(token)) : null;
      if (!link) throw new AppError(401, ErrorCode.displayLinkUnknown, 'No such display link');
      if (link.revokedAt !== null) {
        throw new AppError(410, ErrorCode.displayLinkRevoked, 'This display link has been revoked');
      }
      const now = ctx.now();
      await ctx.store.displayLinks.touch(link.tokenHash, now);
      c.header('Cache-Control', 'no-store');
      return c.json({ meetingId: link.meetingId, now }, 200);
    });
  };
}
