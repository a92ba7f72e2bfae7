import type { Pool } from 'pg';
import type { DisplayLinkStore } from '../DisplayLinkStore.js';
import { toDisplayLink, type DisplayLinkRecord } from '../displayLinkRecord.js';
import { withTransaction } from './transaction.js';

/**
 * Hall display links on Postgres (migration 8). Creation locks the meeting's
 * row first, so concurrent creations on one meeting count the live links one
 * after the other and cannot pass the limit together.
 */
export function createPostgresDisplayLinkStore(pool: Pool): DisplayLinkStore {
  return {
    create(link, maxLive) {
      return withTransaction(pool, async (client) => {
        const meeting = await client.query('SELECT 1 FROM meetings WHERE id = $1 FOR UPDATE', [
          link.meetingId,
        ]);
        if (meeting.rowCount === 0) throw new Error(`no meeting ${link.meetingId}`);
        const { rows } = await client.query<{ n: number }>(
          'SELECT COUNT(*)::int AS n FROM display_links WHERE meeting_id = $1 AND revoked_at IS NULL',
          [link.meetingId],
        );
        if ((rows[0]?.n ?? 0) >= maxLive) return false;
        await client.query(
          `INSERT INTO display_links (token_hash, meeting_id, label, created_by, created_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [link.tokenHash, link.meetingId, link.label, link.createdBy, link.createdAt],
        );
        return true;
      });
    },
    async byHash(tokenHash) {
      const { rows } = await pool.query<DisplayLinkRecord>(
        'SELECT * FROM display_links WHERE token_hash = $1',
        [tokenHash],
      );
      return rows[0] ? toDisplayLink(rows[0]) : null;
    },
    async live(meetingId) {
      const { rows } = await pool.query<DisplayLinkRecord>(
        `SELECT * FROM display_links WHERE meeting_id = $1 AND revoked_at IS NULL
         ORDER BY created_at DESC, token_hash COLLATE "C" DESC`,
        [meetingId],
      );
      return rows.map(toDisplayLink);
    },
    async revoke(meetingId, tokenHash, at, by) {
      // The old row comes from the self-join (RETURNING alone shows the new one).
      const { rows } = await pool.query<DisplayLinkRecord>(
        `UPDATE display_links d SET revoked_at = COALESCE(d.revoked_at, $3),
           revoked_by = COALESCE(d.revoked_by, $4)
         FROM display_links old
         WHERE d.meeting_id = $1 AND d.token_hash = $2 AND old.token_hash = d.token_hash
         RETURNING old.*`,
        [meetingId, tokenHash, at, by],
      );
      return rows[0] ? toDisplayLink(rows[0]) : null;
    },
    async touch(tokenHash, at) {
      await pool.query(
        `UPDATE display_links SET last_used_at = $2
         WHERE token_hash = $1 AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < $2)`,
        [tokenHash, at],
      );
    },
  };
}
