import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from './sqlite/open.js';
import { SQLITE_MIGRATIONS } from './sqlite/migrations.js';
import { POSTGRES_MIGRATIONS } from './postgres/migrations.js';
import { migratePostgres } from './postgres/migrate.js';
import { createPool } from './postgres/pool.js';
import { createTestSchema, type TestSchema } from '../test-support/testDb.js';

/** Migration 10 on a database that already holds versions: each was saved by hand. */

const VERSION_KIND = 10;
const VERSIONS = `INSERT INTO versions (id, meeting_id, label, snapshot, created_by, created_at)
  VALUES ('v1', 'm1', 'Before lunch', X'00', NULL, 1000)`;
const SELECT = 'SELECT id, label, kind FROM versions';
const EXPECTED = [{ id: 'v1', label: 'Before lunch', kind: 'manual' }];

describe('migration 10: version kind', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('existing versions are manual, on SQLite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-m10-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'k.db');
    const old = openSqliteDatabase(
      path,
      SQLITE_MIGRATIONS.filter((m) => m.version < VERSION_KIND),
    );
    old.exec(VERSIONS);
    old.close();
    const db = openSqliteDatabase(path);
    cleanups.push(() => void db.close());
    expect(db.prepare(SELECT).all()).toEqual(EXPECTED);
  });

  it('existing versions are manual, on Postgres', async () => {
    const schema: TestSchema = await createTestSchema();
    cleanups.push(() => schema.drop());
    const pool = createPool(schema.url, { schema: schema.schema });
    cleanups.push(() => pool.end());
    await migratePostgres(
      pool,
      POSTGRES_MIGRATIONS.filter((m) => m.version < VERSION_KIND),
    );
    await pool.query(VERSIONS.replace("X'00'", "'\\x00'::bytea"));
    expect(await migratePostgres(pool)).toContain(VERSION_KIND);
    expect((await pool.query(SELECT)).rows).toEqual(EXPECTED);
  });
});
