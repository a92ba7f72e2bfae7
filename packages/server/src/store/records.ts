import {
  VERSION_KINDS,
  type Language,
  type MeetingStatus,
  type OrgType,
  type Role,
  type VersionKind,
} from '@kenes/shared';
import type {
  AuditRow,
  InviteRow,
  MeetingRow,
  MemberRow,
  PasswordResetRow,
  SessionRow,
  TextAttribution,
  UserRow,
  VersionMeta,
} from './Store.js';

/**
 * Rows as both backends return them (snake_case columns; Postgres BIGINTs
 * arrive as numbers, see `postgres/pool.ts`), and their mapping to the
 * Store's camelCase rows. One copy for SQLite and Postgres, so a column is
 * added in one place. Values are validated on the way in; the casts below
 * only restore the types.
 */

/** A `users` row. */
export interface UserRecord {
  id: string;
  email: string;
  password_hash: string;
  name: string;
  organisation: string;
  org_type: string;
  language: string;
  gender: string | null;
  created_at: number;
}

/** A `sessions` row. */
export interface SessionRecord {
  id: string;
  user_id: string;
  expires_at: number;
  created_at: number;
  last_used_at: number;
  user_agent: string | null;
}

/** A `meetings` row. */
export interface MeetingRecord {
  id: string;
  title: string;
  starts_at: number | null;
  venue: string;
  created_by: string;
  created_at: number;
  status: string;
}

/** A `members` row. */
export interface MemberRecord {
  meeting_id: string;
  user_id: string;
  role: string;
  joined_at: number;
  organisation: string;
  org_type: string;
}

/** An `invites` row. */
export interface InviteRecord {
  token_hash: string;
  meeting_id: string;
  role: string;
  max_uses: number | null;
  uses: number;
  expires_at: number | null;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
  emailed_to: string | null;
}

/** `users` row → {@link UserRow}. */
export function toUser(r: UserRecord): UserRow {
  return {
    id: r.id,
    email: r.email,
    passwordHash: r.password_hash,
    name: r.name,
    organisation: r.organisation,
    orgType: r.org_type as OrgType,
    language: r.language as Language,
    gender: r.gender,
    createdAt: r.created_at,
  };
}

/** `sessions` row → {@link SessionRow}. */
export function toSession(r: SessionRecord): SessionRow {
  return {
    id: r.id,
    userId: r.user_id,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    userAgent: r.user_agent,
  };
}

/** `meetings` row → {@link MeetingRow}. */
export function toMeeting(r: MeetingRecord): MeetingRow {
  return {
    id: r.id,
    title: r.title,
    startsAt: r.starts_at,
    venue: r.venue,
    createdBy: r.created_by,
    createdAt: r.created_at,
    status: r.status as MeetingStatus,
  };
}

/** `members` row → {@link MemberRow}. */
export function toMember(r: MemberRecord): MemberRow {
  return {
    meetingId: r.meeting_id,
    userId: r.user_id,
    role: r.role as Role,
    joinedAt: r.joined_at,
    organisation: r.organisation,
    orgType: r.org_type as OrgType,
  };
}

/** `invites` row → {@link InviteRow}. */
export function toInvite(r: InviteRecord): InviteRow {
  return {
    tokenHash: r.token_hash,
    meetingId: r.meeting_id,
    role: r.role as Role,
    maxUses: r.max_uses,
    uses: r.uses,
    expiresAt: r.expires_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    emailedTo: r.emailed_to ?? null,
  };
}

/** A `versions` row without its snapshot (lists never read the bytes). */
export interface VersionMetaRecord {
  id: string;
  meeting_id: string;
  label: string;
  kind: string;
  created_by: string | null;
  created_at: number;
}

/** A whole `versions` row. */
export interface VersionRecord extends VersionMetaRecord {
  snapshot: Buffer;
}

/** `versions` row → {@link VersionMeta}. */
export function toVersionMeta(r: VersionMetaRecord): VersionMeta {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    label: r.label,
    // Deny unknown values into the one the UI shows as written: a label.
    kind: (VERSION_KINDS as readonly string[]).includes(r.kind)
      ? (r.kind as VersionKind)
      : 'manual',
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** A `text_attributions` row. */
export interface AttributionRecord {
  client_id: number;
  clock: number;
  length: number;
  user_id: string | null;
}

/** `text_attributions` row → {@link TextAttribution}. */
export function toAttribution(r: AttributionRecord): TextAttribution {
  return { clientId: r.client_id, clock: r.clock, length: r.length, userId: r.user_id };
}

/** An `audit` row as listed (without its fold `bucket`). */
export interface AuditRecord {
  id: number;
  meeting_id: string;
  user_id: string | null;
  action: string;
  payload: string;
  result: string;
  at: number;
  count: number;
}

/** The columns of {@link AuditRecord}, in its order, for `SELECT`. */
export const AUDIT_COLUMNS = 'id, meeting_id, user_id, action, payload, result, at, count';

/** `audit` row → {@link AuditRow}. */
export function toAuditRow(r: AuditRecord): AuditRow {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    userId: r.user_id,
    action: r.action,
    payload: r.payload,
    result: r.result,
    at: r.at,
    count: r.count,
  };
}

/** How long after expiry a reset link's row is kept, so that it reads as expired, not unknown. */
export const RESET_ROW_KEEP_MS = 24 * 60 * 60 * 1000;

/** A `password_resets` row. */
export interface PasswordResetRecord {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** `password_resets` row → {@link PasswordResetRow}. */
export function toPasswordReset(r: PasswordResetRecord): PasswordResetRow {
  return {
    tokenHash: r.token_hash,
    userId: r.user_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
  };
}
