import type { SessionInfo } from '@kenes/shared';
import type { SessionRow } from '../store/Store.js';
import { SESSION_ABSOLUTE_MS } from './sessions.js';
import { sha256Hex } from './tokens.js';
import { describeUserAgent } from './userAgent.js';

/**
 * The name a session goes by in the profile's list: a one-way hash of its
 * stored key (itself the hash of the cookie token), so the list gives its
 * reader neither a cookie nor the database key. It only works on its owner's
 * list (`DELETE /me/sessions/:id` looks among the caller's sessions).
 */
export function publicSessionId(storedId: string): string {
  return sha256Hex(`kenes-session-name:${storedId}`).slice(0, 32);
}

/**
 * One user's sessions as the profile lists them: the current one first, then
 * the most recently used; expired ones (idle or past the absolute limit, not
 * yet swept) are left out.
 */
export function sessionList(
  rows: readonly SessionRow[],
  currentId: string,
  now: number,
): SessionInfo[] {
  return rows
    .filter(
      (r) => r.id === currentId || (r.expiresAt > now && r.createdAt + SESSION_ABSOLUTE_MS > now),
    )
    .map((r) => ({
      id: publicSessionId(r.id),
      createdAt: r.createdAt,
      lastUsedAt: Math.max(r.lastUsedAt, r.createdAt),
      ...describeUserAgent(r.userAgent),
      current: r.id === currentId,
    }))
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        b.lastUsedAt - a.lastUsedAt ||
        b.createdAt - a.createdAt,
    );
}
