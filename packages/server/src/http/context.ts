import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { Store } from '../store/Store.js';
import type { ConnectionControl, RoomAccess } from '../sync/interfaces.js';
import type { SessionManager } from '../auth/sessions.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { LoginThrottle } from '../auth/throttle.js';
import type { RateLimiter } from './limits/RateLimiter.js';
import type { MailLimiters } from './limits/mailLimits.js';
import type { Mailer } from '../mail/Mailer.js';
import type { AuthEnv } from './middleware/session.js';

/** What the account and membership routes share; built once by `createApi`. */
export interface RouteContext {
  store: Store;
  sessions: SessionManager;
  requireUser: MiddlewareHandler<AuthEnv>;
  connections: ConnectionControl;
  /** Writes a new meeting's document (title, status); absent in route-only tests. */
  rooms: RoomAccess | undefined;
  logger: Logger;
  now: () => number;
  /** `PUBLIC_ORIGIN` without a trailing slash (invite URLs). */
  publicOrigin: string;
  passwords: PasswordHasher;
  /** Costs as much as a real verification; used for unknown e-mails. */
  dummyVerify: (password: string) => Promise<void>;
  throttle: LoginThrottle;
  /** Sign-ups per client address (each costs a password hash). */
  signups: RateLimiter;
  /** Waits `ms` (the login slow-down); tests inject one that records instead. */
  sleep: (ms: number) => Promise<void>;
  clientAddress: (c: Context) => string;
  mail: MailContext;
}

/** Outgoing mail as the routes use it. */
export interface MailContext {
  mailer: Mailer;
  /** IANA zone of the dates in mails. */
  timeZone: string;
  limits: MailLimiters;
}
