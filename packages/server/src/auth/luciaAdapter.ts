import type { Adapter, DatabaseSession, DatabaseUser, Lucia } from 'lucia';
import type { AccountStore } from '../store/Store.js';
import { sha256Hex } from './tokens.js';
import { toPublicUser, type PublicUser } from './users.js';

/** What Lucia carries on each session besides id, user and expiry. */
export interface KenesSessionAttributes {
  /** Login time, epoch ms (injected clock): the absolute limit counts from it. */
  createdAt: number;
  /** Last use, epoch ms (injected clock); at creation, the login time. */
  lastUsedAt: number;
  /** The browser's User-Agent at sign-in, or null. */
  userAgent: string | null;
}

declare module 'lucia' {
  interface Register {
    Lucia: Lucia<KenesSessionAttributes, PublicUser>;
    DatabaseUserAttributes: PublicUser;
    DatabaseSessionAttributes: KenesSessionAttributes;
  }
}

/** Options of {@link createStoreAdapter}. */
export interface StoreAdapterOptions {
  accounts: AccountStore;
  /** The injected clock, epoch ms. */
  now: () => number;
  /** Sessions end this long after login, whatever the use. */
  absoluteMs: number;
}

/**
 * A Lucia adapter over {@link AccountStore} with two twists:
 *
 * - **Hashed ids.** Lucia's session id is the cookie token; the adapter
 *   stores and looks up only its SHA-256 hex, so the `sessions` table holds
 *   no usable cookie. Sessions it hands back carry the token Lucia asked
 *   with, so Lucia's follow-up calls (extend, delete) hash it again here.
 *   `getUserSessions` can only return hashes; nothing in Kenes uses it.
 * - **Injected clock.** Lucia reads `Date.now()`; the store holds times of the
 *   injected clock. Dates are shifted by `now() - Date.now()` both ways, so
 *   Lucia's idle expiry and extension follow the injected clock in tests.
 *
 * The absolute limit (`createdAt + absoluteMs`) is enforced here, since Lucia
 * has no notion of it: such a session is deleted and reported missing.
 */
export function createStoreAdapter({ accounts, now, absoluteMs }: StoreAdapterOptions): Adapter {
  const offset = (): number => now() - Date.now();
  const toLucia = (ms: number): Date => new Date(ms - offset());
  const fromLucia = (d: Date): number => d.getTime() + offset();

  return {
    async getSessionAndUser(token): Promise<[DatabaseSession | null, DatabaseUser | null]> {
      const hash = sha256Hex(token);
      const row = await accounts.sessionById(hash);
      if (!row) return [null, null];
      const t = now();
      if (t >= row.expiresAt || t >= row.createdAt + absoluteMs) {
        await accounts.deleteSession(hash);
        return [null, null];
      }
      const user = await accounts.userById(row.userId);
      const session: DatabaseSession = {
        id: token,
        userId: row.userId,
        expiresAt: toLucia(row.expiresAt),
        attributes: {
          createdAt: row.createdAt,
          lastUsedAt: row.lastUsedAt,
          userAgent: row.userAgent,
        },
      };
      return [session, user ? { id: user.id, attributes: toPublicUser(user) } : null];
    },
    async getUserSessions() {
      // Only hashes are stored, and Lucia would treat them as tokens; Kenes
      // lists no sessions, so refuse rather than hand out misleading ids.
      return [];
    },
    async setSession(s) {
      await accounts.createSession({
        id: sha256Hex(s.id),
        userId: s.userId,
        expiresAt: fromLucia(s.expiresAt),
        createdAt: s.attributes.createdAt,
        lastUsedAt: s.attributes.lastUsedAt,
        userAgent: s.attributes.userAgent,
      });
    },
    async updateSessionExpiration(token, expiresAt) {
      const hash = sha256Hex(token);
      const row = await accounts.sessionById(hash);
      if (!row) return;
      // Never extend past the absolute limit: the row then expires on its own
      // and `deleteExpiredSessions` can sweep it.
      await accounts.updateSessionExpiry(
        hash,
        Math.min(fromLucia(expiresAt), row.createdAt + absoluteMs),
      );
    },
    async deleteSession(token) {
      await accounts.deleteSession(sha256Hex(token));
    },
    async deleteUserSessions(userId) {
      await accounts.deleteUserSessions(userId);
    },
    async deleteExpiredSessions() {
      await accounts.deleteExpiredSessions(now());
    },
  };
}
