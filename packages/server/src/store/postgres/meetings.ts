import type { Pool, PoolClient } from 'pg';
import type { Role } from '@kenes/shared';
import type {
  InviteRefusal,
  InviteRow,
  MeetingStore,
  MemberChange,
  MemberRow,
  NewMember,
} from '../Store.js';
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
// A new member's organisation is copied from their profile in the same statement (unless
// given); an existing member keeps the meeting's organisation and only changes role.
const UPSERT_MEMBER = `INSERT INTO members (meeting_id, user_id, role, joined_at, organisation, org_type)
  SELECT $1, u.id, $3, $4, COALESCE($5, u.organisation), COALESCE($6, u.org_type) FROM users u WHERE u.id = $2
  ON CONFLICT (meeting_id, user_id) DO UPDATE SET role = excluded.role`;

const memberParams = (m: NewMember) => [
  m.meetingId,
  m.userId,
  m.role,
  m.joinedAt,
  m.organisation ?? null,
  m.orgType ?? null,
];

/** When a chair last removed `userId` from the meeting (null: never). */
async function removalOn(
  db: Pool | PoolClient,
  meetingId: string,
  userId: string,
): Promise<number | null> {
  const { rows } = await db.query<{ removed_at: number }>(
    'SELECT removed_at FROM member_removals WHERE meeting_id = $1 AND user_id = $2',
    [meetingId, userId],
  );
  return rows[0]?.removed_at ?? null;
}

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
    removal?: { at: number; by: string },
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
        if (removal) {
          await client.query(
            `INSERT INTO member_removals (meeting_id, user_id, removed_at, removed_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (meeting_id, user_id) DO UPDATE SET removed_at = excluded.removed_at, removed_by = excluded.removed_by`,
            [meetingId, userId, removal.at, removal.by],
          );
        }
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

  const refusal = async (
    r: InviteRow | null,
    now: number,
    userId?: string,
  ): Promise<InviteRefusal> => {
    if (!r) return 'unknown';
    if (r.revokedAt !== null) return 'revoked';
    if (r.expiresAt !== null && r.expiresAt <= now) return 'expired';
    if (r.maxUses !== null && r.uses >= r.maxUses) return 'used_up';
    const removed = userId === undefined ? null : await removalOn(pool, r.meetingId, userId);
    // Only reached when the UPDATE refused: the removal is what is left (or a race since).
    return removed !== null && r.createdAt <= removed ? 'removed' : 'used_up';
  };

  return {
    async createMeeting(m) {
      await withTransaction(pool, async (client) => {
        await client.query(
          'INSERT INTO meetings (id, title, starts_at, venue, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [m.id, m.title, m.startsAt, m.venue ?? '', m.createdBy, m.createdAt],
        );
        await client.query(
          UPSERT_MEMBER,
          memberParams({
            meetingId: m.id,
            userId: m.createdBy,
            role: 'chair',
            joinedAt: m.createdAt,
          }),
        );
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
    async setMeetingDetails(id, { title, startsAt, venue }) {
      // Each field given replaces the stored one; a missing one keeps it.
      await pool.query(
        `UPDATE meetings SET
           title = CASE WHEN $2 THEN $3 ELSE title END,
           starts_at = CASE WHEN $4 THEN $5::bigint ELSE starts_at END,
           venue = CASE WHEN $6 THEN $7 ELSE venue END
         WHERE id = $1`,
        [
          id,
          title !== undefined,
          title ?? null,
          startsAt !== undefined,
          startsAt ?? null,
          venue !== undefined,
          venue ?? null,
        ],
      );
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
      await pool.query(UPSERT_MEMBER, memberParams(m));
    },
    async setMemberOrganisation(meetingId, userId, organisation, orgType) {
      // The old row comes back from the same statement (a self-join on the key).
      const { rows } = await pool.query<MemberRecord>(
        `UPDATE members m SET organisation = $3, org_type = $4
         FROM members old WHERE m.meeting_id = $1 AND m.user_id = $2
           AND old.meeting_id = m.meeting_id AND old.user_id = m.user_id
         RETURNING old.*`,
        [meetingId, userId, organisation, orgType],
      );
      return rows[0] ? toMember(rows[0]) : null;
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
    async removeMemberKeepingChair(meetingId, userId, removal) {
      return guardedChange(meetingId, userId, null, removal);
    },
    async removedAt(meetingId, userId) {
      return removalOn(pool, meetingId, userId);
    },
    async createInvite(i) {
      await pool.query(
        `INSERT INTO invites (token_hash, meeting_id, role, max_uses, uses, expires_at, created_by, created_at, revoked_at, emailed_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          i.tokenHash,
          i.meetingId,
          i.role,
          i.maxUses,
          i.uses,
          i.expiresAt,
          i.createdBy,
          i.createdAt,
          i.revokedAt ?? null,
          i.emailedTo ?? null,
        ],
      );
    },
    async deleteInvite(meetingId, tokenHash) {
      await pool.query('DELETE FROM invites WHERE meeting_id = $1 AND token_hash = $2', [
        meetingId,
        tokenHash,
      ]);
    },
    inviteByHash,
    async invitesOfMeeting(meetingId) {
      const { rows } = await pool.query<InviteRecord>(
        'SELECT * FROM invites WHERE meeting_id = $1 ORDER BY created_at DESC, token_hash COLLATE "C"',
        [meetingId],
      );
      return rows.map(toInvite);
    },
    async revokeInvite(meetingId, tokenHash, now) {
      const { rows } = await pool.query<InviteRecord>(
        `UPDATE invites i SET revoked_at = COALESCE(i.revoked_at, $3)
         FROM invites old WHERE i.meeting_id = $1 AND i.token_hash = $2 AND old.token_hash = i.token_hash
         RETURNING old.*`,
        [meetingId, tokenHash, now],
      );
      return rows[0] ? toInvite(rows[0]) : null;
    },
    async useInvite(tokenHash, now, userId) {
      // One conditional UPDATE: the row lock it takes makes concurrent uses
      // queue, and each re-checks `uses` (and revocation, and the person's
      // removal) after the one before committed.
      const { rows } = await pool.query<InviteRecord>(
        `UPDATE invites SET uses = uses + 1
         WHERE token_hash = $1 AND revoked_at IS NULL
           AND (max_uses IS NULL OR uses < max_uses) AND (expires_at IS NULL OR expires_at > $2)
           AND NOT EXISTS (SELECT 1 FROM member_removals r
             WHERE r.meeting_id = invites.meeting_id AND r.user_id = $3 AND invites.created_at <= r.removed_at)
         RETURNING *`,
        [tokenHash, now, userId ?? null],
      );
      const used = rows[0];
      // The contract answers with the invite as it was, before this use.
      if (used) return { ok: true, invite: toInvite({ ...used, uses: used.uses - 1 }) };
      // Refused: say why, with the same precedence as SQLite.
      const r = await inviteByHash(tokenHash);
      return { ok: false, reason: await refusal(r, now, userId) };
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
