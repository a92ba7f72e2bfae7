import type { Database } from 'better-sqlite3';
import type { Role } from '@kenes/shared';
import type { MeetingStore, MemberChange, NewMeeting } from '../Store.js';
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
    'INSERT INTO meetings (id, title, starts_at, created_by, created_at) VALUES (@id, @title, @startsAt, @createdBy, @createdAt)',
  );
  const upsertMember = db.prepare(
    `INSERT INTO members (meeting_id, user_id, role, joined_at) VALUES (@meetingId, @userId, @role, @joinedAt)
     ON CONFLICT (meeting_id, user_id) DO UPDATE SET role = excluded.role`,
  );
  const meetingById = db.prepare<[string], MeetingRecord>('SELECT * FROM meetings WHERE id = ?');
  const meetingsOfUser = db.prepare<[string], MeetingRecord & { role: string }>(
    `SELECT m.*, mb.role FROM meetings m JOIN members mb ON mb.meeting_id = m.id
     WHERE mb.user_id = ? ORDER BY COALESCE(m.starts_at, m.created_at) DESC, m.id`,
  );
  const rename = db.prepare<[string, string]>('UPDATE meetings SET title = ? WHERE id = ?');
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
  const insertInvite = db.prepare(
    `INSERT INTO invites (token_hash, meeting_id, role, max_uses, uses, expires_at, created_by, created_at)
     VALUES (@tokenHash, @meetingId, @role, @maxUses, @uses, @expiresAt, @createdBy, @createdAt)`,
  );
  const inviteByHash = db.prepare<[string], InviteRecord>(
    'SELECT * FROM invites WHERE token_hash = ?',
  );
  const useInvite = db.prepare<[string]>('UPDATE invites SET uses = uses + 1 WHERE token_hash = ?');

  const createMeeting = db.transaction((m: NewMeeting) => {
    insertMeeting.run(m);
    upsertMember.run({
      meetingId: m.id,
      userId: m.createdBy,
      role: 'chair',
      joinedAt: m.createdAt,
    });
  });

  /** Would this change leave the meeting without a chair? */
  const losesLastChair = (meetingId: string, before: MemberRecord, after: Role | null): boolean =>
    before.role === 'chair' && after !== 'chair' && (chairCount.get(meetingId)?.n ?? 0) <= 1;

  const guardedChange = db.transaction(
    (meetingId: string, userId: string, role: Role | null): MemberChange => {
      const before = member.get(meetingId, userId);
      if (!before) return { ok: false, reason: 'not_member' };
      if (losesLastChair(meetingId, before, role)) return { ok: false, reason: 'last_chair' };
      if (role === null) deleteMember.run(meetingId, userId);
      else setRole.run(role, meetingId, userId);
      return { ok: true, previous: toMember(before) };
    },
  );

  const takeInvite = db.transaction(
    (tokenHash: string, now: number): Awaited<ReturnType<MeetingStore['useInvite']>> => {
      const r = inviteByHash.get(tokenHash);
      if (!r) return { ok: false, reason: 'unknown' };
      if (r.expires_at !== null && r.expires_at <= now) return { ok: false, reason: 'expired' };
      if (r.max_uses !== null && r.uses >= r.max_uses) return { ok: false, reason: 'used_up' };
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
      upsertMember.run(m);
    },
    async removeMember(meetingId, userId) {
      deleteMember.run(meetingId, userId);
    },
    async changeMemberRole(meetingId, userId, role) {
      return guardedChange(meetingId, userId, role);
    },
    async removeMemberKeepingChair(meetingId, userId) {
      return guardedChange(meetingId, userId, null);
    },
    async createInvite(invite) {
      insertInvite.run(invite);
    },
    async inviteByHash(tokenHash) {
      const r = inviteByHash.get(tokenHash);
      return r ? toInvite(r) : null;
    },
    async useInvite(tokenHash, now) {
      return takeInvite(tokenHash, now);
    },
  };
}
