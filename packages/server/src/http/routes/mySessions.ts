import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CloseCode, ErrorCode } from '@kenes/shared';
import type { RouteContext } from '../context.js';
import type { AuthEnv } from '../middleware/session.js';
import { AppError } from '../errors.js';
import { publicSessionId, sessionList } from '../../auth/sessionList.js';
import { errors, jsonResponse, SessionParams, SessionsResponseSchema } from '../schemas.js';

const listSessions = createRoute({
  method: 'get',
  path: '/me/sessions',
  tags: ['auth'],
  summary: "The signed-in user's own sessions (the current one marked)",
  description:
    'Sign-in time, last use and the browser and system named from the User-Agent at sign-in. ' +
    'Each `id` is opaque: it names the session for `DELETE /me/sessions/{id}` and nothing else.',
  security: [{ cookieAuth: [] }],
  responses: { 200: jsonResponse(SessionsResponseSchema, 'the sessions'), ...errors(401) },
});

const endSession = createRoute({
  method: 'delete',
  path: '/me/sessions/{id}',
  tags: ['auth'],
  summary: 'Sign out one of your sessions (its sockets close)',
  description:
    '404 when no session of the caller has this id (another user’s sessions are never found). ' +
    'Naming the current session signs this browser out, as `POST /auth/logout` does.',
  security: [{ cookieAuth: [] }],
  request: { params: SessionParams },
  responses: { 204: { description: 'signed out' }, ...errors(401, 403, 404) },
});

/** `GET /me/sessions` and `DELETE /me/sessions/{id}`: only ever the caller's own sessions. */
export function mySessionRoutes(ctx: RouteContext) {
  return (api: OpenAPIHono<AuthEnv>): void => {
    api.openapi({ ...listSessions, middleware: [ctx.requireUser] }, async (c) => {
      const rows = await ctx.store.accounts.sessionsOfUser(c.var.user.id);
      return c.json({ sessions: sessionList(rows, c.var.session.hash, ctx.now()) }, 200);
    });

    api.openapi({ ...endSession, middleware: [ctx.requireUser] }, async (c) => {
      const { id } = c.req.valid('param');
      const rows = await ctx.store.accounts.sessionsOfUser(c.var.user.id);
      const target = rows.find((r) => publicSessionId(r.id) === id);
      if (!target) throw new AppError(404, ErrorCode.notFound, 'No such session of yours');
      await ctx.sessions.revoke(target.id);
      ctx.connections.closeSession(target.id, CloseCode.unauthorized, 'signed out');
      ctx.logger.info({ userId: c.var.user.id }, 'signed out one session');
      // The current one: this browser is signed out too, and its cookie must go.
      if (target.id === c.var.session.hash) c.header('Set-Cookie', ctx.sessions.blankCookie());
      return c.body(null, 204);
    });
  };
}
