/**
 * Plain shapes of the records held in the control roots, as the typed readers
 * return them. Field names here are the keys of the Y.Maps in the document.
 */

/** Meeting lifecycle: scheduled → live ⇄ adjourned → closed. */
export const MEETING_STATUSES = ['scheduled', 'live', 'adjourned', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Organisation types an account may declare. */
export const ORG_TYPES = [
  'government',
  'parliament',
  'nhri',
  'ngo',
  'international',
  'other',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** Languages of the UI and of exports. */
export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The `meeting` root. */
export interface MeetingInfo {
  title: string;
  status: MeetingStatus;
  /** Id of the agenda item under discussion, or null. */
  currentItemId: string | null;
  /** When false only points of order and the chair's additions join the queue. */
  listOpen: boolean;
  /** Speaking time granted to each speaker unless changed, in seconds. */
  defaultSpeakingSeconds: number;
  /** Suggestions only (issue 18): participants may only suggest changes to every text. */
  suggestionsOnly: boolean;
}

/**
 * `removed` items stay in the array as a record (queue entries and
 * recommendations may point at them); views list only the others.
 */
export const AGENDA_STATUSES = ['pending', 'active', 'done', 'removed'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

/** One entry of the `agenda` root. Times are server epoch milliseconds. */
export interface AgendaItem {
  id: string;
  title: string;
  description: string;
  plannedMinutes: number;
  status: AgendaStatus;
  startedAt: number | null;
  endedAt: number | null;
}

export const REQUEST_KINDS = ['speak', 'reply', 'point_of_order'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const ENTRY_STATUSES = ['waiting', 'speaking', 'done', 'withdrawn', 'removed'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/**
 * One entry of the `queue` root: a request for the floor, kept after it ends
 * as the record of who spoke when. Times are server epoch milliseconds.
 *
 * Remaining time of the current speaker at server time `t`:
 * `limitSeconds*1000 - (elapsedMs + (pausedAt === null ? t - grantedAt_or_resumedAt : 0))`,
 * see {@link speakingElapsedMs}.
 */
export interface QueueEntry {
  id: string;
  agendaItemId: string | null;
  /** The account that asked, or null for an in-room speaker added by the chair. */
  userId: string | null;
  name: string;
  organisation: string;
  orgType: OrgType;
  kind: RequestKind;
  status: EntryStatus;
  requestedAt: number;
  grantedAt: number | null;
  endedAt: number | null;
  /** Speaking time allowed, in seconds (extensions included). */
  limitSeconds: number;
  /** Time spoken before the current running stretch, in ms. */
  elapsedMs: number;
  /** Server time the current running stretch began (grant or resume), or null. */
  runningSince: number | null;
  /** Server time the timer was paused, or null when running or not speaking. */
  pausedAt: number | null;
  /**
   * A reply's answered turn: the entry that had the floor when the reply was
   * asked (null for other kinds). Kept when the reply lapses into a plain
   * request (its speaker's exchange ended), so the chair still sees whom it
   * meant to answer. Optional: records written before replies named it lack it.
   */
  replyToEntryId?: string | null;
}

export const RECOMMENDATION_STATUSES = ['draft', 'discussed', 'agreed', 'withdrawn'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** One organisation's endorsement of a recommendation. */
export interface Endorsement {
  /** Who endorsed for the organisation (a chair sees it). */
  userId: string;
  /** Their display name when they endorsed; absent in documents older than it. */
  name?: string;
  organisation: string;
  /**
   * `organisationKey(organisation)`, written by the server: what names are
   * compared by (the browser compares keys; absent in older documents).
   */
  key?: string;
  orgType: OrgType;
  at: number;
}

/** One entry of the `recommendations` root; its body is `texts[id]`. */
export interface Recommendation {
  id: string;
  agendaItemId: string;
  title: string;
  status: RecommendationStatus;
  proposerId: string;
  proposerName: string;
  proposerOrganisation: string;
  createdAt: number;
  endorsements: Endorsement[];
  /** Suggestions only (issue 18): participants may only suggest changes to this text. */
  suggestionsOnly: boolean;
  /** The chair lets the proposer accept and reject suggestions on this text. */
  proposerDecides: boolean;
}

/**
 * A recommendation the chair removed: kept (with its text) so that the chair
 * can restore it; the room, the outcome and exports no longer show it.
 */
export interface RemovedRecommendation extends Recommendation {
  /** Server time it was removed. */
  removedAt: number;
}

/**
 * Milliseconds a speaker has spoken at server time `now`, pauses excluded.
 * @example speakingElapsedMs(entry, serverNow) / 1000
 */
export function speakingElapsedMs(entry: QueueEntry, now: number): number {
  if (entry.runningSince === null) return entry.elapsedMs;
  return entry.elapsedMs + Math.max(0, now - entry.runningSince);
}
