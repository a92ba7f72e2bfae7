import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Logger } from 'pino';
import type { Store } from '../store/Store.js';
import type { ConnectionControl, RoomAccess } from '../sync/interfaces.js';
import { createSessionManager, type SessionManager } from '../auth/sessions.js';
import { createArgon2Hasher, createDummyVerifier, type PasswordHasher } from '../auth/passwords.js';
import {
  createLoginThrottle,
  DEFAULT_THROTTLE,
  type LoginThrottle,
  type ThrottleLimits,
} from '../auth/throttle.js';
import { notFound, onError } from './errors.js';
import { RateLimiter, type RateBudget } from './limits/RateLimiter.js';
import type { MailContext, RouteContext } from './context.js';
import { DEFAULT_MAIL_LIMITS, memoryMailLimiters } from './limits/mailLimits.js';
import { MailSendError, type Mailer } from '../mail/Mailer.js';
import { requireSameOrigin } from './middleware/origin.js';
import { requireUser, type AuthEnv } from './middleware/session.js';
import { serveOpenApiDocument } from './openapi.js';
import { validationHook } from './validation.js';
import { authRoutes } from './routes/auth.js';
import { meRoutes } from './routes/me.js';
import { mySessionRoutes } from './routes/mySessions.js';
import { passwordRoutes } from './routes/password.js';
import { meetingRoutes } from './routes/meetings.js';
import { memberRoutes } from './routes/members.js';
import { inviteRoutes } from './routes/invites.js';
import { inviteMailRoutes } from './routes/inviteMail.js';
import { passwordResetRoutes } from './routes/passwordReset.js';
import { displayLinkRoutes } from './routes/displayLinks.js';
import { displayRoutes } from './routes/display.js';

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
  /** Sign-ups per client address (default {@link DEFAULT_SIGNUP_RATE}); over it: 429. */
  signupRate?: RateBudget;
  /** How the login slow-down waits (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Outgoing mail (invitations, password reset). Default: no mailer (sending
   * fails with `mail_failed`), the default limits in memory, dates in UTC.
   */
  mail?: Partial<MailContext>;
  /** Mounts more routes (commands, exports) inside `/api`, behind the same Origin check and in the same OpenAPI document. */
  mount?: MountRoutes;
}

/**
 * What every route module's `xRoutes(deps)` returns: registers its routes on
 * `api`, behind `kit.requireUser` where they need a session.
 */
export type MountRoutes = (api: OpenAPIHono<AuthEnv>, kit: ApiKit) => void;

/** The socket's remote address; `unknown` when there is no socket (`app.request()` in tests). */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function isThrottle(t: ApiDeps['throttle']): t is LoginThrottle {
  return typeof t === 'object' && typeof (t as Partial<LoginThrottle>).check === 'function';
}

/**
 * Sign-ups per address: a burst of 30 (a delegation signing up together
 * behind one NAT), then one every 10 s. Each costs an argon2 hash; 600 in a
 * row slowed everyone's logins to seconds.
 */
export const DEFAULT_SIGNUP_RATE: RateBudget = { perSecond: 0.1, burst: 30 };

/** Where mail goes when nobody configured a mailer (route-only tests): nowhere, said loudly. */
const NO_MAILER: Mailer = {
  target: '(none)',
  send: () => Promise.reject(new MailSendError('No mailer is configured')),
  close: () => undefined,
};

const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
    signups: new RateLimiter(deps.signupRate ?? DEFAULT_SIGNUP_RATE, now),
    sleep: deps.sleep ?? timerSleep,
    clientAddress: deps.clientAddress ?? socketAddress,
    mail: {
      mailer: deps.mail?.mailer ?? NO_MAILER,
      timeZone: deps.mail?.timeZone ?? 'UTC',
      limits: deps.mail?.limits ?? memoryMailLimiters(DEFAULT_MAIL_LIMITS, now),
    },
  };

  const api = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  api.onError(onError((err, msg) => deps.logger.error({ err }, msg)));
  api.notFound(notFound);
  api.use('*', requireSameOrigin(publicOrigin));
  const kit: ApiKit = { requireUser: ctx.requireUser, sessions };
  // Every route module is `xRoutes(deps)`: a mount called with (api, kit), in this order.
  const mounts: MountRoutes[] = [
    authRoutes(ctx),
    meRoutes(ctx),
    passwordRoutes(ctx),
    mySessionRoutes(ctx),
    meetingRoutes(ctx),
    memberRoutes(ctx),
    inviteRoutes(ctx),
    inviteMailRoutes(ctx),
    passwordResetRoutes(ctx),
    displayLinkRoutes(ctx),
    displayRoutes(ctx),
  ];
  for (const mount of mounts) mount(api, kit);
  deps.mount?.(api, kit);
  serveOpenApiDocument(api);
  return api;
}
