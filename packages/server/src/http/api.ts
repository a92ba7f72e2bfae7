import { OpenAPIHono } from '@hono/zod-openapi';

/**
 * Everything under `/api`. Placeholder until the accounts issue mounts its
 * routes here; `createApp` mounts the result at `/api`.
 */
export function createApi(): OpenAPIHono {
  return new OpenAPIHono();
}
