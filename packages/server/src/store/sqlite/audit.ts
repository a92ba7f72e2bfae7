import type { Database } from 'better-sqlite3';
import type { AuditRow, AuditStore } from '../Store.js';

interface AuditRecord {
  id: number;
  meeting_id: string;
  user_id: string | null;
  action: string;
  payload: string;
  result: string;
  at: number;
}

/** Default and largest page of {@link AuditStore.list}, so one call stays bounded. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** The audit log on SQLite: append-only, listed newest first. */
export function createSqliteAuditStore(db: Database): AuditStore {
  const insert = db.prepare(
    'INSERT INTO audit (meeting_id, user_id, action, payload, result, at) VALUES (@meetingId, @userId, @action, @payload, @result, @at)',
  );
  const list = db.prepare<[string, number, number], AuditRecord>(
    'SELECT * FROM audit WHERE meeting_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
  );
  return {
    async add(row) {
      insert.run(row);
    },
    async list(meetingId, opts = {}) {
      const limit = Math.min(Math.max(1, opts.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
      const before = opts.beforeId ?? Number.MAX_SAFE_INTEGER;
      return list.all(meetingId, before, limit).map((r): AuditRow => ({
        id: r.id,
        meetingId: r.meeting_id,
        userId: r.user_id,
        action: r.action,
        payload: r.payload,
        result: r.result,
        at: r.at,
      }));
    },
  };
}
