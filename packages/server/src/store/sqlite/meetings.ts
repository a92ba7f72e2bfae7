import type { Database } from 'better-sqlite3';
import type { OrgType, Role } from '@kenes/shared';
import type {
  InviteRefusal,
  InviteRow,
  MeetingStore,
  MemberChange,
  NewMeeting,
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

/**
 * Meetings, members and invites on SQLite. The checks that must not race
 * (last chair, invite uses) run inside one `db.transaction`, which SQLite
 * serialises; Postgres does the same with row locks.
 */
export function createSqliteMeetingStore(db: Database): MeetingStore {
  const insertMeeting = db.prepare(
    'INSERT INTO meetings (id, title, starts_at, venue, created_by, created_at) VALUES (@id, @title, @startsAt, @venue, @createdBy, @createdAt)',
  );
  // A new member's organisation is copied from their profile in the same statement (unless
  // given); an existing member keeps the meeting's organisation and only changes role.
  const upsertMember = db.prepare<{
    meetingId: string;
    userId: string;
    role: string;
    joinedAt: number;
    organisation: string | null;
    orgType: string | null;
  }>(
    `INSERT INTO members (meeting_id, user_id, role, joined_at, organisation, org_type)
     SELECT @meetingId, u.id, @role, @joinedAt, COALESCE(@organisation, u.organisation), COALESCE(@orgType, u.org_type)
     FROM users u WHERE u.id = @userId
     ON CONFLICT (meeting_id, user_id) DO UPDATE SET role = excluded.role`,
  );
  const setOrganisation = db.prepare<[string, string, string, string]>(
    'UPDATE members SET organisation = ?, org_type = ? WHERE meeting_id = ? AND user_id = ?',
  );
  const recordRemoval = db.prepare<[string, string, number, string]>(
    `INSERT INTO member_removals (meeting_id, user_id, removed_at, removed_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (meeting_id, user_id) DO UPDATE SET removed_at = excluded.removed_at, removed_by = excluded.removed_by`,
  );
  const removedAt = db.prepare<[string, string], { removed_at: number }>(
    'SELECT removed_at FROM member_removals WHERE meeting_id = ? AND user_id = ?',
  );
  const meetingById = db.prepare<[string], MeetingRecord>('SELECT * FROM meetings WHERE id = ?');
  const meetingsOfUser = db.prepare<[string], MeetingRecord & { role: string }>(
    `SELECT m.*, mb.role FROM meetings m JOIN members mb ON mb.meeting_id = m.id
     WHERE mb.user_id = ? ORDER BY COALESCE(m.starts_at, m.created_at) DESC, m.id`,
  );
  const rename = db.prepare<[string, string]>('UPDATE meetings SET title = ? WHERE id = ?');
  // Each field given replaces the stored one; a missing one (flag 0) keeps it.
  const setDetails = db.prepare<{
    id: string;
    setTitle: number;
    title: string | null;
    setStartsAt: number;
    startsAt: number | null;
    setVenue: number;
    venue: string | null;
  }>(
    `UPDATE meetings SET
       title = CASE WHEN @setTitle = 1 THEN @title ELSE title END,
       starts_at = CASE WHEN @setStartsAt = 1 THEN @startsAt ELSE starts_at END,
       venue = CASE WHEN @setVenue = 1 THEN @venue ELSE venue END
     WHERE id = @id`,
  );
  const setStatus = db.prepare<[string, string]>('UPDATE meetings SET status = ? WHERE id = ?');
  const member = db.prepare<[string, string], MemberRecord>(
    'SELECT * FROM members WHERE meeting_id = ? AND user_id = ?',
  );
  const members = db.prepare<[string], MemberRecord>(
    'SELECT * FROM members WHERE meeting_id = ? ORDER BY joined_at, user_id',
  );
  const chairCount = db.prepare<[string], { n: number }>(
    "SELECT COUNT(*) AS n FROM members WHERE meeting_id = ? AND role = 'chair'",
  );
  const setRole = db.prepare<[string, string, string]>(
    'UPDATE members SET role = ? WHERE meeting_id = ? AND user_id = ?',
  );
  const deleteMember = db.prepare<[string, string]>(
    'DELETE FROM members WHERE meeting_id = ? AND user_id = ?',
  );
  const insertInvite = db.prepare<InviteRow>(
    `INSERT INTO invites (token_hash, meeting_id, role, max_uses, uses, expires_at, created_by, created_at, revoked_at, emailed_to)
     VALUES (@tokenHash, @meetingId, @role, @maxUses, @uses, @expiresAt, @createdBy, @createdAt, @revokedAt, @emailedTo)`,
  );
  const deleteInvite = db.prepare<[string, string]>(
    'DELETE FROM invites WHERE meeting_id = ? AND token_hash = ?',
  );
  const invitesOfMeeting = db.prepare<[string], InviteRecord>(
    'SELECT * FROM invites WHERE meeting_id = ? ORDER BY created_at DESC, token_hash',
  );
  const revoke = db.prepare<[number, string, string]>(
    'UPDATE invites SET revoked_at = COALESCE(revoked_at, ?) WHERE meeting_id = ? AND token_hash = ?',
  );
  const inviteByHash = db.prepare<[string], InviteRecord>(
    'SELECT * FROM invites WHERE token_hash = ?',
  );
  const useInvite = db.prepare<[string]>('UPDATE invites SET uses = uses + 1 WHERE token_hash = ?');

  const putMember = (m: NewMember) =>
    upsertMember.run({
      meetingId: m.meetingId,
      userId: m.userId,
      role: m.role,
      joinedAt: m.joinedAt,
      organisation: m.organisation ?? null,
      orgType: m.orgType ?? null,
    });

  const createMeeting = db.transaction((m: NewMeeting) => {
    insertMeeting.run({ ...m, venue: m.venue ?? '' });
    putMember({ meetingId: m.id, userId: m.createdBy, role: 'chair', joinedAt: m.createdAt });
  });

  /** Would this change leave the meeting without a chair? */
  const losesLastChair = (meetingId: string, before: MemberRecord, after: Role | null): boolean =>
    before.role === 'chair' && after !== 'chair' && (chairCount.get(meetingId)?.n ?? 0) <= 1;

  const guardedChange = db.transaction(
    (
      meetingId: string,
      userId: string,
      role: Role | null,
      removal?: { at: number; by: string },
    ): MemberChange => {
      const before = member.get(meetingId, userId);
      if (!before) return { ok: false, reason: 'not_member' };
      if (losesLastChair(meetingId, before, role)) return { ok: false, reason: 'last_chair' };
      if (role === null) {
        deleteMember.run(meetingId, userId);
        if (removal) recordRemoval.run(meetingId, userId, removal.at, removal.by);
      } else setRole.run(role, meetingId, userId);
      return { ok: true, previous: toMember(before) };
    },
  );

  const changeOrganisation = db.transaction(
    (meetingId: string, userId: string, organisation: string, orgType: OrgType) => {
      const before = member.get(meetingId, userId);
      if (!before) return null;
      setOrganisation.run(organisation, orgType, meetingId, userId);
      return toMember(before);
    },
  );

  const takeInvite = db.transaction(
    (
      tokenHash: string,
      now: number,
      userId: string | undefined,
    ): { ok: true; invite: InviteRow } | { ok: false; reason: InviteRefusal } => {
      const r = inviteByHash.get(tokenHash);
      if (!r) return { ok: false, reason: 'unknown' };
      if (r.revoked_at !== null) return { ok: false, reason: 'revoked' };
      if (r.expires_at !== null && r.expires_at <= now) return { ok: false, reason: 'expired' };
      if (r.max_uses !== null && r.uses >= r.max_uses) return { ok: false, reason: 'used_up' };
      if (userId !== undefined) {
        const removed = removedAt.get(r.meeting_id, userId)?.removed_at;
        if (removed !== undefined && r.created_at <= removed)
          return { ok: false, reason: 'removed' };
      }
      useInvite.run(tokenHash);
      return { ok: true, invite: toInvite(r) };
    },
  );

  return {
    async createMeeting(m) {
      createMeeting(m);
    },
    async meetingById(id) {
      const r = meetingById.get(id);
      return r ? toMeeting(r) : null;
    },
    async meetingsOfUser(userId) {
      return meetingsOfUser.all(userId).map((r) => ({ ...toMeeting(r), role: r.role as Role }));
    },
    async renameMeeting(id, title) {
      rename.run(title, id);
    },
    async setMeetingDetails(id, { title, startsAt, venue }) {
      setDetails.run({
        id,
        setTitle: title === undefined ? 0 : 1,
        title: title ?? null,
        setStartsAt: startsAt === undefined ? 0 : 1,
        startsAt: startsAt ?? null,
        setVenue: venue === undefined ? 0 : 1,
        venue: venue ?? null,
      });
    },
    async setMeetingStatus(id, status) {
      setStatus.run(status, id);
    },
    async member(meetingId, userId) {
      const r = member.get(meetingId, userId);
      return r ? toMember(r) : null;
    },
    async members(meetingId) {
      return members.all(meetingId).map(toMember);
    },
    async putMember(m) {
      putMember(m);
    },
    async setMemberOrganisation(meetingId, userId, organisation, orgType) {
      return changeOrganisation(meetingId, userId, organisation, orgType);
    },
    async removeMember(meetingId, userId) {
      deleteMember.run(meetingId, userId);
    },
    async changeMemberRole(meetingId, userId, role) {
      return guardedChange(meetingId, userId, role);
    },
    async removeMemberKeepingChair(meetingId, userId, removal) {
      return guardedChange(meetingId, userId, null, removal);
    },
    async removedAt(meetingId, userId) {
      return removedAt.get(meetingId, userId)?.removed_at ?? null;
    },
    async createInvite(invite) {
      insertInvite.run({
        ...invite,
        revokedAt: invite.revokedAt ?? null,
        emailedTo: invite.emailedTo ?? null,
      });
    },
    async deleteInvite(meetingId, tokenHash) {
      deleteInvite.run(meetingId, tokenHash);
    },
    async inviteByHash(tokenHash) {
      const r = inviteByHash.get(tokenHash);
      return r ? toInvite(r) : null;
    },
    async invitesOfMeeting(meetingId) {
      return invitesOfMeeting.all(meetingId).map(toInvite);
    },
    async revokeInvite(meetingId, tokenHash, now) {
      return db.transaction(() => {
        const r = inviteByHash.get(tokenHash);
        if (!r || r.meeting_id !== meetingId) return null;
        revoke.run(now, meetingId, tokenHash);
        return toInvite(r);
      })();
    },
    async useInvite(tokenHash, now, userId) {
      return takeInvite(tokenHash, now, userId);
    },
  };
}
