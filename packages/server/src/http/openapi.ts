import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { SESSION_COOKIE } from '../auth/sessions.js';

/**
 * Serves the OpenAPI 3 document at `/openapi.json` (so `/api/openapi.json`
 * once mounted). It is generated on request from the routes registered with
 * `api.openapi(...)`, i.e. from the same zod schemas that validate requests.
 */
export function serveOpenApiDocument<E extends Env>(api: OpenAPIHono<E>): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session cookie set by sign-up and sign-in.',
  });
  api.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'Kenes API',
      version: '0.1.0',
      description:
        'Accounts, meetings, members and invites. Errors are `{ error: { code, message } }`. ' +
        'State-changing requests must carry an Origin equal to the public origin (else 403 foreign_origin).',
    },
    servers: [{ url: '/api' }],
  });
}
