import { can, type QueueEntry, type Recommendation, type Role } from '@kenes/shared';

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
  proposeRecommendation: boolean;
  setRecommendationStatus: boolean;
  removeRecommendation: boolean;
  endorse: boolean;
  setMeetingStatus: boolean;
  manageMembers: boolean;
  /** Save a named version of the document (`version.save`). */
  saveVersion: boolean;
  /** Read the command log. */
  readAudit: boolean;
  /** True when nothing at all may be changed: an observer. */
  readOnly: boolean;
}

/** The room's affordances for `role`. */
export function roomPermissions(role: Role): RoomPermissions {
  const editText = can(role, 'text.edit');
  const p: RoomPermissions = {
    role,
    editText,
    manageAgenda: can(role, 'agenda.add') && can(role, 'agenda.move'),
    runQueue: can(role, 'queue.grant'),
    requestFloor: can(role, 'queue.request'),
    proposeRecommendation: can(role, 'rec.create'),
    setRecommendationStatus: can(role, 'rec.setStatus'),
    removeRecommendation: can(role, 'rec.remove'),
    endorse: can(role, 'rec.endorse'),
    setMeetingStatus: can(role, 'meeting.setStatus'),
    manageMembers: can(role, 'members.manage'),
    saveVersion: can(role, 'version.save'),
    readAudit: can(role, 'audit.read'),
    readOnly: false,
  };
  // Reading the audit log changes nothing, so it does not make a member "not read-only".
  p.readOnly = !Object.entries(p).some(([k, v]) => k !== 'role' && k !== 'readAudit' && v === true);
  return p;
}

/** True when this member may withdraw `entry` (its own waiting request). */
export function canWithdraw(role: Role, userId: string, entry: QueueEntry): boolean {
  return can(role, 'queue.withdraw') && entry.status === 'waiting' && entry.userId === userId;
}

/** True when this member may rename `rec` (a chair, or its proposer). */
export function canRename(role: Role, userId: string, rec: Recommendation): boolean {
  if (!can(role, 'rec.rename')) return false;
  return role === 'chair' || rec.proposerId === userId;
}
