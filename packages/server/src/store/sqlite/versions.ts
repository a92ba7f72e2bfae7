import type { Database } from 'better-sqlite3';
import type { VersionRow, VersionStore } from '../Store.js';
import { toVersionMeta as meta, type VersionMetaRecord, type VersionRecord } from '../records.js';

/**
 * Named versions on SQLite (`versions` table of migration 1). Listing never
 * reads the snapshot column, so a long list stays cheap.
 */
export function createSqliteVersionStore(db: Database): VersionStore {
  const insert = db.prepare<[string, string, string, string, Buffer, string | null, number]>(
    'INSERT INTO versions (id, meeting_id, label, kind, snapshot, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const list = db.prepare<[string], VersionMetaRecord>(
    `SELECT id, meeting_id, label, kind, created_by, created_at FROM versions
     WHERE meeting_id = ? ORDER BY created_at DESC, id DESC`,
  );
  const get = db.prepare<[string, string], VersionRecord>(
    'SELECT * FROM versions WHERE meeting_id = ? AND id = ?',
  );
  return {
    async save(row) {
      const s = row.snapshot;
      insert.run(
        row.id,
        row.meetingId,
        row.label,
        row.kind,
        Buffer.from(s.buffer, s.byteOffset, s.byteLength),
        row.createdBy,
        row.createdAt,
      );
    },
    async list(meetingId) {
      return list.all(meetingId).map(meta);
    },
    async get(meetingId, id): Promise<VersionRow | null> {
      const r = get.get(meetingId, id);
      if (!r) return null;
      // better-sqlite3 Buffers may view a shared pool: copy into a Uint8Array of its own.
      return { ...meta(r), snapshot: new Uint8Array(r.snapshot) };
    },
  };
}
