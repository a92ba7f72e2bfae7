/**
 * Whether an error a store threw means "the database cannot take this now"
 * (locked, read-only, full, gone, closed) rather than a bug: callers answer
 * 503 and readiness fails, instead of 500. Both backends' codes.
 */

/**
 * The error of a write (or read) the store cannot take now: a room that
 * stopped or is shutting down, a commit that failed, a throttle whose Redis
 * is gone. Recognised by its name, so a copy made by another module counts too.
 */
export class StoreUnavailableError extends Error {
  constructor(cause?: unknown, message = 'store unavailable') {
    super(message, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** SQLite result codes (better-sqlite3's `SqliteError.code`, extended codes share the prefix). */
const SQLITE_UNAVAILABLE = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
];

/**
 * Postgres SQLSTATEs: read-only transaction, insufficient resources, shutdown, connection
 * failures, and a lock wait past `lock_timeout` (55P03: busy, as SQLITE_BUSY is — a meeting's
 * command lock held elsewhere for long is "try again soon", not a bug).
 */
const PG_UNAVAILABLE = /^(25006|53\d{3}|57P0[1-4]|08\d{3}|55P03)$/;

/** Node socket errors of a database that cannot be reached. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/** True when `err` (or its `cause`) says the database is unavailable or not writable. */
export function isStoreUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown };
  if (e.name === 'StoreUnavailableError') return true;
  if (typeof e.code === 'string') {
    if (SQLITE_UNAVAILABLE.some((c) => (e.code as string).startsWith(c))) return true;
    if (PG_UNAVAILABLE.test(e.code) || NETWORK.has(e.code)) return true;
  }
  if (typeof e.message === 'string') {
    // better-sqlite3 on a closed handle; pg on an ended pool, a dropped connection, or a pool
    // that had no free connection within `connectionTimeoutMillis`.
    if (
      /database connection is not open|Cannot use a pool after calling end|Connection terminated|timeout exceeded when trying to connect/.test(
        e.message,
      )
    )
      return true;
  }
  return isStoreUnavailable(e.cause, depth + 1);
}
