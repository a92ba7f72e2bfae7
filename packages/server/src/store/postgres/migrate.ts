import type { Pool, PoolClient } from 'pg';
import type { Migration } from '../sqlite/migrations.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

/**
 * Brings the schema on the connection's `search_path` up to date.
 *
 * Each pending migration runs in its own transaction together with its
 * `schema_migrations` row, so a failed migration leaves nothing behind and
 * the next start retries it. Every transaction first takes a transaction-level
 * advisory lock keyed on the current schema: several processes starting at
 * once (a rolling deploy, N replicas) queue on it, and whoever comes second
 * sees the row the first one committed and skips that migration.
 *
 * Versions present in the database but unknown here are left alone: during a
 * rolling deploy an older process may start against a newer schema.
 *
 * @returns the versions this call applied (empty when already up to date).
 */
export async function migratePostgres(
  pool: Pool,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
  now: () => number = Date.now,
): Promise<number[]> {
  checkOrder(migrations);
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    for (const migration of migrations) {
      if (await applyOne(client, migration, now)) applied.push(migration.version);
    }
  } finally {
    client.release();
  }
  return applied;
}

/** Applies one migration unless already recorded; true when it ran. */
async function applyOne(
  client: PoolClient,
  migration: Migration,
  now: () => number,
): Promise<boolean> {
  await client.query('BEGIN');
  try {
    // Keyed per schema so separate schemas (e.g. parallel test runs) do not
    // wait on each other; released by COMMIT/ROLLBACK.
    await client.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('kenes.migrations:' || current_schema(), 0))`,
    );
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
      migration.version,
    ]);
    if (done.rowCount !== 0) {
      await client.query('COMMIT');
      return false;
    }
    await client.query(migration.sql);
    await client.query(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
      [migration.version, migration.name, now()],
    );
    await client.query('COMMIT');
    return true;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(`Postgres migration ${migration.version} (${migration.name}) failed`, {
      cause: err,
    });
  }
}

/** A list out of order would apply a later schema before an earlier one. */
function checkOrder(migrations: readonly Migration[]): void {
  let last = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= last) {
      throw new Error(`migration versions must be increasing integers: ${m.version} after ${last}`);
    }
    last = m.version;
  }
}
