import type { Database } from 'better-sqlite3';
import type { TextAttribution } from '../Store.js';
import { toAttribution, type AttributionRecord } from '../records.js';

/** The `text_attributions` statements of the SQLite document store. */
export interface SqliteAttributions {
  /** Inserts rows; call inside the append transaction. A row already stored keeps its author. */
  insert(meetingId: string, rows: readonly TextAttribution[]): void;
  load(meetingId: string, clientIds?: readonly number[]): TextAttribution[];
}

/**
 * Moved-text attributions on SQLite (see `TextAttribution`). Written by
 * `DocStore.append` in the transaction of the updates they describe.
 */
export function createSqliteAttributions(db: Database): SqliteAttributions {
  const insertRow = db.prepare<[string, number, number, number, string | null]>(
    `INSERT OR IGNORE INTO text_attributions (meeting_id, client_id, clock, length, user_id)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const all = db.prepare<[string], AttributionRecord>(
    `SELECT client_id, clock, length, user_id FROM text_attributions
     WHERE meeting_id = ? ORDER BY client_id, clock`,
  );
  const ofClients = db.prepare<[string, string], AttributionRecord>(
    `SELECT client_id, clock, length, user_id FROM text_attributions
     WHERE meeting_id = ? AND client_id IN (SELECT value FROM json_each(?))
     ORDER BY client_id, clock`,
  );
  return {
    insert(meetingId, rows) {
      for (const r of rows) insertRow.run(meetingId, r.clientId, r.clock, r.length, r.userId);
    },
    load(meetingId, clientIds) {
      const rows =
        clientIds === undefined
          ? all.all(meetingId)
          : clientIds.length === 0
            ? []
            : ofClients.all(meetingId, JSON.stringify(clientIds));
      return rows.map(toAttribution);
    },
  };
}
