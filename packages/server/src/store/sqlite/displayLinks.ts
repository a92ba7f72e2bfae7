import type { Database } from 'better-sqlite3';
import type { DisplayLinkStore, NewDisplayLink } from '../DisplayLinkStore.js';
import { toDisplayLink, type DisplayLinkRecord } from '../displayLinkRecord.js';

/**
 * Hall display links on SQLite (migration 8). The live-link limit is counted
 * and the row inserted in one `db.transaction`, which SQLite serialises.
 */
export function createSqliteDisplayLinkStore(db: Database): DisplayLinkStore {
  const countLive = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM display_links WHERE meeting_id = ? AND revoked_at IS NULL',
  );
  const insert = db.prepare<NewDisplayLink>(
    `INSERT INTO display_links (token_hash, meeting_id, label, created_by, created_at)
     VALUES (@tokenHash, @meetingId, @label, @createdBy, @createdAt)`,
  );
  const byHash = db.prepare<[string], DisplayLinkRecord>(
    'SELECT * FROM display_links WHERE token_hash = ?',
  );
  const live = db.prepare<[string], DisplayLinkRecord>(
    `SELECT * FROM display_links WHERE meeting_id = ? AND revoked_at IS NULL
     ORDER BY created_at DESC, token_hash DESC`,
  );
  const ofMeeting = db.prepare<[string, string], DisplayLinkRecord>(
    'SELECT * FROM display_links WHERE meeting_id = ? AND token_hash = ?',
  );
  const revoke = db.prepare<[number, string, string, string]>(
    `UPDATE display_links SET revoked_at = ?, revoked_by = ?
     WHERE meeting_id = ? AND token_hash = ? AND revoked_at IS NULL`,
  );
  const touch = db.prepare<[number, string, number]>(
    `UPDATE display_links SET last_used_at = ?
     WHERE token_hash = ? AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < ?)`,
  );
  const create = db.transaction((link: NewDisplayLink, maxLive: number): boolean => {
    if ((countLive.get(link.meetingId)?.n ?? 0) >= maxLive) return false;
    insert.run(link);
    return true;
  });
  const revokeOnce = db.transaction((meetingId: string, hash: string, at: number, by: string) => {
    const before = ofMeeting.get(meetingId, hash);
    if (before) revoke.run(at, by, meetingId, hash);
    return before ? toDisplayLink(before) : null;
  });
  return {
    async create(link, maxLive) {
      return create.immediate(link, maxLive);
    },
    async byHash(tokenHash) {
      const r = byHash.get(tokenHash);
      return r ? toDisplayLink(r) : null;
    },
    async live(meetingId) {
      return live.all(meetingId).map(toDisplayLink);
    },
    async revoke(meetingId, tokenHash, at, by) {
      return revokeOnce.immediate(meetingId, tokenHash, at, by);
    },
    async touch(tokenHash, at) {
      touch.run(at, tokenHash, at);
    },
  };
}
