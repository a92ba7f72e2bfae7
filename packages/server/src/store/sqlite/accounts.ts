import type { Database } from 'better-sqlite3';
import { DuplicateEmailError, type AccountStore } from '../Store.js';
import { toSession, toUser, type SessionRecord, type UserRecord } from '../records.js';

/**
 * Users and sessions on SQLite. `db` must already be migrated. Calls are
 * synchronous underneath; they return promises to honour the Store contract
 * that Postgres shares.
 */
export function createSqliteAccountStore(db: Database): AccountStore {
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, password_hash, name, organisation, org_type, language, gender, created_at)
     VALUES (@id, @email, @passwordHash, @name, @organisation, @orgType, @language, @gender, @createdAt)`,
  );
  const byEmail = db.prepare<[string], UserRecord>('SELECT * FROM users WHERE email = ?');
  const byId = db.prepare<[string], UserRecord>('SELECT * FROM users WHERE id = ?');
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, user_id, expires_at, created_at, last_used_at, user_agent)
     VALUES (@id, @userId, @expiresAt, @createdAt, @lastUsedAt, @userAgent)`,
  );
  const sessionById = db.prepare<[string], SessionRecord>('SELECT * FROM sessions WHERE id = ?');
  const sessionsOfUser = db.prepare<[string], SessionRecord>(
    'SELECT * FROM sessions WHERE user_id = ? ORDER BY last_used_at DESC, created_at DESC, id',
  );
  const setExpiry = db.prepare<[number, string]>('UPDATE sessions SET expires_at = ? WHERE id = ?');
  const touch = db.prepare<[number, string]>('UPDATE sessions SET last_used_at = ? WHERE id = ?');
  const setPassword = db.prepare<[string, string]>(
    'UPDATE users SET password_hash = ? WHERE id = ?',
  );
  const deleteOtherSessions = db.prepare<[string, string], { id: string }>(
    'DELETE FROM sessions WHERE user_id = ? AND id <> ? RETURNING id',
  );
  const changePassword = db.transaction(
    (userId: string, hash: string, keep: string): string[] | null => {
      if (setPassword.run(hash, userId).changes === 0) return null;
      return deleteOtherSessions.all(userId, keep).map((r) => r.id);
    },
  );
  const deleteSession = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
  const deleteUserSessions = db.prepare<[string], { id: string }>(
    'DELETE FROM sessions WHERE user_id = ? RETURNING id',
  );
  // json_each keeps one prepared statement for any number of ids.
  const byIds = db.prepare<[string], UserRecord>(
    'SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))',
  );
  const updateUser = db.prepare(
    `UPDATE users SET name = COALESCE(@name, name), organisation = COALESCE(@organisation, organisation),
       org_type = COALESCE(@orgType, org_type), language = COALESCE(@language, language),
       gender = CASE WHEN @setGender = 1 THEN @gender ELSE gender END
     WHERE id = @id`,
  );
  const deleteExpired = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');

  return {
    async createUser(user) {
      try {
        insertUser.run(user);
      } catch (err) {
        if (isUniqueViolation(err)) throw new DuplicateEmailError();
        throw err;
      }
    },
    async userByEmail(email) {
      const r = byEmail.get(email);
      return r ? toUser(r) : null;
    },
    async userById(id) {
      const r = byId.get(id);
      return r ? toUser(r) : null;
    },
    async updateUser(id, patch) {
      // COALESCE keeps a field that the patch leaves out; gender may be set to null on purpose.
      updateUser.run({
        id,
        name: patch.name ?? null,
        organisation: patch.organisation ?? null,
        orgType: patch.orgType ?? null,
        language: patch.language ?? null,
        setGender: patch.gender === undefined ? 0 : 1,
        gender: patch.gender ?? null,
      });
      const r = byId.get(id);
      return r ? toUser(r) : null;
    },
    async usersByIds(ids) {
      if (ids.length === 0) return [];
      return byIds.all(JSON.stringify(ids)).map(toUser);
    },
    async createSession(session) {
      insertSession.run({
        lastUsedAt: session.createdAt,
        userAgent: null,
        ...session,
      });
    },
    async sessionById(id) {
      const r = sessionById.get(id);
      return r ? toSession(r) : null;
    },
    async sessionsOfUser(userId) {
      return sessionsOfUser.all(userId).map(toSession);
    },
    async updateSessionExpiry(id, expiresAt) {
      setExpiry.run(expiresAt, id);
    },
    async touchSession(id, at) {
      touch.run(at, id);
    },
    async changePassword(userId, passwordHash, keepSessionId) {
      return changePassword(userId, passwordHash, keepSessionId);
    },
    async deleteSession(id) {
      deleteSession.run(id);
    },
    async deleteUserSessions(userId) {
      return deleteUserSessions.all(userId).map((r) => r.id);
    },
    async deleteExpiredSessions(now) {
      deleteExpired.run(now);
    },
  };
}

function isUniqueViolation(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
