import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Logger } from 'pino';
import type { Store } from '../store/Store.js';
import type { ConnectionControl, RoomAccess } from '../sync/seams.js';
import { createSessionManager, type SessionManager } from '../auth/sessions.js';
import { createArgon2Hasher, createDummyVerifier, type PasswordHasher } from '../auth/passwords.js';
import {
  createLoginThrottle,
  DEFAULT_THROTTLE,
  type LoginThrottle,
  type ThrottleLimits,
} from '../auth/throttle.js';
import { notFound, onError } from './errors.js';
import type { RouteContext } from './context.js';
import { requireSameOrigin } from './middleware/origin.js';
import { requireUser, type AuthEnv } from './middleware/session.js';
import { serveOpenApiDocument } from './openapi.js';
import { validationHook } from './validation.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerMeRoutes } from './routes/me.js';
import { registerMeetingRoutes } from './routes/meetings.js';
import { registerMemberRoutes } from './routes/members.js';
import { registerInviteRoutes } from './routes/invites.js';

/** What other route modules (commands, exports) get to mount themselves under `/api`. */
export interface ApiKit {
  /** Admits signed-in requests; sets `c.var.user` and `c.var.session`. */
  requireUser: MiddlewareHandler<AuthEnv>;
  sessions: SessionManager;
}

/** Dependencies of {@link createApi}. */
export interface ApiDeps {
  store: Store;
  /** `PUBLIC_ORIGIN`, e.g. `https://kenes.example.org`: Origin checks, cookie `Secure`, invite URLs. */
  publicOrigin: string;
  logger: Logger;
  /** Reaches open sockets on logout and membership changes. */
  connections: ConnectionControl;
  /** The meeting documents: a new meeting's title and status are written there. */
  rooms?: RoomAccess;
  /** Clock, epoch ms (default `Date.now`). */
  now?: () => number;
  /**
   * The client address for login throttling. Default: the socket's remote
   * address. Behind a reverse proxy inject one that reads its header.
   */
  clientAddress?: (c: Context) => string;
  /** Default: argon2id with OWASP parameters. Tests may inject cheaper ones. */
  passwordHasher?: PasswordHasher;
  /** A throttle instance, or limits for the default in-memory one. */
  throttle?: LoginThrottle | Partial<ThrottleLimits>;
  /** Mounts more routes (commands, exports) inside `/api`, behind the same Origin check and in the same OpenAPI document. */
  mount?: (api: OpenAPIHono<AuthEnv>, kit: ApiKit) => void;
}

/** The socket's remote address; `unknown` when there is no socket (`app.request()` in tests). */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function isThrottle(t: ApiDeps['throttle']): t is LoginThrottle {
  return typeof t === 'object' && typeof (t as Partial<LoginThrottle>).retryAfter === 'function';
}

/**
 * Everything under `/api`: accounts, sessions, meetings, members, invites and
 * the OpenAPI document. `createApp` mounts the result with
 * `app.route('/api', createApi(deps))`.
 */
export function createApi(deps: ApiDeps): OpenAPIHono<AuthEnv> {
  const now = deps.now ?? Date.now;
  const publicOrigin = new URL(deps.publicOrigin).origin;
  const sessions = createSessionManager({ accounts: deps.store.accounts, publicOrigin, now });
  const passwords = deps.passwordHasher ?? createArgon2Hasher();
  const ctx: RouteContext = {
    store: deps.store,
    sessions,
    requireUser: requireUser(sessions),
    connections: deps.connections,
    rooms: deps.rooms,
    logger: deps.logger,
    now,
    publicOrigin,
    passwords,
    dummyVerify: createDummyVerifier(passwords),
    throttle: isThrottle(deps.throttle)
      ? deps.throttle
      : createLoginThrottle(now, { ...DEFAULT_THROTTLE, ...deps.throttle }),
    clientAddress: deps.clientAddress ?? socketAddress,
  };

  const api = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  api.onError(onError((err, msg) => deps.logger.error({ err }, msg)));
  api.notFound(notFound);
  api.use('*', requireSameOrigin(publicOrigin));
  registerAuthRoutes(api, ctx);
  registerMeRoutes(api, ctx);
  registerMeetingRoutes(api, ctx);
  registerMemberRoutes(api, ctx);
  registerInviteRoutes(api, ctx);
  deps.mount?.(api, { requireUser: ctx.requireUser, sessions });
  serveOpenApiDocument(api);
  return api;
}
