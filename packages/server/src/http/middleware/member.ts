import { ErrorCode, ROLE_RANK, can, leastRoleFor, type Action, type Role } from '@kenes/shared';
import { AppError } from '../errors.js';
import type { MeetingRow, MemberRow, Store } from '../../store/Store.js';

/** True when `role` is `min` or above (chair > participant > observer). */
export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}

/** The higher of two roles. */
export function higherRole(a: Role, b: Role): Role {
  return ROLE_RANK[a] >= ROLE_RANK[b] ? a : b;
}

/** A meeting and the caller's membership of it. */
export interface Membership {
  meeting: MeetingRow;
  member: MemberRow;
}

/** The meeting and `userId`'s membership, or null when either is missing. */
export async function memberOf(
  store: Store,
  meetingId: string,
  userId: string,
): Promise<Membership | null> {
  const member = await store.meetings.member(meetingId, userId);
  if (!member) return null;
  const meeting = await store.meetings.meetingById(meetingId);
  return meeting ? { meeting, member } : null;
}

/**
 * Like {@link memberOf} but throws: 404 for a non-member (so a meeting's
 * existence does not leak), 403 when the permission table (`can`, shared
 * `roles.ts`) does not let the member's role perform `action`. Without an
 * action any member passes.
 */
export async function requireMember(
  store: Store,
  meetingId: string,
  userId: string,
  action?: Action,
): Promise<Membership> {
  const m = await memberOf(store, meetingId, userId);
  if (!m) throw new AppError(404, ErrorCode.notFound, 'No such meeting');
  if (action !== undefined && !can(m.member.role, action)) {
    throw new AppError(403, ErrorCode.forbidden, `Only a ${leastRoleFor(action)} may do this`);
  }
  return m;
}
