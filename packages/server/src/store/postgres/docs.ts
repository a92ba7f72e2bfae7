import type { Pool } from 'pg';
import type { ClientBinding, DocStore, StoredDoc } from '../Store.js';
import { withTransaction } from './transaction.js';
import { insertAttributions, loadAttributions } from './attribution.js';

/**
 * First key of the two-key advisory locks that serialize appends per meeting
 * (the second is the hash of the meeting id). Two-key locks never collide
 * with one-key locks such as the migration lock; other users of two-key
 * locks must pick another first key.
 */
export const DOC_APPEND_LOCK = 0x6b656e; // 'ken'

/**
 * A Buffer from pg as a plain `Uint8Array` owning its memory. Small Buffers
 * are slices of Node's shared allocation pool, so those are copied (as the
 * SQLite store does); large ones own their ArrayBuffer and are only re-viewed.
 */
function toBytes(buf: Buffer): Uint8Array {
  if (buf.byteOffset === 0 && buf.buffer.byteLength === buf.byteLength)
    return new Uint8Array(buf.buffer);
  return new Uint8Array(buf);
}

/**
 * Meeting documents on Postgres: the append-only `doc_updates` log and one
 * `doc_snapshots` row per compacted meeting.
 *
 * Appends to one meeting take a transaction-level advisory lock before
 * drawing sequence numbers, so within a meeting seq order is commit order
 * even with several processes: whatever a load saw, anything committed later
 * has a larger seq, and a compaction through a loaded seq never skips a row.
 */
export function createPostgresDocStore(pool: Pool, now: () => number = Date.now): DocStore {
  return {
    async load(meetingId) {
      // One statement, hence one MVCC snapshot: a compaction committing in
      // between cannot make us miss the updates it folded in.
      const { rows } = await pool.query<{ kind: number; seq: number; data: Buffer }>(
        `SELECT 0 AS kind, through_seq AS seq, data FROM doc_snapshots WHERE meeting_id = $1
         UNION ALL
         SELECT 1 AS kind, seq, data FROM doc_updates WHERE meeting_id = $1
         ORDER BY kind, seq`,
        [meetingId],
      );
      const doc: StoredDoc = { snapshot: null, updates: [], lastSeq: 0, logBytes: 0 };
      for (const row of rows) {
        if (row.kind === 0) doc.snapshot = toBytes(row.data);
        else {
          doc.updates.push(toBytes(row.data));
          doc.logBytes += row.data.byteLength;
        }
        doc.lastSeq = Math.max(doc.lastSeq, row.seq);
      }
      return doc;
    },

    async loadSince(meetingId, afterSeq) {
      // One statement (one MVCC snapshot), as in load(): the snapshot row is
      // wanted only when it covers more than the caller has.
      const { rows } = await pool.query<{ kind: number; seq: number; data: Buffer }>(
        `WITH snap AS (SELECT through_seq, data FROM doc_snapshots WHERE meeting_id = $1 AND through_seq > $2)
         SELECT 0 AS kind, through_seq AS seq, data FROM snap
         UNION ALL
         SELECT 1 AS kind, seq, data FROM doc_updates
           WHERE meeting_id = $1 AND seq > GREATEST($2, COALESCE((SELECT through_seq FROM snap), 0))
         ORDER BY kind, seq`,
        [meetingId, afterSeq],
      );
      const doc: StoredDoc = { snapshot: null, updates: [], lastSeq: afterSeq, logBytes: 0 };
      for (const row of rows) {
        if (row.kind === 0) doc.snapshot = toBytes(row.data);
        else {
          doc.updates.push(toBytes(row.data));
          doc.logBytes += row.data.byteLength;
        }
        doc.lastSeq = Math.max(doc.lastSeq, row.seq);
      }
      return doc;
    },

    async append(meetingId, updates, moved = []) {
      if (updates.length === 0) {
        const { rows } = await pool.query<{ seq: number }>(
          `SELECT GREATEST(
             (SELECT max(seq) FROM doc_updates WHERE meeting_id = $1),
             (SELECT through_seq FROM doc_snapshots WHERE meeting_id = $1),
             0)::bigint AS seq`,
          [meetingId],
        );
        return rows[0]?.seq ?? 0;
      }
      return withTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
          DOC_APPEND_LOCK,
          meetingId,
        ]);
        // WITH ORDINALITY + ORDER BY: sequence numbers follow the array order.
        const { rows } = await client.query<{ seq: number }>(
          `INSERT INTO doc_updates (meeting_id, data)
           SELECT $1, u.data FROM unnest($2::bytea[]) WITH ORDINALITY AS u(data, n) ORDER BY u.n
           RETURNING seq`,
          [meetingId, updates],
        );
        let last = 0;
        for (const r of rows) last = Math.max(last, r.seq);
        await insertAttributions(client, meetingId, moved);
        return last;
      });
    },

    async compact(meetingId, snapshot, throughSeq) {
      await withTransaction(pool, async (client) => {
        // A slower compactor (another process) must not replace a snapshot
        // that already covers more: the updates it folded in are gone. The
        // upsert's row lock makes concurrent compactions of one meeting queue.
        const stored = await client.query(
          `INSERT INTO doc_snapshots (meeting_id, data, through_seq, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (meeting_id) DO UPDATE
             SET data = excluded.data, through_seq = excluded.through_seq, updated_at = excluded.updated_at
             WHERE doc_snapshots.through_seq <= excluded.through_seq
           RETURNING 1`,
          [meetingId, snapshot, throughSeq, now()],
        );
        if (stored.rowCount === 0) {
          throw new Error(
            `stale compaction for ${meetingId}: a stored snapshot already covers more than ${throughSeq}`,
          );
        }
        await client.query('DELETE FROM doc_updates WHERE meeting_id = $1 AND seq <= $2', [
          meetingId,
          throughSeq,
        ]);
      });
    },

    async loadBindings(meetingId) {
      const { rows } = await pool.query<{ client_id: number; user_id: string }>(
        'SELECT client_id, user_id FROM client_bindings WHERE meeting_id = $1 ORDER BY client_id',
        [meetingId],
      );
      return rows.map((r): ClientBinding => ({ clientId: r.client_id, userId: r.user_id }));
    },

    async bindClients(meetingId, clientIds, userId) {
      if (clientIds.length === 0) return;
      // DO NOTHING: a client id keeps its first owner, whoever races for it.
      await pool.query(
        `INSERT INTO client_bindings (meeting_id, client_id, user_id, bound_at)
         SELECT $1, c, $3, $4 FROM unnest($2::bigint[]) AS c
         ON CONFLICT (meeting_id, client_id) DO NOTHING`,
        [meetingId, clientIds, userId, now()],
      );
    },

    loadAttributions(meetingId, clientIds) {
      return loadAttributions(pool, meetingId, clientIds);
    },
  };
}
