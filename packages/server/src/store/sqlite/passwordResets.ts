import type { Database } from 'better-sqlite3';
import type { PasswordResetOutcome, PasswordResetRow, PasswordResetStore } from '../Store.js';
import { RESET_ROW_KEEP_MS, toPasswordReset, type PasswordResetRecord } from '../records.js';

/**
 * Password-reset links on SQLite. `redeem` runs in one `db.transaction`
 * (SQLite serializes writers), so a link is used exactly once.
 */
export function createSqlitePasswordResetStore(db: Database): PasswordResetStore {
  const insert = db.prepare<Omit<PasswordResetRow, 'usedAt'>>(
    `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at)
     VALUES (@tokenHash, @userId, @createdAt, @expiresAt, NULL)`,
  );
  const prune = db.prepare<[string, number]>(
    'DELETE FROM password_resets WHERE user_id = ? AND expires_at <= ?',
  );
  const byHash = db.prepare<[string], PasswordResetRecord>(
    'SELECT * FROM password_resets WHERE token_hash = ?',
  );
  const setPassword = db.prepare<[string, string]>(
    'UPDATE users SET password_hash = ? WHERE id = ?',
  );
  const spendAll = db.prepare<[number, string]>(
    'UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL',
  );
  const endSessions = db.prepare<[string], { id: string }>(
    'DELETE FROM sessions WHERE user_id = ? RETURNING id',
  );

  const create = db.transaction((row: Omit<PasswordResetRow, 'usedAt'>) => {
    prune.run(row.userId, row.createdAt - RESET_ROW_KEEP_MS);
    insert.run(row);
  });
  const redeem = db.transaction(
    (tokenHash: string, passwordHash: string, now: number): PasswordResetOutcome => {
      const r = byHash.get(tokenHash);
      if (!r) return { ok: false, reason: 'unknown' };
      if (r.used_at !== null) return { ok: false, reason: 'used' };
      if (r.expires_at <= now) return { ok: false, reason: 'expired' };
      setPassword.run(passwordHash, r.user_id);
      spendAll.run(now, r.user_id);
      const endedSessions = endSessions.all(r.user_id).map((s) => s.id);
      return { ok: true, userId: r.user_id, endedSessions };
    },
  );

  return {
    async create(row) {
      create(row);
    },
    async byHash(tokenHash) {
      const r = byHash.get(tokenHash);
      return r ? toPasswordReset(r) : null;
    },
    async redeem(tokenHash, passwordHash, now) {
      return redeem(tokenHash, passwordHash, now);
    },
  };
}
