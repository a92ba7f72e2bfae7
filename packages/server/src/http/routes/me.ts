import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { RouteContext } from '../context.js';
import type { AuthEnv } from '../middleware/session.js';
import { ErrorCode } from '@kenes/shared';
import { toPublicUser } from '../../auth/users.js';
import { AppError } from '../errors.js';
import { errors, jsonBody, jsonResponse, UpdateMeSchema, UserResponseSchema } from '../schemas.js';

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in account',
  security: [{ cookieAuth: [] }],
  responses: { 200: jsonResponse(UserResponseSchema, 'the account'), ...errors(401) },
});

const updateMe = createRoute({
  method: 'patch',
  path: '/me',
  tags: ['auth'],
  summary: "Change the signed-in account's profile (name, organisation, type, language, gender)",
  description:
    'The organisation and type here are what a meeting copies when the account next joins one. ' +
    'They do not change the meetings already joined: there the organisation is the meeting’s, ' +
    'changed only by its chair (`PATCH /meetings/{id}/members/{userId}`).',
  security: [{ cookieAuth: [] }],
  request: { body: jsonBody(UpdateMeSchema) },
  responses: {
    200: jsonResponse(UserResponseSchema, 'the updated account'),
    ...errors(400, 401, 403),
  },
});

/**
 * `GET /me`: who the session belongs to, or 401. `PATCH /me`: change the
 * profile. Open sockets keep the identity they were opened with until they
 * reconnect. A profile's organisation is not a meeting's: each membership
 * keeps the organisation it joined with (see `routes/members.ts`).
 */
export function meRoutes(ctx: RouteContext) {
  return (api: OpenAPIHono<AuthEnv>): void => {
    api.openapi({ ...me, middleware: [ctx.requireUser] }, (c) => c.json({ user: c.var.user }, 200));
    api.openapi({ ...updateMe, middleware: [ctx.requireUser] }, async (c) => {
      const updated = await ctx.store.accounts.updateUser(c.var.user.id, c.req.valid('json'));
      if (!updated) throw new AppError(401, ErrorCode.unauthorized, 'The account no longer exists');
      return c.json({ user: toPublicUser(updated) }, 200);
    });
  };
}
