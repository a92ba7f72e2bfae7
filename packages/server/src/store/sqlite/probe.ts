import type { Database } from 'better-sqlite3';

/** How long the readiness probe waits for another writer's lock, ms (commands wait `busy_timeout`). */
const PROBE_BUSY_MS = 250;

/**
 * Proves the database takes writes (readiness): one row of `health_probe`
 * written in a transaction. A `SELECT 1` passes on a file that is locked by
 * another writer, read-only or on a full disk — where every command fails.
 * Throws the driver's error when the write fails; waits at most
 * {@link PROBE_BUSY_MS} for a lock instead of the connection's 5 s.
 */
export function probe(db: Database): void {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${PROBE_BUSY_MS}`);
  try {
    db.prepare(
      'INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
    ).run(Date.now());
  } finally {
    // better-sqlite3 is synchronous: nothing else ran on this connection meanwhile.
    db.pragma(`busy_timeout = ${previous}`);
  }
}
