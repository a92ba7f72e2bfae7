import type { MeetingInfo } from '@kenes/shared';

/** What the hall display says about the meeting when no item title says it all. */
export type DisplayState = 'notStarted' | 'adjourned' | 'closed' | 'noItem';

/**
 * The sentence key (`display.<state>`) for the meeting's state, or null when
 * the meeting is live with an item under discussion (its title says it).
 * Between items a live meeting has not "not started": it says so.
 */
export function displayState(meeting: MeetingInfo): DisplayState | null {
  if (meeting.status === 'scheduled') return 'notStarted';
  if (meeting.status === 'closed') return 'closed';
  if (meeting.status === 'adjourned') return 'adjourned';
  return meeting.currentItemId === null ? 'noItem' : null;
}
