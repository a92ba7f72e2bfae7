import { can, type Role } from '@kenes/shared';

/** A page of the meeting reached from the room's header. */
export interface MeetingLink {
  /** Path below `/meetings/:id` ('' is the room). */
  path: '' | 'minutes' | 'stats' | 'outcome' | 'versions' | 'authorship' | 'audit';
  /** i18n key of the link text. */
  label: string;
}

const ALL: readonly MeetingLink[] = [
  { path: 'minutes', label: 'after.minutes' },
  { path: 'stats', label: 'after.stats' },
  { path: 'outcome', label: 'after.outcome' },
  { path: 'versions', label: 'after.versions' },
  { path: 'authorship', label: 'after.authorship' },
  { path: 'audit', label: 'after.audit' },
];

/**
 * The after-the-meeting pages a member may open, mirroring `can()`: every
 * member reads minutes, statistics, outcome, versions and authorship (they
 * see the live document anyway); only a chair reads the audit log.
 */
export function meetingLinks(role: Role): MeetingLink[] {
  return ALL.filter((l) => l.path !== 'audit' || can(role, 'audit.read'));
}

/** The address of a meeting page. */
export function meetingPath(meetingId: string, path: MeetingLink['path'] = ''): string {
  const base = `/meetings/${encodeURIComponent(meetingId)}`;
  return path === '' ? base : `${base}/${path}`;
}
