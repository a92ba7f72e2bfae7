import type { Pool } from 'pg';
import type { PasswordResetStore } from '../Store.js';
import { RESET_ROW_KEEP_MS, toPasswordReset, type PasswordResetRecord } from '../records.js';
import { withTransaction } from './transaction.js';

/**
 * Password-reset links on Postgres. `redeem` locks the link's row
 * (`FOR UPDATE`) inside one transaction, so two requests with the same link
 * cannot both use it.
 */
export function createPostgresPasswordResetStore(pool: Pool): PasswordResetStore {
  return {
    async create(row) {
      await withTransaction(pool, async (client) => {
        await client.query('DELETE FROM password_resets WHERE user_id = $1 AND expires_at <= $2', [
          row.userId,
          row.createdAt - RESET_ROW_KEEP_MS,
        ]);
        await client.query(
          `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at)
           VALUES ($1, $2, $3, $4, NULL)`,
          [row.tokenHash, row.userId, row.createdAt, row.expiresAt],
        );
      });
    },
    async byHash(tokenHash) {
      const { rows } = await pool.query<PasswordResetRecord>(
        'SELECT * FROM password_resets WHERE token_hash = $1',
        [tokenHash],
      );
      return rows[0] ? toPasswordReset(rows[0]) : null;
    },
    redeem(tokenHash, passwordHash, now) {
      return withTransaction(pool, async (client) => {
        const { rows } = await client.query<PasswordResetRecord>(
          'SELECT * FROM password_resets WHERE token_hash = $1 FOR UPDATE',
          [tokenHash],
        );
        const r = rows[0];
        if (!r) return { ok: false, reason: 'unknown' } as const;
        if (r.used_at !== null) return { ok: false, reason: 'used' } as const;
        if (r.expires_at <= now) return { ok: false, reason: 'expired' } as const;
        await client.query('UPDATE users SET password_hash = $1 WHERE id = $2', [
          passwordHash,
          r.user_id,
        ]);
        await client.query(
          'UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL',
          [now, r.user_id],
        );
        const ended = await client.query<{ id: string }>(
          'DELETE FROM sessions WHERE user_id = $1 RETURNING id',
          [r.user_id],
        );
        return { ok: true, userId: r.user_id, endedSessions: ended.rows.map((s) => s.id) } as const;
      });
    },
  };
}
