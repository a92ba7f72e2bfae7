import { describe, expect, it } from 'vitest';
import { useMigrationFixture } from '../test-support/migrationFixture.js';

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
  const migration = useMigrationFixture();

  it('keeps existing sessions, last used at sign-in, on SQLite', () => {
    const db = migration.sqliteUpgraded(SESSION_DEVICE, [USER, SESSIONS]);
    expect(db.prepare(SELECT).all()).toEqual(EXPECTED);
  });

  it('keeps existing sessions, last used at sign-in, on Postgres', async () => {
    const { pool, applied } = await migration.postgresUpgraded(SESSION_DEVICE, [USER, SESSIONS]);
    expect(applied).toContain(SESSION_DEVICE);
    expect((await pool.query(SELECT)).rows).toEqual(EXPECTED);
  });
});
