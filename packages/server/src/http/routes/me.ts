import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { RouteContext } from '../context.js';
import type { AuthEnv } from '../middleware/session.js';
import { errors, jsonResponse, UserResponseSchema } from '../schemas.js';

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in account',
  security: [{ cookieAuth: [] }],
  responses: { 200: jsonResponse(UserResponseSchema, 'the account'), ...errors(401) },
});

/** `GET /me`: who the session belongs to, or 401. */
export function registerMeRoutes(api: OpenAPIHono<AuthEnv>, ctx: RouteContext): void {
  api.openapi({ ...me, middleware: [ctx.requireUser] }, (c) => c.json({ user: c.var.user }, 200));
}
