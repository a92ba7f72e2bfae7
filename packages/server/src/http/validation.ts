import type { Hook } from '@hono/zod-openapi';
import { ErrorCode } from '@kenes/shared';
import { errorBody } from './errors.js';

/**
 * The `defaultHook` of every OpenAPIHono: a request that fails its zod schema
 * answers 400 `validation_failed`, naming the first problems (field: reason).
 * The message never echoes input values (a password may be among them).
 */
// Hook's generics are the route's; `any` here because one hook serves all routes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const validationHook: Hook<any, any, any, any> = (result, c) => {
  if (result.success) return undefined;
  const message = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
  return c.json(errorBody(ErrorCode.validation, message || 'Invalid request'), 400);
};
