import type { Pool, PoolClient } from 'pg';
import type { Role } from '@kenes/shared';
import type { InviteRow, MeetingStore, MemberChange, MemberRow } from '../Store.js';
import {
  toInvite,
  toMeeting,
  toMember,
  type InviteRecord,
  type MeetingRecord,
  type MemberRecord,
} from '../records.js';
import { withTransaction } from './transaction.js';

// Text ties are broken with COLLATE "C" (byte order), as SQLite does, so both
// backends list in the same order whatever the database's locale.
const UPSERT_MEMBER = `INSERT INTO members (meeting_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (meeting_id, user_id) DO UPDATE SET role = excluded.role`;

/**
 * Meetings, members and invites on Postgres. The checks that must not race
 * run in one transaction: the last-chair rule locks the meeting row first,
 * so guarded changes to one meeting queue behind each other; an invite use is
 * a single conditional UPDATE.
 */
export function createPostgresMeetingStore(pool: Pool): MeetingStore {
  /** Changes a role (`role`) or removes (`null`) unless it drops the last chair. */
  const guardedChange = (
    meetingId: string,
    userId: string,
    role: Role | null,
  ): Promise<MemberChange> =>
    withTransaction(pool, async (client) => {
      await client.query('SELECT 1 FROM meetings WHERE id = $1 FOR NO KEY UPDATE', [meetingId]);
      const before = await memberOn(client, meetingId, userId);
      if (!before) return { ok: false, reason: 'not_member' };
      if (before.role === 'chair' && role !== 'chair') {
        const { rows } = await client.query<{ n: number }>(
          "SELECT COUNT(*) AS n FROM members WHERE meeting_id = $1 AND role = 'chair'",
          [meetingId],
        );
        if ((rows[0]?.n ?? 0) <= 1) return { ok: false, reason: 'last_chair' };
      }
      if (role === null) {
        await client.query('DELETE FROM members WHERE meeting_id = $1 AND user_id = $2', [
          meetingId,
          userId,
        ]);
      } else {
        await client.query('UPDATE members SET role = $1 WHERE meeting_id = $2 AND user_id = $3', [
          role,
          meetingId,
          userId,
        ]);
      }
      return { ok: true, previous: before };
    });

  const inviteByHash = async (tokenHash: string): Promise<InviteRow | null> => {
    const { rows } = await pool.query<InviteRecord>('SELECT * FROM invites WHERE token_hash = $1', [
      tokenHash,
    ]);
    return rows[0] ? toInvite(rows[0]) : null;
  };

  return {
    async createMeeting(m) {
      await withTransaction(pool, async (client) => {
        await client.query(
          'INSERT INTO meetings (id, title, starts_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5)',
          [m.id, m.title, m.startsAt, m.createdBy, m.createdAt],
        );
        await client.query(UPSERT_MEMBER, [m.id, m.createdBy, 'chair', m.createdAt]);
      });
    },
    async meetingById(id) {
      const { rows } = await pool.query<MeetingRecord>('SELECT * FROM meetings WHERE id = $1', [
        id,
      ]);
      return rows[0] ? toMeeting(rows[0]) : null;
    },
    async meetingsOfUser(userId) {
      const { rows } = await pool.query<MeetingRecord & { role: string }>(
        `SELECT m.*, mb.role FROM meetings m JOIN members mb ON mb.meeting_id = m.id
         WHERE mb.user_id = $1 ORDER BY COALESCE(m.starts_at, m.created_at) DESC, m.id COLLATE "C"`,
        [userId],
      );
      return rows.map((r) => ({ ...toMeeting(r), role: r.role as Role }));
    },
    async renameMeeting(id, title) {
      await pool.query('UPDATE meetings SET title = $1 WHERE id = $2', [title, id]);
    },
    async setMeetingStatus(id, status) {
      await pool.query('UPDATE meetings SET status = $1 WHERE id = $2', [status, id]);
    },
    async member(meetingId, userId) {
      return memberOn(pool, meetingId, userId);
    },
    async members(meetingId) {
      const { rows } = await pool.query<MemberRecord>(
        'SELECT * FROM members WHERE meeting_id = $1 ORDER BY joined_at, user_id COLLATE "C"',
        [meetingId],
      );
      return rows.map(toMember);
    },
    async putMember(m) {
      await pool.query(UPSERT_MEMBER, [m.meetingId, m.userId, m.role, m.joinedAt]);
    },
    async removeMember(meetingId, userId) {
      await pool.query('DELETE FROM members WHERE meeting_id = $1 AND user_id = $2', [
        meetingId,
        userId,
      ]);
    },
    async changeMemberRole(meetingId, userId, role) {
      return guardedChange(meetingId, userId, role);
    },
    async removeMemberKeepingChair(meetingId, userId) {
      return guardedChange(meetingId, userId, null);
    },
    async createInvite(i) {
      await pool.query(
        `INSERT INTO invites (token_hash, meeting_id, role, max_uses, uses, expires_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          i.tokenHash,
          i.meetingId,
          i.role,
          i.maxUses,
          i.uses,
          i.expiresAt,
          i.createdBy,
          i.createdAt,
        ],
      );
    },
    inviteByHash,
    async useInvite(tokenHash, now) {
      // One conditional UPDATE: the row lock it takes makes concurrent uses
      // queue, and each re-checks `uses` after the one before committed.
      const { rows } = await pool.query<InviteRecord>(
        `UPDATE invites SET uses = uses + 1
         WHERE token_hash = $1 AND (max_uses IS NULL OR uses < max_uses) AND (expires_at IS NULL OR expires_at > $2)
         RETURNING *`,
        [tokenHash, now],
      );
      const used = rows[0];
      // The contract answers with the invite as it was, before this use.
      if (used) return { ok: true, invite: toInvite({ ...used, uses: used.uses - 1 }) };
      // Refused: say why, with the same precedence as SQLite (expiry first).
      const r = await inviteByHash(tokenHash);
      if (!r) return { ok: false, reason: 'unknown' };
      if (r.expiresAt !== null && r.expiresAt <= now) return { ok: false, reason: 'expired' };
      return { ok: false, reason: 'used_up' };
    },
  };
}

/** One membership, on the pool or inside a transaction. */
async function memberOn(
  db: Pool | PoolClient,
  meetingId: string,
  userId: string,
): Promise<MemberRow | null> {
  const { rows } = await db.query<MemberRecord>(
    'SELECT * FROM members WHERE meeting_id = $1 AND user_id = $2',
    [meetingId, userId],
  );
  return rows[0] ? toMember(rows[0]) : null;
}
