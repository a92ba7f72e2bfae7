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

/**
 * Migration 6 on a database that already holds sessions: each keeps working,
 * counts as last used at sign-in and names no device.
 */

const SESSION_DEVICE = 6;
const USER = `INSERT INTO users (id, email, password_hash, name, organisation, org_type, language, created_at)
  VALUES ('a', 'a@x', 'h', 'A', 'UNDP', 'international', 'en', 1)`;
const SESSIONS = `INSERT INTO sessions (id, user_id, expires_at, created_at)
  VALUES ('s1', 'a', 9000, 1000), ('s2', 'a', 9000, 2000)`;
const SELECT = 'SELECT id, last_used_at, user_agent FROM sessions ORDER BY id';
const EXPECTED = [
  { id: 's1', last_used_at: 1000, user_agent: null },
  { id: 's2', last_used_at: 2000, user_agent: null },
];

describe('migration 6: session last use and device', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('keeps existing sessions, last used at sign-in, on SQLite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-m6-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'k.db');
    const old = openSqliteDatabase(
      path,
      SQLITE_MIGRATIONS.filter((m) => m.version < SESSION_DEVICE),
    );
    for (const sql of [USER, SESSIONS]) old.exec(sql);
    old.close();
    const db = openSqliteDatabase(path);
    cleanups.push(() => void db.close());
    expect(db.prepare(SELECT).all()).toEqual(EXPECTED);
  });

  it('keeps existing sessions, last used at sign-in, on Postgres', async () => {
    const schema: TestSchema = await createTestSchema();
    cleanups.push(() => schema.drop());
    const pool = createPool(schema.url, { schema: schema.schema });
    cleanups.push(() => pool.end());
    await migratePostgres(
      pool,
      POSTGRES_MIGRATIONS.filter((m) => m.version < SESSION_DEVICE),
    );
    for (const sql of [USER, SESSIONS]) await pool.query(sql);
    expect(await migratePostgres(pool)).toContain(SESSION_DEVICE);
    expect((await pool.query(SELECT)).rows).toEqual(EXPECTED);
  });
});
