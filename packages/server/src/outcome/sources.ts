import {
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
import type { RoomAccess } from '../sync/seams.js';
import { fragmentText } from '../versions/readVersion.js';
import { attributeAuthorship, readRawAuthorship, type Author } from './authorship.js';
import { meetingLanguage } from './i18n.js';
import { buildMinutes, type MeetingRecord } from './minutes.js';
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

/** Largest audit page the stores serve. */
const AUDIT_PAGE = 1000;

/** Every audit row of one action group (`meeting`, `rec`), newest first. */
async function auditGroup(store: Store, meetingId: string, action: string): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  for (;;) {
    const last = rows.at(-1);
    const page = await store.audit.list(meetingId, {
      limit: AUDIT_PAGE,
      action,
      ...(last ? { beforeId: last.id } : {}),
    });
    rows.push(...page);
    if (page.length < AUDIT_PAGE) return rows;
  }
}

/** The control roots of the live document as plain records. */
export function readRecord(s: OutcomeSources, meetingId: string): Promise<MeetingRecord> {
  return s.rooms.read(meetingId, (doc) => ({
    meeting: readMeeting(doc),
    agenda: readAgenda(doc),
    queue: readQueue(doc),
    recommendations: readRecommendations(doc),
  }));
}

/** The minutes at server time `now`. */
export async function loadMinutes(
  s: OutcomeSources,
  meetingId: string,
  now: number,
): Promise<Minutes> {
  const [record, meetingRows, recRows] = await Promise.all([
    readRecord(s, meetingId),
    auditGroup(s.store, meetingId, 'meeting'),
    auditGroup(s.store, meetingId, 'rec'),
  ]);
  return buildMinutes(record, [...meetingRows, ...recRows], now);
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
  // The doc first, then the bindings: the room commits a client's binding before it applies
  // its update, so every client id in this read is bound by the time the bindings are loaded.
  const raw = await s.rooms.read(meetingId, readRawAuthorship);
  const bindings = await s.store.docs.loadBindings(meetingId);
  const owner = new Map(bindings.map((b) => [b.clientId, b.userId]));
  const ids = [...new Set(owner.values())];
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
  return attributeAuthorship(raw, (client) => {
    const userId = owner.get(client);
    return userId === undefined ? null : (authors.get(userId) ?? null);
  });
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
