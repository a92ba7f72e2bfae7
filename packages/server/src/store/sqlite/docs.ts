import type { Database } from 'better-sqlite3';
import {
  StaleCompactionError,
  type AppendEntry,
  type Appended,
  type ClientBinding,
  type DocStore,
  type StoredDoc,
} from '../Store.js';
import { admitBindings, admittedEntries, requestedClientIds } from '../admitBindings.js';
import { createSqliteAttributions } from './attribution.js';

interface SnapshotRecord {
  data: Buffer;
  through_seq: number;
}
interface UpdateRecord {
  seq: number;
  data: Buffer;
}

/** Buffers from better-sqlite3 are views on a shared pool: copy to a plain Uint8Array. */
function bytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/**
 * The SQLite document store: an append-only `doc_updates` log (global
 * AUTOINCREMENT seq, so seqs only grow) and one `doc_snapshots` row per
 * meeting. better-sqlite3 is synchronous; the methods are `async` so a thrown
 * error becomes a rejection, as the interface promises.
 */
export function createSqliteDocStore(db: Database, now: () => number = Date.now): DocStore {
  const snapshotOf = db.prepare<[string], SnapshotRecord>(
    'SELECT data, through_seq FROM doc_snapshots WHERE meeting_id = ?',
  );
  const updatesAfter = db.prepare<[string, number], UpdateRecord>(
    'SELECT seq, data FROM doc_updates WHERE meeting_id = ? AND seq > ? ORDER BY seq',
  );
  const lastSeqOf = db.prepare<[string], { seq: number | null }>(
    'SELECT MAX(seq) AS seq FROM doc_updates WHERE meeting_id = ?',
  );
  const insertUpdate = db.prepare<[string, Buffer]>(
    'INSERT INTO doc_updates (meeting_id, data) VALUES (?, ?)',
  );
  const upsertSnapshot = db.prepare<[string, Buffer, number, number]>(
    `INSERT INTO doc_snapshots (meeting_id, data, through_seq, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (meeting_id) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq, updated_at = excluded.updated_at`,
  );
  const deleteThrough = db.prepare<[string, number]>(
    'DELETE FROM doc_updates WHERE meeting_id = ? AND seq <= ?',
  );
  const bindingsOf = db.prepare<[string], { client_id: number; user_id: string }>(
    'SELECT client_id, user_id FROM client_bindings WHERE meeting_id = ? ORDER BY client_id',
  );
  const insertBinding = db.prepare<[string, number, string, number]>(
    'INSERT OR IGNORE INTO client_bindings (meeting_id, client_id, user_id, bound_at) VALUES (?, ?, ?, ?)',
  );
  const bindingsAmong = db.prepare<[string, string], { client_id: number; user_id: string }>(
    `SELECT client_id, user_id FROM client_bindings
     WHERE meeting_id = ? AND client_id IN (SELECT value FROM json_each(?))`,
  );

  // One read transaction so the snapshot and the tail are from the same instant.
  const loadTx = db.transaction((meetingId: string): StoredDoc => {
    const snap = snapshotOf.get(meetingId);
    const throughSeq = snap?.through_seq ?? 0;
    const rows = updatesAfter.all(meetingId, throughSeq);
    let logBytes = 0;
    for (const r of rows) logBytes += r.data.byteLength;
    const last = rows.length > 0 ? rows[rows.length - 1]!.seq : throughSeq;
    return {
      snapshot: snap ? bytes(snap.data) : null,
      updates: rows.map((r) => bytes(r.data)),
      lastSeq: last,
      logBytes,
    };
  });

  const loadSinceTx = db.transaction(
    (meetingId: string, afterSeq: number, known?: ReadonlySet<number>): StoredDoc => {
      const snap = snapshotOf.get(meetingId);
      // The snapshot matters only when a compaction folded in updates the caller lacks.
      const useSnap = snap !== undefined && snap.through_seq > afterSeq;
      const from = useSnap ? snap.through_seq : afterSeq;
      const all = updatesAfter.all(meetingId, from);
      // Local rows cost nothing to read: the ones the caller holds are dropped here.
      const rows = useSnap || !known ? all : all.filter((r) => !known.has(r.seq));
      let logBytes = 0;
      for (const r of rows) logBytes += r.data.byteLength;
      return {
        snapshot: useSnap ? bytes(snap.data) : null,
        updates: rows.map((r) => bytes(r.data)),
        lastSeq: all.length > 0 ? all[all.length - 1]!.seq : from,
        logBytes,
      };
    },
  );

  const attributions = createSqliteAttributions(db);

  const appendTx = db.transaction(
    (meetingId: string, entries: readonly AppendEntry[]): Appended => {
      const requested = requestedClientIds(entries);
      const bound = new Map<number, string>();
      if (requested.length > 0)
        for (const r of bindingsAmong.all(meetingId, JSON.stringify(requested)))
          bound.set(r.client_id, r.user_id);
      const { refused, bind } = admitBindings(entries, bound);
      const at = now();
      for (const b of bind) insertBinding.run(meetingId, b.clientId, b.userId, at);
      let last = 0;
      const seqs: number[] = [];
      for (const e of admittedEntries(entries, refused)) {
        const u = e.update;
        last = Number(
          insertUpdate.run(meetingId, Buffer.from(u.buffer, u.byteOffset, u.byteLength))
            .lastInsertRowid,
        );
        seqs.push(last);
        attributions.insert(meetingId, e.attributions ?? []);
      }
      if (last === 0) {
        const snap = snapshotOf.get(meetingId);
        last = Math.max(lastSeqOf.get(meetingId)?.seq ?? 0, snap?.through_seq ?? 0);
      }
      return { lastSeq: last, seqs, refused };
    },
  );

  const compactTx = db.transaction(
    (meetingId: string, snapshot: Uint8Array, throughSeq: number): void => {
      const current = snapshotOf.get(meetingId);
      if (current && current.through_seq > throughSeq) {
        // A newer snapshot already covers more: storing this one would lose updates.
        throw new StaleCompactionError(meetingId, throughSeq);
      }
      upsertSnapshot.run(
        meetingId,
        Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength),
        throughSeq,
        now(),
      );
      deleteThrough.run(meetingId, throughSeq);
    },
  );

  const bindTx = db.transaction(
    (meetingId: string, clientIds: readonly number[], userId: string): void => {
      const at = now();
      for (const id of clientIds) insertBinding.run(meetingId, id, userId, at);
    },
  );

  return {
    async load(meetingId) {
      return loadTx(meetingId);
    },
    async loadSince(meetingId, afterSeq, known) {
      return loadSinceTx(meetingId, afterSeq, known);
    },
    async append(meetingId, entries) {
      return appendTx(meetingId, entries);
    },
    async compact(meetingId, snapshot, throughSeq) {
      compactTx(meetingId, snapshot, throughSeq);
    },
    async loadBindings(meetingId): Promise<ClientBinding[]> {
      return bindingsOf.all(meetingId).map((r) => ({ clientId: r.client_id, userId: r.user_id }));
    },
    async bindClients(meetingId, clientIds, userId) {
      if (clientIds.length > 0) bindTx(meetingId, clientIds, userId);
    },
    async loadAttributions(meetingId, clientIds) {
      return attributions.load(meetingId, clientIds);
    },
  };
}
