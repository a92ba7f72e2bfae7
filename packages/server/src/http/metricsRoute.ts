import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { ErrorCode } from '@kenes/shared';
import { errorBody, notFound } from './errors.js';
import type { Metrics } from '../metrics/Metrics.js';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `GET /metrics`. `token`: a string → only with `Authorization: Bearer
 * <token>` (401 otherwise); null → not served (404: the public port of a
 * server without METRICS_TOKEN); undefined → open (the separate metrics
 * listener, reachable only where the operator binds it).
 */
export function metricsRoute(metrics: Metrics, token: string | null | undefined) {
  return async (c: Context): Promise<Response> => {
    if (token === null) return notFound(c);
    if (token !== undefined) {
      const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
      if (!sameSecret(given, token)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return c.json(errorBody(ErrorCode.unauthorized, 'A metrics token is required'), 401);
      }
    }
    const { body, contentType } = await metrics.render();
    return c.body(body, 200, { 'content-type': contentType });
  };
}
