import {
  listSuggestions,
  readAgenda,
  readMeeting,
  readQueue,
  readRecommendations,
  recommendationText,
  type Language,
  type Minutes,
  type OutcomeDocument,
  type RecommendationAuthorship,
  type SpeakingStats,
} from '@kenes/shared';
import type { AuditRow, Store } from '../store/Store.js';
import type { RoomAccess } from '../sync/interfaces.js';
import { fragmentText } from '../versions/readVersion.js';
import { attributeAuthorship, readRawAuthorship, type Author } from './authorship.js';
import { AttributionIndex } from '../attribution/AttributionIndex.js';
import { meetingLanguage } from './i18n.js';
import {
  buildMinutes,
  emptyMinutesAudit,
  foldMinutesAudit,
  MINUTES_AUDIT_ACTIONS,
  type MeetingRecord,
  type MinutesAudit,
} from './minutes.js';
import { readOutcome } from './outcome.js';
import { speakingStats } from './stats.js';
import type { ComparableRecommendation } from './versionDiff.js';

/**
 * The thin adapters between the pure outcome functions and the server:
 * they read the live document through the room (serialized with edits, no
 * writes), the audit log and accounts from the store, then call the pure
 * functions. Routes call these.
 */

/** What the loaders read from. */
export interface OutcomeSources {
  store: Store;
  rooms: RoomAccess;
}

/** Audit rows read per page: memory holds one page and the fold, never the whole log. */
export const MINUTES_AUDIT_PAGE = 500;
/**
 * Rows of `suggestion.decide` read per page: each may hold up to 32,000
 * characters (`DECISION_PAYLOAD_MAX`), so a page stays near 1.6 MB.
 */
export const DECISION_AUDIT_PAGE = 50;

/**
 * What the minutes need of the audit log: the accepted rows of the actions
 * they read, page by page (newest first), each page folded and dropped.
 * Refused rows are never read, however many a member caused.
 */
export async function loadMinutesAudit(store: Store, meetingId: string): Promise<MinutesAudit> {
  const folded = emptyMinutesAudit();
  for (const action of MINUTES_AUDIT_ACTIONS) {
    const limit = action === 'suggestion.decide' ? DECISION_AUDIT_PAGE : MINUTES_AUDIT_PAGE;
    let beforeId: number | undefined;
    for (;;) {
      const page: AuditRow[] = await store.audit.list(meetingId, {
        limit,
        action,
        result: 'ok',
        ...(beforeId !== undefined ? { beforeId } : {}),
      });
      foldMinutesAudit(folded, page);
      if (page.length < limit) break;
      beforeId = page.at(-1)!.id;
    }
  }
  return folded;
}

/**
 * The control roots of the live document as plain records, with the
 * suggester of each pending suggestion in the recommendations' texts.
 */
export function readRecord(s: OutcomeSources, meetingId: string): Promise<MeetingRecord> {
  return s.rooms.read(meetingId, (doc) => {
    const recommendations = readRecommendations(doc);
    const pendingSuggesters: string[] = [];
    for (const r of recommendations) {
      const text = recommendationText(doc, r.id);
      if (text) for (const p of listSuggestions(text)) pendingSuggesters.push(p.by);
    }
    return {
      meeting: readMeeting(doc),
      agenda: readAgenda(doc),
      queue: readQueue(doc),
      recommendations,
      pendingSuggesters,
    };
  });
}

/** The minutes at server time `now`. */
export async function loadMinutes(
  s: OutcomeSources,
  meetingId: string,
  now: number,
): Promise<Minutes> {
  const [record, audit, members] = await Promise.all([
    readRecord(s, meetingId),
    loadMinutesAudit(s.store, meetingId),
    s.store.meetings.members(meetingId),
  ]);
  const organisations = new Map(members.map((m) => [m.userId, m.organisation]));
  return buildMinutes(record, audit, now, organisations);
}

/** The speaking-time figures at server time `now`, genders from the speakers' accounts. */
export async function loadStats(
  s: OutcomeSources,
  meetingId: string,
  now: number,
): Promise<SpeakingStats> {
  const queue = await s.rooms.read(meetingId, readQueue);
  const ids = [
    ...new Set(queue.flatMap((e) => (e.userId && e.grantedAt !== null ? [e.userId] : []))),
  ];
  const users = ids.length ? await s.store.accounts.usersByIds(ids) : [];
  const gender = new Map(users.map((u) => [u.id, u.gender]));
  return speakingStats(queue, now, (id) => gender.get(id));
}

