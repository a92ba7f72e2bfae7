import {
  can,
  type MeetingStatus,
  type QueueEntry,
  type Recommendation,
  type Role,
} from '@kenes/shared';

/**
 * What the room offers a member, derived from shared's one rule table
 * (`can`), plus the per-record rules the table cannot express (a participant
 * withdraws only its own request, renames only its own recommendation). The
 * server enforces all of it; the UI only mirrors it so that nobody is offered
 * a button that would be refused.
 */
export interface RoomPermissions {
  role: Role;
  /** Type into recommendation texts. */
  editText: boolean;
  manageAgenda: boolean;
  /** Grant, reorder, remove, timers, open/close, add in-room speakers. */
  runQueue: boolean;
  requestFloor: boolean;
  /** Set the speaking rules: times per kind, the open list, time budgets. */
  setQueueRules: boolean;
  proposeRecommendation: boolean;
  setRecommendationStatus: boolean;
  removeRecommendation: boolean;
  endorse: boolean;
  setMeetingStatus: boolean;
  /** Change the title, date and time, venue and description (`meeting.setDetails`). */
  editDetails: boolean;
  manageMembers: boolean;
  /** Save a named version of the document (`version.save`). */
  saveVersion: boolean;
  /** Read the command log. */
  readAudit: boolean;
  /** True when nothing at all may be changed: an observer. */
  readOnly: boolean;
  /**
   * The meeting is closed: the server refuses every write but reopening, so
   * nothing else is offered (the role's rights come back when it reopens).
   */
  closed: boolean;
}

/** What a closed meeting still allows: reopening, members, the record. */
const OPEN_WHEN_CLOSED: ReadonlySet<keyof RoomPermissions> = new Set([
  'setMeetingStatus',
  'manageMembers',
  'readAudit',
] as const);

/**
 * The room's affordances for `role` in a meeting of `status` (from the
 * document, live): a closed meeting offers only what the server still
 * accepts there, so nobody clicks a button that can only be refused.
 */
export function roomPermissions(role: Role, status: MeetingStatus = 'live'): RoomPermissions {
  const editText = can(role, 'text.edit');
  const p: RoomPermissions = {
    role,
    editText,
    manageAgenda: can(role, 'agenda.add') && can(role, 'agenda.move'),
    runQueue: can(role, 'queue.grant'),
    requestFloor: can(role, 'queue.request'),
    setQueueRules: can(role, 'meeting.queueSettings'),
    proposeRecommendation: can(role, 'rec.create'),
    setRecommendationStatus: can(role, 'rec.setStatus'),
    removeRecommendation: can(role, 'rec.remove'),
    endorse: can(role, 'rec.endorse'),
    setMeetingStatus: can(role, 'meeting.setStatus'),
    editDetails: can(role, 'meeting.setDetails'),
    manageMembers: can(role, 'members.manage'),
    saveVersion: can(role, 'version.save'),
    readAudit: can(role, 'audit.read'),
    readOnly: false,
    closed: status === 'closed',
  };
  // Reading the audit log changes nothing, so it does not make a member "not read-only".
  p.readOnly = !Object.entries(p).some(
    ([k, v]) => k !== 'role' && k !== 'readAudit' && k !== 'closed' && v === true,
  );
  if (p.closed) {
    for (const k of Object.keys(p) as (keyof RoomPermissions)[]) {
      if (
        typeof p[k] === 'boolean' &&
        k !== 'readOnly' &&
        k !== 'closed' &&
        !OPEN_WHEN_CLOSED.has(k)
      )
        (p as unknown as Record<string, boolean>)[k] = false;
    }
  }
  return p;
}

/** True when this member may withdraw `entry` (its own waiting request). */
export function canWithdraw(role: Role, userId: string, entry: QueueEntry): boolean {
  return can(role, 'queue.withdraw') && entry.status === 'waiting' && entry.userId === userId;
}

/** True when this member may rename `rec` (a chair, or its proposer), while the meeting is open. */
export function canRename(perms: RoomPermissions, userId: string, rec: Recommendation): boolean {
  const { role } = perms;
  // An agreed recommendation is locked, title included, until the chair sets it back.
  if (perms.closed || rec.status === 'agreed' || !can(role, 'rec.rename')) return false;
  return role === 'chair' || rec.proposerId === userId;
}
