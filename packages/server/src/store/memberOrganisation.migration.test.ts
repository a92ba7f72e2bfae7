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
 * Migration 5 on a database that already holds members: each existing member
 * takes their profile's current organisation as the meeting's, invites are
 * not revoked, and no removal is remembered.
 */

const MEMBER_ORG = 5;
const USERS = `INSERT INTO users (id, email, password_hash, name, organisation, org_type, language, created_at)
  VALUES ('a', 'a@x', 'h', 'A', 'UNDP', 'international', 'en', 1), ('b', 'b@x', 'h', 'B', 'Women NGO', 'ngo', 'en', 1)`;
const MEETING = `INSERT INTO meetings (id, title, created_by, created_at) VALUES ('m', 'M', 'a', 1)`;
const MEMBERS = `INSERT INTO members (meeting_id, user_id, role, joined_at) VALUES ('m', 'a', 'chair', 1), ('m', 'b', 'participant', 2)`;
const INVITE = `INSERT INTO invites (token_hash, meeting_id, role, created_by, created_at) VALUES ('t', 'm', 'participant', 'a', 1)`;
const EXPECTED = [
  { user_id: 'a', organisation: 'UNDP', org_type: 'international' },
  { user_id: 'b', organisation: 'Women NGO', org_type: 'ngo' },
];

describe('migration 5: meeting organisation, invite revocation, removals', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('backfills existing members from their profiles on SQLite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-m5-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'k.db');
    const old = openSqliteDatabase(
      path,
      SQLITE_MIGRATIONS.filter((m) => m.version < MEMBER_ORG),
    );
    for (const sql of [USERS, MEETING, MEMBERS, INVITE]) old.exec(sql);
    old.close();
    const db = openSqliteDatabase(path);
    cleanups.push(() => void db.close());
    expect(
      db.prepare('SELECT user_id, organisation, org_type FROM members ORDER BY user_id').all(),
    ).toEqual(EXPECTED);
    expect(db.prepare('SELECT revoked_at FROM invites').get()).toEqual({ revoked_at: null });
    expect(db.prepare('SELECT COUNT(*) AS n FROM member_removals').get()).toEqual({ n: 0 });
  });

  it('backfills existing members from their profiles on Postgres', async () => {
    const schema: TestSchema = await createTestSchema();
    cleanups.push(() => schema.drop());
    const pool = createPool(schema.url, { schema: schema.schema });
    cleanups.push(() => pool.end());
    await migratePostgres(
      pool,
      POSTGRES_MIGRATIONS.filter((m) => m.version < MEMBER_ORG),
    );
    for (const sql of [USERS, MEETING, MEMBERS, INVITE]) await pool.query(sql);
    expect(await migratePostgres(pool)).toContain(MEMBER_ORG);
    const { rows } = await pool.query(
      'SELECT user_id, organisation, org_type FROM members ORDER BY user_id',
    );
    expect(rows).toEqual(EXPECTED);
    expect((await pool.query('SELECT revoked_at FROM invites')).rows).toEqual([
      { revoked_at: null },
    ]);
  });
});
