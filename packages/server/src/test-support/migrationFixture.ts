import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { afterEach } from 'vitest';
import { openSqliteDatabase } from '../store/sqlite/open.js';
import { SQLITE_MIGRATIONS } from '../store/sqlite/migrations.js';
import { POSTGRES_MIGRATIONS } from '../store/postgres/migrations.js';
import { migratePostgres } from '../store/postgres/migrate.js';
import { createPool } from '../store/postgres/pool.js';
import { createTestSchema } from './testDb.js';

/** Opens databases that already hold data when a migration runs, closed after each test. */
export interface MigrationFixture {
  /**
   * An SQLite database migrated to just before `version`, then given `seed`,
   * then reopened with every migration (as a server upgrading it would).
   */
  sqliteUpgraded(version: number, seed: readonly string[]): Database.Database;
  /**
   * A fresh Postgres schema migrated to just before `version`, then given
   * `seed`, then migrated to the end; `applied` lists the versions that last run applied.
   */
  postgresUpgraded(
    version: number,
    seed: readonly string[],
  ): Promise<{ pool: Pool; applied: number[] }>;
}

/** Registers the `afterEach` that closes and removes what the fixture opened. */
export function useMigrationFixture(): MigrationFixture {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return {
    sqliteUpgraded(version, seed) {
      const dir = mkdtempSync(join(tmpdir(), `kenes-m${version}-`));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const path = join(dir, 'k.db');
      const old = openSqliteDatabase(
        path,
        SQLITE_MIGRATIONS.filter((m) => m.version < version),
      );
      for (const sql of seed) old.exec(sql);
      old.close();
      const db = openSqliteDatabase(path);
      cleanups.push(() => void db.close());
      return db;
    },
    async postgresUpgraded(version, seed) {
      const schema = await createTestSchema();
      cleanups.push(() => schema.drop());
      const pool = createPool(schema.url, { schema: schema.schema });
      cleanups.push(() => pool.end());
      await migratePostgres(
        pool,
        POSTGRES_MIGRATIONS.filter((m) => m.version < version),
      );
      for (const sql of seed) await pool.query(sql);
      return { pool, applied: await migratePostgres(pool) };
    },
  };
}
