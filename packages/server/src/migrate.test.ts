import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateConfiguredStore } from './migrate.js';
import { describeStoreTarget } from './store/openStore.js';
import { POSTGRES_MIGRATIONS } from './store/postgres/migrations.js';
import { withDefaultUser } from './store/postgres/pool.js';
import { createTestSchema, type TestSchema } from './test-support/testDb.js';
import { openSqliteDatabase } from './store/sqlite/open.js';
import { SQLITE_MIGRATIONS } from './store/sqlite/migrations.js';

describe('migrateConfiguredStore', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('migrates SQLite at dbPath when no database URL is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-migrate-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const done = await migrateConfiguredStore({
      databaseUrl: undefined,
      dbPath: join(dir, 'kenes.db'),
    });
    expect(done).toEqual({ kind: 'sqlite', target: join(dir, 'kenes.db') });
    expect(existsSync(join(dir, 'kenes.db'))).toBe(true);
    const db = openSqliteDatabase(join(dir, 'kenes.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(
      Math.max(...SQLITE_MIGRATIONS.map((m) => m.version)),
    );
    db.close();
  });

  it('migrates Postgres when a database URL is set, and again is a no-op', async () => {
    const schema: TestSchema = await createTestSchema();
    cleanups.push(() => schema.drop());
    // The schema goes in the URL, as a deployment sharing a database would do it.
    const url = `${schema.url}?options=${encodeURIComponent(`-c search_path=${schema.schema}`)}`;
    await expect(
      migrateConfiguredStore({ databaseUrl: url, dbPath: 'unused' }),
    ).resolves.toMatchObject({
      kind: 'postgres',
    });
    await migrateConfiguredStore({ databaseUrl: url, dbPath: 'unused' });
    const client = new Client({ connectionString: withDefaultUser(schema.url) });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: number }>(
        `SELECT version FROM ${schema.schema}.schema_migrations ORDER BY version`,
      );
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    } finally {
      await client.end();
    }
  });
});

describe('describeStoreTarget', () => {
  it('never shows a database password', () => {
    expect(
      describeStoreTarget({ databaseUrl: 'postgres://kenes:s3cret@db:5432/kenes', dbPath: 'x' }),
    ).toBe('postgres://kenes:***@db:5432/kenes');
    expect(describeStoreTarget({ databaseUrl: undefined, dbPath: '/data/kenes.db' })).toBe(
      '/data/kenes.db',
    );
  });
});
