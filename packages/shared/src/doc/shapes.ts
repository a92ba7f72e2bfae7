import type { RelativePositionJson } from '../presence.js';

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
  /**
   * Speaking time of a plain request (`speak`), in seconds; the same as
   * `speakingSeconds.speak`, kept for documents and clients older than it.
   */
  defaultSpeakingSeconds: number;
  /** Suggestions only (issue 18): participants may only suggest changes to every text. */
  suggestionsOnly: boolean;
  /** Speaking time granted per kind of turn unless the chair extends it, in seconds. */
  speakingSeconds: SpeakingTimes;
  /** Time budgets per type of organisation or per organisation (may be empty). */
  budgets: TimeBudget[];
  /** When the meeting starts, epoch ms, or null when not set. */
  startsAt: number | null;
  /** Where it takes place ('' when not set). */
  venue: string;
  /** What it is about, plain text ('' when not set). */
  description: string;
}

/** Speaking time per kind of turn, seconds. */
export type SpeakingTimes = Readonly<Record<RequestKind, number>>;

/** What a time budget counts: the turns of one type of organisation, or of one organisation. */
export const BUDGET_SCOPES = ['orgType', 'organisation'] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

/**
 * A total speaking time for the whole meeting shared by the members of one
 * type of organisation (`target` is an {@link OrgType}) or of one
 * organisation (`target` is its name, compared by `organisationKey`), as
 * OpenSlides' structure levels. Every turn that had the floor counts, at the
 * organisation the turn was given under (the membership's, fixed per
 * meeting). An exhausted budget is a warning to the chair: nobody is cut off.
 */
export interface TimeBudget {
  scope: BudgetScope;
  target: string;
  /** Total time, seconds. */
  seconds: number;
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

/** What an organisation may say of a text, from full support to objection. */
export const POSITION_KINDS = ['supports', 'can_accept', 'reservation', 'objects'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

/** Kinds that must say why (a short text). */
export const POSITION_KINDS_WITH_TEXT: readonly PositionKind[] = ['reservation', 'objects'];

/** Longest reason a reservation or objection may give (characters). */
export const MAX_POSITION_TEXT = 1_000;

/** True when a position of `kind` needs a text. */
export function positionNeedsText(kind: PositionKind): boolean {
  return POSITION_KINDS_WITH_TEXT.includes(kind);
}

/** One organisation's position on one recommendation. */
export interface Position {
  /** The organisation's name as the member's meeting record holds it. */
  organisation: string;
  /** `organisationKey(organisation)`: one position per key. */
  key: string;
  orgType: OrgType;
  kind: PositionKind;
  /** The reservation or objection ('' for supports / can accept). */
  text: string;
  /** Who set it for the organisation, and their name then. */
  userId: string;
  name: string;
  /** Server time it was set, epoch ms. */
  at: number;
}

/** A comment thread is open until resolved; it can be reopened. */
export const COMMENT_STATUSES = ['open', 'resolved'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** Bounds of comments (characters, counts). */
export const CommentLimits = {
  text: 2_000,
  /** The text a thread is about, stored when it is created. */
  quote: 500,
  threadsPerRecommendation: 500,
  repliesPerThread: 200,
} as const;

/**
 * Where a thread is anchored: Yjs relative positions (as JSON) of the start
 * and end of the commented range in the recommendation's fragment, so the
 * anchor follows the text through concurrent edits.
 */
export interface CommentAnchor {
  start: RelativePositionJson;
  end: RelativePositionJson;
}

/** A comment or a reply: author and time are the server's. */
export interface CommentPost {
  id: string;
  authorId: string;
  authorName: string;
  organisation: string;
  orgType: OrgType;
  /** '' once a chair hid it (the audit log keeps it). */
  text: string;
  at: number;
  hidden: boolean;
}

/** A comment thread on a range of a recommendation's text. */
export interface CommentThread extends CommentPost {
  recId: string;
  anchor: CommentAnchor;
  /** The text the thread is about, as it was when created (shown once the text is gone). */
  quote: string;
  status: CommentStatus;
  replies: CommentPost[];
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
  /**
   * The positions when the chair last set it agreed, frozen with it (server-
   * written; absent until agreed, cleared when it leaves agreed): the record
   * the minutes and exports print.
   */
  agreedPositions?: Position[];
  /**
   * Server time the chair last set the status to `agreed`, written by the
   * server with the status and cleared when the chair sets it back; null
   * while not agreed. While agreed, the text is read-only to everyone.
   */
  agreedAt: number | null;
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
