import type { Pool } from 'pg';
import { DuplicateEmailError, type AccountStore } from '../Store.js';
import { toSession, toUser, type SessionRecord, type UserRecord } from '../records.js';
import { isUniqueViolation } from './errors.js';
import { withTransaction } from './transaction.js';

/** Users and sessions on Postgres. The schema must already be migrated. */
export function createPostgresAccountStore(pool: Pool): AccountStore {
  return {
    async createUser(u) {
      try {
        await pool.query(
          `INSERT INTO users (id, email, password_hash, name, organisation, org_type, language, gender, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            u.id,
            u.email,
            u.passwordHash,
            u.name,
            u.organisation,
            u.orgType,
            u.language,
            u.gender,
            u.createdAt,
          ],
        );
      } catch (err) {
        if (isUniqueViolation(err, 'users_email_key')) throw new DuplicateEmailError();
        throw err;
      }
    },
    async userByEmail(email) {
      const { rows } = await pool.query<UserRecord>('SELECT * FROM users WHERE email = $1', [
        email,
      ]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    async userById(id) {
      const { rows } = await pool.query<UserRecord>('SELECT * FROM users WHERE id = $1', [id]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    async updateUser(id, patch) {
      // COALESCE keeps a field that the patch leaves out; gender may be set to null on purpose.
      const { rows } = await pool.query<UserRecord>(
        `UPDATE users SET name = COALESCE($2, name), organisation = COALESCE($3, organisation),
           org_type = COALESCE($4, org_type), language = COALESCE($5, language),
           gender = CASE WHEN $6 THEN $7 ELSE gender END
         WHERE id = $1 RETURNING *`,
        [
          id,
          patch.name ?? null,
          patch.organisation ?? null,
          patch.orgType ?? null,
          patch.language ?? null,
          patch.gender !== undefined,
          patch.gender ?? null,
        ],
      );
      return rows[0] ? toUser(rows[0]) : null;
    },
    async usersByIds(ids) {
      if (ids.length === 0) return [];
      const { rows } = await pool.query<UserRecord>(
        'SELECT * FROM users WHERE id = ANY($1::text[])',
        [ids],
      );
      return rows.map(toUser);
    },
    async createSession(s) {
      await pool.query(
        `INSERT INTO sessions (id, user_id, expires_at, created_at, last_used_at, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          s.id,
          s.userId,
          s.expiresAt,
          s.createdAt,
          s.lastUsedAt ?? s.createdAt,
          s.userAgent ?? null,
        ],
      );
    },
    async sessionsOfUser(userId) {
      const { rows } = await pool.query<SessionRecord>(
        'SELECT * FROM sessions WHERE user_id = $1 ORDER BY last_used_at DESC, created_at DESC, id COLLATE "C"',
        [userId],
      );
      return rows.map(toSession);
    },
    async touchSession(id, at) {
      await pool.query('UPDATE sessions SET last_used_at = $1 WHERE id = $2', [at, id]);
    },
    async changePassword(userId, passwordHash, keepSessionId) {
      return withTransaction(pool, async (client) => {
        const updated = await client.query('UPDATE users SET password_hash = $1 WHERE id = $2', [
          passwordHash,
          userId,
        ]);
        if (updated.rowCount === 0) return null;
        const { rows } = await client.query<{ id: string }>(
          'DELETE FROM sessions WHERE user_id = $1 AND id <> $2 RETURNING id',
          [userId, keepSessionId],
        );
        return rows.map((r) => r.id);
      });
    },
    async sessionById(id) {
      const { rows } = await pool.query<SessionRecord>('SELECT * FROM sessions WHERE id = $1', [
        id,
      ]);
      return rows[0] ? toSession(rows[0]) : null;
    },
    async updateSessionExpiry(id, expiresAt) {
      await pool.query('UPDATE sessions SET expires_at = $1 WHERE id = $2', [expiresAt, id]);
    },
    async deleteSession(id) {
      await pool.query('DELETE FROM sessions WHERE id = $1', [id]);
    },
    async deleteUserSessions(userId) {
      const { rows } = await pool.query<{ id: string }>(
        'DELETE FROM sessions WHERE user_id = $1 RETURNING id',
        [userId],
      );
      return rows.map((r) => r.id);
    },
    async deleteExpiredSessions(now) {
      await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    },
  };
}
