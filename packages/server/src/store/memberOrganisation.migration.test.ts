import { describe, expect, it } from 'vitest';
import { useMigrationFixture } from '../test-support/migrationFixture.js';

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
  const migration = useMigrationFixture();

  it('backfills existing members from their profiles on SQLite', () => {
    const db = migration.sqliteUpgraded(MEMBER_ORG, [USERS, MEETING, MEMBERS, INVITE]);
    expect(
      db.prepare('SELECT user_id, organisation, org_type FROM members ORDER BY user_id').all(),
    ).toEqual(EXPECTED);
    expect(db.prepare('SELECT revoked_at FROM invites').get()).toEqual({ revoked_at: null });
    expect(db.prepare('SELECT COUNT(*) AS n FROM member_removals').get()).toEqual({ n: 0 });
  });

  it('backfills existing members from their profiles on Postgres', async () => {
    const { pool, applied } = await migration.postgresUpgraded(MEMBER_ORG, [
      USERS,
      MEETING,
      MEMBERS,
      INVITE,
    ]);
    expect(applied).toContain(MEMBER_ORG);
    const { rows } = await pool.query(
      'SELECT user_id, organisation, org_type FROM members ORDER BY user_id',
    );
    expect(rows).toEqual(EXPECTED);
    expect((await pool.query('SELECT revoked_at FROM invites')).rows).toEqual([
      { revoked_at: null },
    ]);
  });
});
