import type { Pool, PoolClient } from 'pg';
import {
  StaleCompactionError,
  type AppendEntry,
  type Appended,
  type ClientBinding,
  type DocStore,
  type StoredDoc,
} from '../Store.js';
import { admitBindings, admittedEntries, requestedClientIds } from '../admitBindings.js';
import { withTransaction } from './transaction.js';
import { insertAttributions, loadAttributions } from './attribution.js';

/**
 * First key of the two-key advisory locks that serialize appends and client-id
 * bindings per meeting (the second is the hash of the meeting id). Two-key locks never collide
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

/** A doc from rows of the snapshot (kind 0) and the log (kind 1), in that order. */
function foldRows(
  rows: ReadonlyArray<{ kind: number; seq: number; data: Buffer }>,
  fromSeq: number,
): StoredDoc {
  const doc: StoredDoc = { snapshot: null, updates: [], lastSeq: fromSeq, logBytes: 0 };
  for (const row of rows) {
    if (row.kind === 0) doc.snapshot = toBytes(row.data);
    else {
      doc.updates.push(toBytes(row.data));
      doc.logBytes += row.data.byteLength;
    }
    doc.lastSeq = Math.max(doc.lastSeq, row.seq);
  }
  return doc;
}

/** Takes the meeting's append lock until the transaction ends. */
async function lockAppends(client: PoolClient, meetingId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
    DOC_APPEND_LOCK,
    meetingId,
  ]);
}

/**
 * An append that binds nothing and moves no text (typing by a client whose
 * ids are bound: nearly every append) in one statement, one round trip: the
 * lock is taken before the rows are drawn (the sort consumes the join with
 * it first) and held to the statement's commit, as in the full transaction.
 */
async function appendPlain(
  pool: Pool,
  meetingId: string,
  entries: readonly AppendEntry[],
): Promise<Appended> {
  const { rows } = await pool.query<{ seq: number }>(
    `WITH locked AS (SELECT pg_advisory_xact_lock($1, hashtext($2)))
     INSERT INTO doc_updates (meeting_id, data)
     SELECT $2, u.data FROM locked, unnest($3::bytea[]) WITH ORDINALITY AS u(data, n) ORDER BY u.n
     RETURNING seq`,
    [DOC_APPEND_LOCK, meetingId, entries.map((e) => e.update)],
  );
  const seqs = rows.map((r) => r.seq);
  return { lastSeq: Math.max(0, ...seqs), seqs, refused: [] };
}

/** Where the meeting's log stands: its last seq, or the snapshot's when the log is empty. */
async function lastSeqOf(db: Pool | PoolClient, meetingId: string): Promise<number> {
  const { rows } = await db.query<{ seq: number }>(
    `SELECT GREATEST(
       (SELECT max(seq) FROM doc_updates WHERE meeting_id = $1),
       (SELECT through_seq FROM doc_snapshots WHERE meeting_id = $1),
       0)::bigint AS seq`,
    [meetingId],
  );
  return rows[0]?.seq ?? 0;
}

/**
 * Inserts bindings on a transaction holding the append lock. DO NOTHING: a
 * client id keeps its first owner, whoever races for it.
 */
