import { Lucia, TimeSpan } from 'lucia';
import type { AccountStore } from '../store/Store.js';
import { createStoreAdapter } from './luciaAdapter.js';
import { sha256Hex } from './tokens.js';
import type { PublicUser } from './users.js';

/** Idle lifetime: Lucia extends it when a session is used in its second half. */
export const SESSION_IDLE_MS = 14 * 24 * 3_600_000;
/** Absolute lifetime from login, whatever the use. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3_600_000;
/** A session in use is extended when its idle expiry is more than this behind. */
const EXTEND_GRANULARITY_MS = 3_600_000;
/** A session's last use is written when the stored one is older than this (spares writes). */
export const LAST_USED_GRANULARITY_MS = 60_000;
/** The longest User-Agent kept with a session. */
export const USER_AGENT_MAX = 512;
/** Name of the session cookie. */
export const SESSION_COOKIE = 'kenes_session';

/** A validated session. `hash` is what the store and the sockets know it by. */
export interface AuthSession {
  hash: string;
  userId: string;
  /** Idle expiry, epoch ms. */
  expiresAt: number;
  /** Login time, epoch ms. */
  createdAt: number;
}

/** What a new session records of where it was made. */
export interface SessionOrigin {
  /** The request's `User-Agent` header (kept to {@link USER_AGENT_MAX} characters). */
  userAgent?: string | null | undefined;
}

/** A valid session, its user, and a refreshed `Set-Cookie` when Lucia extended it. */
export interface ValidSession {
  user: PublicUser;
  session: AuthSession;
  setCookie: string | null;
}

/** Sessions as the routes use them: Lucia behind, tokens in, cookies out. */
export interface SessionManager {
  /** Starts a new session (a fresh token every login: no fixation). */
  create(
    userId: string,
    origin?: SessionOrigin,
  ): Promise<{ session: AuthSession; setCookie: string }>;
  /** The session behind a token, or null when unknown, idle-expired or past the absolute limit. */
  validate(token: string): Promise<ValidSession | null>;
  /** The token in a `Cookie` header, or null. */
  tokenFromCookie(header: string | undefined | null): string | null;
  /** Ends one session, named by its hash (unknown hashes are ignored). */
  revoke(hash: string): Promise<void>;
  /** Ends every session of a user; resolves with their hashes (to close their sockets). */
  revokeUser(userId: string): Promise<string[]>;
  /** A `Set-Cookie` value that clears the session cookie. */
  blankCookie(): string;
  /** Removes expired rows (housekeeping). */
  sweep(): Promise<void>;
}

/** Options of {@link createSessionManager}. */
export interface SessionManagerOptions {
  accounts: AccountStore;
  /** Decides the `Secure` flag: set when it is https. */
  publicOrigin: string;
  now: () => number;
}

/** Creates the {@link SessionManager}: Lucia v3 over the store, hashed ids, injected clock. */
export function createSessionManager({
  accounts,
  publicOrigin,
  now,
}: SessionManagerOptions): SessionManager {
  const lucia = new Lucia(createStoreAdapter({ accounts, now, absoluteMs: SESSION_ABSOLUTE_MS }), {
    sessionExpiresIn: new TimeSpan(SESSION_IDLE_MS / 1000, 's'),
    sessionCookie: {
      name: SESSION_COOKIE,
      attributes: {
        secure: new URL(publicOrigin).protocol === 'https:',
        sameSite: 'lax',
        path: '/',
      },
    },
    getUserAttributes: (attrs) => attrs,
    getSessionAttributes: (attrs) => attrs,
  });
  // Lucia's dates follow the real clock; the adapter shifts them to ours.
  const shift = (d: Date): number => d.getTime() + (now() - Date.now());

  return {
    async create(userId, origin = {}) {
      const t = now();
      const userAgent = origin.userAgent?.slice(0, USER_AGENT_MAX) || null;
      const s = await lucia.createSession(userId, { createdAt: t, lastUsedAt: t, userAgent });
      return {
        session: {
          hash: sha256Hex(s.id),
          userId,
          expiresAt: shift(s.expiresAt),
          createdAt: s.createdAt,
        },
        setCookie: lucia.createSessionCookie(s.id).serialize(),
      };
    },
    async validate(token) {
      const { user, session } = await lucia.validateSession(token);
      if (!user || !session) return null;
      const hash = sha256Hex(token);
      if (now() - session.lastUsedAt >= LAST_USED_GRANULARITY_MS) {
        await accounts.touchSession(hash, now());
      }
      let expiresAt = shift(session.expiresAt);
      let fresh = session.fresh;
      // Lucia extends a session only in the second half of its life, so a
      // session used on day 6 would still end on day 14: 8 idle days, not
      // 14. Extend on any use instead, at most once an hour to spare writes.
      if (!fresh && expiresAt < now() + SESSION_IDLE_MS - EXTEND_GRANULARITY_MS) {
        expiresAt = now() + SESSION_IDLE_MS;
        await accounts.updateSessionExpiry(hash, expiresAt);
        fresh = true;
      }
      return {
        user: { ...user },
        session: { hash, userId: session.userId, expiresAt, createdAt: session.createdAt },
        setCookie: fresh ? lucia.createSessionCookie(token).serialize() : null,
      };
    },
    tokenFromCookie(header) {
      if (!header) return null;
      // Lucia's parser splits on "; " only; browsers send exactly that.
      return lucia.readSessionCookie(header);
    },
    revoke(hash) {
      // By hash, straight to the store: the adapter would hash a token again.
      return accounts.deleteSession(hash);
    },
    revokeUser(userId) {
      // Straight to the store: Lucia's own call does not return the ids,
      // and the sockets of each session must be closed.
      return accounts.deleteUserSessions(userId);
    },
    blankCookie() {
      return lucia.createBlankSessionCookie().serialize();
    },
    sweep() {
      return lucia.deleteExpiredSessions();
    },
  };
}
