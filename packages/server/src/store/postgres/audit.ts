import type { Pool } from 'pg';
import type { AuditStore } from '../Store.js';
import { auditActionFilter } from '../auditFilter.js';
import { AUDIT_COLUMNS, toAuditRow, type AuditRecord } from '../records.js';

/** Default and largest page of {@link AuditStore.list}, as on SQLite. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** The audit log on Postgres: append-only, listed newest first. */
export function createPostgresAuditStore(pool: Pool): AuditStore {
  return {
    async add(row) {
      await pool.query(
        'INSERT INTO audit (meeting_id, user_id, action, payload, result, at, count) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [row.meetingId, row.userId, row.action, row.payload, row.result, row.at, row.count ?? 1],
      );
    },
    async addRefused(row, windowMs) {
      // The partial unique index (migration 4) is the fold: one row per member, action, result and bucket.
      await pool.query(
        `INSERT INTO audit (meeting_id, user_id, action, payload, result, at, count, bucket)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (meeting_id, user_id, action, result, bucket) WHERE bucket IS NOT NULL
         DO UPDATE SET count = audit.count + EXCLUDED.count`,
        [
          row.meetingId,
          row.userId,
          row.action,
          row.payload,
          row.result,
          row.at,
          row.count ?? 1,
          Math.floor(row.at / windowMs),
        ],
      );
    },
    async list(meetingId, opts = {}) {
      const limit = Math.min(Math.max(1, Math.floor(opts.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
      const before = opts.beforeId ?? Number.MAX_SAFE_INTEGER;
      const params: unknown[] = [meetingId, before];
      let where = 'meeting_id = $1 AND id < $2';
      if (opts.action !== undefined) {
        const filter = auditActionFilter(opts.action);
        params.push(filter.value);
        where += filter.exact
          ? ` AND action = $${params.length}`
          : ` AND action LIKE $${params.length} ESCAPE '\\'`;
      }
      if (opts.userId !== undefined) {
        params.push(opts.userId);
        where += ` AND user_id = $${params.length}`;
      }
      if (opts.result !== undefined) {
        params.push(opts.result);
        where += ` AND result = $${params.length}`;
      }
      params.push(limit);
      const { rows } = await pool.query<AuditRecord>(
        `SELECT ${AUDIT_COLUMNS} FROM audit WHERE ${where} ORDER BY id DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map(toAuditRow);
    },
  };
}
