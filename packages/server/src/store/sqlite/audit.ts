import type { Database } from 'better-sqlite3';
import type { AuditListOptions, AuditStore } from '../Store.js';
import { auditActionFilter } from '../auditFilter.js';
import { AUDIT_COLUMNS, toAuditRow, type AuditRecord } from '../records.js';

/** Default and largest page of {@link AuditStore.list}, so one call stays bounded. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** The audit log on SQLite: append-only, listed newest first. */
export function createSqliteAuditStore(db: Database): AuditStore {
  const insert = db.prepare(
    'INSERT INTO audit (meeting_id, user_id, action, payload, result, at, count) VALUES (@meetingId, @userId, @action, @payload, @result, @at, @count)',
  );
  // The partial unique index (migration 4) is the fold: one row per member, action, result and bucket.
  const fold = db.prepare(
    `INSERT INTO audit (meeting_id, user_id, action, payload, result, at, count, bucket)
     VALUES (@meetingId, @userId, @action, @payload, @result, @at, @count, @bucket)
     ON CONFLICT (meeting_id, user_id, action, result, bucket) WHERE bucket IS NOT NULL
     DO UPDATE SET count = count + excluded.count`,
  );
  /** One statement per combination of filters, prepared on first use. */
  const lists = new Map<string, ReturnType<typeof db.prepare<unknown[], AuditRecord>>>();
  const listStatement = (opts: AuditListOptions) => {
    const action =
      opts.action === undefined
        ? ''
        : auditActionFilter(opts.action).exact
          ? ' AND action = ?'
          : " AND action LIKE ? ESCAPE '\\'";
    const user = opts.userId === undefined ? '' : ' AND user_id = ?';
    const result = opts.result === undefined ? '' : ' AND result = ?';
    const sql = `SELECT ${AUDIT_COLUMNS} FROM audit WHERE meeting_id = ? AND id < ?${action}${user}${result} ORDER BY id DESC LIMIT ?`;
    let stmt = lists.get(sql);
    if (!stmt) lists.set(sql, (stmt = db.prepare<unknown[], AuditRecord>(sql)));
    return stmt;
  };
  return {
    async add(row) {
      insert.run({ ...row, count: row.count ?? 1 });
    },
    async addRefused(row, windowMs) {
      fold.run({ ...row, count: row.count ?? 1, bucket: Math.floor(row.at / windowMs) });
    },
    async list(meetingId, opts = {}) {
      const limit = Math.min(Math.max(1, opts.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
      const before = opts.beforeId ?? Number.MAX_SAFE_INTEGER;
      const params: unknown[] = [meetingId, before];
      if (opts.action !== undefined) params.push(auditActionFilter(opts.action).value);
      if (opts.userId !== undefined) params.push(opts.userId);
      if (opts.result !== undefined) params.push(opts.result);
      params.push(limit);
      return listStatement(opts)
        .all(...params)
        .map(toAuditRow);
    },
  };
}