async function insertBindings(
  client: PoolClient,
  meetingId: string,
  bindings: readonly ClientBinding[],
  at: number,
): Promise<void> {
  if (bindings.length === 0) return;
  await client.query(
    `INSERT INTO client_bindings (meeting_id, client_id, user_id, bound_at)
     SELECT $1, b.c, b.u, $4 FROM unnest($2::bigint[], $3::text[]) AS b(c, u)
     ON CONFLICT (meeting_id, client_id) DO NOTHING`,
    [meetingId, bindings.map((b) => b.clientId), bindings.map((b) => b.userId), at],
  );
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
  /** {@link DocStore.loadSince} without `known`: one statement, one MVCC snapshot. */
  async function loadAllSince(meetingId: string, afterSeq: number): Promise<StoredDoc> {
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
    return foldRows(rows, afterSeq);
  }

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
      return foldRows(rows, 0);
    },

    async loadSince(meetingId, afterSeq, known) {
      if (!known || known.size === 0) return loadAllSince(meetingId, afterSeq);
      // The seqs first (a few bytes a row), then only the data the caller lacks.
      const { rows } = await pool.query<{ kind: number; seq: number }>(
        `SELECT 0 AS kind, through_seq AS seq FROM doc_snapshots WHERE meeting_id = $1 AND through_seq > $2
         UNION ALL
         SELECT 1 AS kind, seq FROM doc_updates WHERE meeting_id = $1 AND seq > $2`,
        [meetingId, afterSeq],
      );
      if (rows.some((r) => r.kind === 0)) return loadAllSince(meetingId, afterSeq);
      let lastSeq = afterSeq;
      const missing: number[] = [];
      for (const r of rows) {
        lastSeq = Math.max(lastSeq, r.seq);
        if (!known.has(r.seq)) missing.push(r.seq);
      }
      const doc: StoredDoc = { snapshot: null, updates: [], lastSeq, logBytes: 0 };
      if (missing.length === 0) return doc;
      const lacking = await pool.query<{ data: Buffer }>(
        'SELECT data FROM doc_updates WHERE meeting_id = $1 AND seq = ANY($2::bigint[]) ORDER BY seq',
        [meetingId, missing],
      );
      // A compaction deleted some meanwhile: what they held is in its snapshot.
      if (lacking.rows.length < missing.length) return loadAllSince(meetingId, afterSeq);
      for (const row of lacking.rows) {
        doc.updates.push(toBytes(row.data));
        doc.logBytes += row.data.byteLength;
      }
      return doc;
    },

    async append(meetingId, entries) {
      if (entries.length === 0)
        return { lastSeq: await lastSeqOf(pool, meetingId), seqs: [], refused: [] };
      if (entries.every((e) => !e.binds?.clientIds.length && !e.attributions?.length))
        return appendPlain(pool, meetingId, entries);
      return withTransaction(pool, async (client) => {
        // The lock also serializes binding writes: what the look-up below finds stays true.
        await lockAppends(client, meetingId);
        const requested = requestedClientIds(entries);
        const bound = new Map<number, string>();
        if (requested.length > 0) {
          const { rows } = await client.query<{ client_id: number; user_id: string }>(
            `SELECT client_id, user_id FROM client_bindings
             WHERE meeting_id = $1 AND client_id = ANY($2::bigint[])`,
            [meetingId, requested],
          );
          for (const r of rows) bound.set(r.client_id, r.user_id);
        }
        const { refused, bind } = admitBindings(entries, bound);
        await insertBindings(client, meetingId, bind, now());
        const kept = admittedEntries(entries, refused);
        if (kept.length === 0)
          return { lastSeq: await lastSeqOf(client, meetingId), seqs: [], refused };
        // WITH ORDINALITY + ORDER BY: sequence numbers follow the array order.
        const { rows } = await client.query<{ seq: number }>(
          `INSERT INTO doc_updates (meeting_id, data)
           SELECT $1, u.data FROM unnest($2::bytea[]) WITH ORDINALITY AS u(data, n) ORDER BY u.n
           RETURNING seq`,
          [meetingId, kept.map((e) => e.update)],
        );
        // RETURNING gives the rows in insert order (the array's, by the ORDER BY).
        const seqs = rows.map((r) => r.seq);
        const last = Math.max(0, ...seqs);
        await insertAttributions(
          client,
          meetingId,
          kept.flatMap((e) => e.attributions ?? []),
        );
        return { lastSeq: last, seqs, refused };
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
          throw new StaleCompactionError(meetingId, throughSeq);
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
      const at = now();
      await withTransaction(pool, async (client) => {
        await lockAppends(client, meetingId);
        await insertBindings(
          client,
          meetingId,
          clientIds.map((clientId) => ({ clientId, userId })),
          at,
        );
      });
    },

    loadAttributions(meetingId, clientIds) {
      return loadAttributions(pool, meetingId, clientIds);
    },
  };
}
