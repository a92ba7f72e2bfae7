import type { Pool } from 'pg';
import type { VersionRow, VersionStore } from '../Store.js';
import { toVersionMeta as meta, type VersionMetaRecord, type VersionRecord } from '../records.js';

/**
 * Named versions on Postgres (`versions` table of migration 1). Ties on
 * `created_at` order by id in byte order (`COLLATE "C"`), as SQLite's binary
 * collation does, so both backends list alike. Listing never reads the
 * snapshot column.
 */
export function createPostgresVersionStore(pool: Pool): VersionStore {
  return {
    async save(row) {
      await pool.query(
        'INSERT INTO versions (id, meeting_id, label, kind, snapshot, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [row.id, row.meetingId, row.label, row.kind, row.snapshot, row.createdBy, row.createdAt],
      );
    },
    async list(meetingId) {
      const { rows } = await pool.query<VersionMetaRecord>(
        `SELECT id, meeting_id, label, kind, created_by, created_at FROM versions
         WHERE meeting_id = $1 ORDER BY created_at DESC, id COLLATE "C" DESC`,
        [meetingId],
      );
      return rows.map(meta);
    },
    async get(meetingId, id): Promise<VersionRow | null> {
      const { rows } = await pool.query<VersionRecord>(
        'SELECT * FROM versions WHERE meeting_id = $1 AND id = $2',
        [meetingId, id],
      );
      const r = rows[0];
      if (!r) return null;
      // A pg Buffer may be a slice of Node's shared pool: copy into a Uint8Array of its own.
      return { ...meta(r), snapshot: new Uint8Array(r.snapshot) };
    },
  };
}
