import * as Y from 'yjs';
import { ROOT, meetingRoots, type RecordMap } from './roots.js';
import { readPositionList } from './positions.js';
import {
  AGENDA_STATUSES,
  ENTRY_STATUSES,
  MEETING_STATUSES,
  ORG_TYPES,
  RECOMMENDATION_STATUSES,
  REQUEST_KINDS,
  type AgendaItem,
  type Endorsement,
  type MeetingInfo,
  type QueueEntry,
  type Recommendation,
  type RemovedRecommendation,
} from './shapes.js';
import { DEFAULT_SPEAKING_SECONDS, readBudgets, readSpeakingTimes } from './speakingRules.js';

/**
 * Typed readers of the meeting document. They never throw on a missing or
 * ill-typed field: they fall back to a default, so a reader is safe on any
 * document, including a fresh one.
 */

function str(m: RecordMap, key: string, fallback = ''): string {
  const v = m.get(key);
  return typeof v === 'string' ? v : fallback;
}
function num(m: RecordMap, key: string, fallback = 0): number {
  const v = m.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
function numOrNull(m: RecordMap, key: string): number | null {
  const v = m.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
function strOrNull(m: RecordMap, key: string): string | null {
  const v = m.get(key);
  return typeof v === 'string' ? v : null;
}
function oneOf<T extends string>(m: RecordMap, key: string, allowed: readonly T[], fallback: T): T {
  const v = m.get(key);
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

export { DEFAULT_SPEAKING_SECONDS };

/** The `meeting` root as a plain object. */
export function readMeeting(doc: Y.Doc): MeetingInfo {
  const m = meetingRoots(doc).meeting;
  const listOpen = m.get('listOpen');
  const speakingSeconds = readSpeakingTimes(
    m.get('speakingSeconds'),
    m.get('defaultSpeakingSeconds'),
  );
  return {
    title: str(m, 'title'),
    status: oneOf(m, 'status', MEETING_STATUSES, 'scheduled'),
    currentItemId: strOrNull(m, 'currentItemId'),
    listOpen: typeof listOpen === 'boolean' ? listOpen : true,
    defaultSpeakingSeconds: speakingSeconds.speak,
    speakingSeconds,
    budgets: readBudgets(m.get('budgets')),
    startsAt: numOrNull(m, 'startsAt'),
    venue: str(m, 'venue'),
    description: str(m, 'description'),
    suggestionsOnly: m.get('suggestionsOnly') === true,
  };
}

/** Reads one agenda item map. */
export function readAgendaItem(m: RecordMap): AgendaItem {
  return {
    id: str(m, 'id'),
    title: str(m, 'title'),
    description: str(m, 'description'),
    plannedMinutes: num(m, 'plannedMinutes'),
    status: oneOf(m, 'status', AGENDA_STATUSES, 'pending'),
    startedAt: numOrNull(m, 'startedAt'),
    endedAt: numOrNull(m, 'endedAt'),
  };
}

/** The agenda, in order, removed items included (they are the record). */
export function readAgenda(doc: Y.Doc): AgendaItem[] {
  return meetingRoots(doc).agenda.toArray().map(readAgendaItem);
}

/** The agenda as users see it: in order, without removed items. */
export function readVisibleAgenda(doc: Y.Doc): AgendaItem[] {
  return readAgenda(doc).filter((item) => item.status !== 'removed');
}

/** Reads one queue entry map. */
export function readQueueEntry(m: RecordMap): QueueEntry {
  return {
    id: str(m, 'id'),
    agendaItemId: strOrNull(m, 'agendaItemId'),
    userId: strOrNull(m, 'userId'),
    name: str(m, 'name'),
    organisation: str(m, 'organisation'),
    orgType: oneOf(m, 'orgType', ORG_TYPES, 'other'),
    kind: oneOf(m, 'kind', REQUEST_KINDS, 'speak'),
    status: oneOf(m, 'status', ENTRY_STATUSES, 'waiting'),
    requestedAt: num(m, 'requestedAt'),
    grantedAt: numOrNull(m, 'grantedAt'),
    endedAt: numOrNull(m, 'endedAt'),
    limitSeconds: num(m, 'limitSeconds', DEFAULT_SPEAKING_SECONDS),
    elapsedMs: num(m, 'elapsedMs'),
    runningSince: numOrNull(m, 'runningSince'),
    pausedAt: numOrNull(m, 'pausedAt'),
    replyToEntryId: strOrNull(m, 'replyToEntryId'),
  };
}

/** Every queue entry ever made, in queue order (ended ones included). */
export function readQueue(doc: Y.Doc): QueueEntry[] {
  return meetingRoots(doc).queue.toArray().map(readQueueEntry);
}

function readEndorsements(m: RecordMap): Endorsement[] {
  const v = m.get('endorsements');
  if (!Array.isArray(v)) return [];
  return v
    .filter(
      (e): e is Endorsement =>
        typeof e === 'object' && e !== null && typeof (e as Endorsement).userId === 'string',
    )
    .map((e) => {
      if (e.key === undefined || typeof e.key === 'string') return e;
      const { key: _bad, ...rest } = e;
      return rest;
    });
}

/** Reads one recommendation map. */
export function readRecommendation(m: RecordMap): Recommendation {
  const agreed = m.get('agreedPositions');
  const rec: Recommendation = {
    id: str(m, 'id'),
    agendaItemId: str(m, 'agendaItemId'),
    title: str(m, 'title'),
    status: oneOf(m, 'status', RECOMMENDATION_STATUSES, 'draft'),
    proposerId: str(m, 'proposerId'),
    proposerName: str(m, 'proposerName'),
    proposerOrganisation: str(m, 'proposerOrganisation'),
    createdAt: num(m, 'createdAt'),
    endorsements: readEndorsements(m),
    suggestionsOnly: m.get('suggestionsOnly') === true,
    proposerDecides: m.get('proposerDecides') === true,
    agreedAt:
      oneOf(m, 'status', RECOMMENDATION_STATUSES, 'draft') === 'agreed'
        ? numOrNull(m, 'agreedAt')
        : null,
  };
  if (Array.isArray(agreed)) rec.agreedPositions = readPositionList(agreed);
  return rec;
}

/**
 * The recommendations of the meeting, in creation order, without the ones the
 * chair removed (see {@link readRemovedRecommendations}): what the room, the
 * minutes, the outcome and the exports show.
 */
export function readRecommendations(doc: Y.Doc): Recommendation[] {
  return meetingRoots(doc)
    .recommendations.toArray()
    .filter((m) => numOrNull(m, 'removedAt') === null)
    .map(readRecommendation);
}

/** The recommendations the chair removed and may restore, in creation order, texts kept. */
export function readRemovedRecommendations(doc: Y.Doc): RemovedRecommendation[] {
  return meetingRoots(doc)
    .recommendations.toArray()
    .flatMap((m) => {
      const removedAt = numOrNull(m, 'removedAt');
      return removedAt === null ? [] : [{ ...readRecommendation(m), removedAt }];
    });
}

/**
 * The ids of the recommendations the chair removed (their texts are
 * read-only until restored). Unlike the other readers it never defines a
 * root: it walks the `recommendations` root's items as stored, so the
 * update guard can call it and still leave the doc untouched.
 */
export function removedRecommendationIds(doc: Y.Doc): Set<string> {
  return lockedRecommendationIds(doc).removed;
}

/** The texts no member may write, by why (see {@link lockedRecommendationIds}). */
export interface LockedTexts {
  /** Recommendations the chair removed (read-only until restored). */
  removed: Set<string>;
  /** Recommendations whose status is `agreed` (read-only until the chair sets them back). */
  agreed: Set<string>;
}

/**
 * The ids of the recommendations whose texts are read-only to every member:
 * removed ones and agreed ones (not removed). Like
 * {@link removedRecommendationIds} it never defines a root, so the update
 * guard can call it once per check and leave the doc untouched.
 */
export function lockedRecommendationIds(doc: Y.Doc): LockedTexts {
  const locked: LockedTexts = { removed: new Set(), agreed: new Set() };
  const root = doc.share.get(ROOT.recommendations);
  if (root === undefined) return locked;
  // `_start`, not `toArray()`: a root decoded but not yet defined is a bare
  // AbstractType, and `doc.getArray` would replace it in `doc.share`.
  for (let item = root._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const m = item.content.type;
    if (!(m instanceof Y.Map)) continue;
    const id = (m as RecordMap).get('id');
    if (typeof id !== 'string') continue;
    if (numOrNull(m as RecordMap, 'removedAt') !== null) locked.removed.add(id);
    else if ((m as RecordMap).get('status') === 'agreed') locked.agreed.add(id);
  }
  return locked;
}

/** Which texts are "suggestions only" for participants (issue 18). */
export interface SuggestionsOnly {
  /** The whole meeting is. */
  all: boolean;
  /** These recommendations' texts are. */
  ids: ReadonlySet<string>;
}

/**
 * The texts where participants may only suggest: read like
 * {@link removedRecommendationIds}, without defining a root, for the guard.
 */
export function suggestionsOnlyTexts(doc: Y.Doc): SuggestionsOnly {
  const meeting = doc.share.get(ROOT.meeting);
  const all = meeting instanceof Y.Map && (meeting as RecordMap).get('suggestionsOnly') === true;
  const ids = new Set<string>();
  const root = doc.share.get(ROOT.recommendations);
  if (root !== undefined) {
    for (let item = root._start; item !== null; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
      const m = item.content.type;
      if (!(m instanceof Y.Map)) continue;
      const id = (m as RecordMap).get('id');
      if (typeof id === 'string' && (m as RecordMap).get('suggestionsOnly') === true) ids.add(id);
    }
  }
  return { all, ids };
}