/** The outcome document of the live meeting. */
export function loadOutcome(s: OutcomeSources, meetingId: string): Promise<OutcomeDocument> {
  return s.rooms.read(meetingId, readOutcome);
}

/** The outcome with its pending suggestions kept (Word's tracked changes) and who may have made them. */
export interface TrackedOutcome {
  outcome: OutcomeDocument;
  /**
   * Each member's meeting organisation by user id (server records, fixed at join, changed only
   * by a chair): what a suggestion is credited to. A suggester missing here is no member now.
   */
  organisations: ReadonlyMap<string, string>;
}

/**
 * The outcome of the live meeting read `tracked` (issue 18), and the members' organisations.
 * The doc is read first, then the members: every suggestion in that read was written by a
 * member (the guard checks a mark's `by` against its sender), so only one removed since is
 * missing from the map.
 */
export async function loadTrackedOutcome(
  s: OutcomeSources,
  meetingId: string,
): Promise<TrackedOutcome> {
  const outcome = await s.rooms.read(meetingId, (doc) => readOutcome(doc, 'tracked'));
  const members = await s.store.meetings.members(meetingId);
  return { outcome, organisations: new Map(members.map((m) => [m.userId, m.organisation])) };
}

/** The current recommendations as the version diff compares them. */
export function loadComparable(
  s: OutcomeSources,
  meetingId: string,
): Promise<ComparableRecommendation[]> {
  return s.rooms.read(meetingId, (doc) =>
    readRecommendations(doc).map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      text: fragmentText(recommendationText(doc, r.id)),
    })),
  );
}

/** Who wrote what in every recommendation, from the stored client-id bindings. */
export async function loadAuthorship(
  s: OutcomeSources,
  meetingId: string,
): Promise<RecommendationAuthorship[]> {
  // The doc first, then the bindings and moved-text records: the room commits both before it
  // applies an update, so every item in this read is bound and recorded by then.
  const raw = await s.rooms.read(meetingId, readRawAuthorship);
  const [bindings, records] = await Promise.all([
    s.store.docs.loadBindings(meetingId),
    s.store.docs.loadAttributions(meetingId),
  ]);
  const owner = new Map(bindings.map((b) => [b.clientId, b.userId]));
  const ids = [
    ...new Set([
      ...owner.values(),
      ...records.flatMap((r) => (r.userId === null ? [] : [r.userId])),
    ]),
  ];
  const users = ids.length ? await s.store.accounts.usersByIds(ids) : [];
  // Each author's organisation is the meeting's (fixed at join); the profile's only for
  // someone no longer a member, whose membership row is gone.
  const members = new Map((await s.store.meetings.members(meetingId)).map((m) => [m.userId, m]));
  const authors = new Map<string, Author>(
    users.map((u) => {
      const m = members.get(u.id);
      return [
        u.id,
        {
          userId: u.id,
          name: u.name,
          organisation: m?.organisation ?? u.organisation,
          orgType: m?.orgType ?? u.orgType,
        },
      ];
    }),
  );
  const moved = {
    index: new AttributionIndex(records),
    authorOfUser: (userId: string) => authors.get(userId) ?? null,
  };
  return attributeAuthorship(
    raw,
    (client) => {
      const userId = owner.get(client);
      return userId === undefined ? null : (authors.get(userId) ?? null);
    },
    moved,
  );
}

/** The language of a meeting's exports (see {@link meetingLanguage}). */
export async function loadLanguage(
  store: Store,
  meetingId: string,
  createdBy: string,
  explicit: Language | undefined,
): Promise<Language> {
  if (explicit) return explicit;
  const chairs = (await store.meetings.members(meetingId))
    .filter((m) => m.role === 'chair')
    .sort((a, b) => a.joinedAt - b.joinedAt);
  const users = new Map(
    (await store.accounts.usersByIds(chairs.map((c) => c.userId))).map((u) => [u.id, u]),
  );
  return meetingLanguage(undefined, {
    createdBy,
    chairs: chairs.flatMap((c) => {
      const u = users.get(c.userId);
      return u ? [{ userId: u.id, language: u.language }] : [];
    }),
  });
}
