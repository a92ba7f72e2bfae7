import {
  MEETING_STATUSES,
  RECOMMENDATION_STATUSES,
  type AgendaItem,
  type MeetingInfo,
  type Minutes,
  type MinutesItem,
  type MinutesRecommendation,
  type QueueEntry,
  type Recommendation,
} from '@kenes/shared';
import type { AuditRow } from '../store/Store.js';
import { recordedPositions } from './agreedPositions.js';
import { interventionsOf } from './interventions.js';
import {
  countSuggestions,
  foldSuggestionDecisions,
  type SuggestionDecisions,
} from './suggestionCounts.js';

/** What the minutes are made from: the document's control roots, read with the shared readers. */
export interface MeetingRecord {
  meeting: MeetingInfo;
  /** The whole agenda, removed items included (`readAgenda`). */
  agenda: AgendaItem[];
  queue: QueueEntry[];
  recommendations: Recommendation[];
  /**
   * The suggester (`by`) of each pending suggestion in the texts of
   * `recommendations` (`listSuggestions`); absent: none.
   */
  pendingSuggesters?: readonly string[];
}

/** The command of an audit row, or null when its payload is not the JSON object it should be. */
function payloadOf(row: AuditRow): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(row.payload);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null; // A truncated (over-long) payload: only small commands are read here.
  }
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | null {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

/** The only audit actions the minutes read (accepted rows of them). */
export const MINUTES_AUDIT_ACTIONS = [
  'meeting.setStatus',
  'rec.setStatus',
  'suggestion.decide',
] as const;

/**
 * What the minutes keep of the audit log: accepted status changes and the
 * suggestion decisions per suggester, folded row by row so a caller can read
 * the log page by page and hold only this (small: bounded by accepted status
 * commands and by the members who suggested) rather than the rows themselves.
 */
export interface MinutesAudit {
  /** Accepted meeting status changes, in the order folded (sorted when built). */
  statusChanges: Array<Minutes['statusChanges'][number] & { id: number }>;
  /** `recId\nstatus` → when the recommendation was last set to that status. */
  recStatusAt: Map<string, number>;
  /** Accepted and rejected suggestions per suggester (`suggestionCounts.ts`). */
  suggestions: SuggestionDecisions;
}

/** An empty {@link MinutesAudit} to fold pages into. */
export function emptyMinutesAudit(): MinutesAudit {
  return { statusChanges: [], recStatusAt: new Map(), suggestions: new Map() };
}

/**
 * Folds audit rows into `into` (and returns it). Rows of other actions and
 * refused rows are ignored, whatever their number.
 */
export function foldMinutesAudit(into: MinutesAudit, rows: readonly AuditRow[]): MinutesAudit {
  foldSuggestionDecisions(into.suggestions, rows);
  for (const r of rows) {
    if (r.result !== 'ok') continue;
    if (r.action === 'meeting.setStatus') {
      const status = oneOf(payloadOf(r)?.status, MEETING_STATUSES);
      if (status) into.statusChanges.push({ id: r.id, at: r.at, status, userId: r.userId });
    } else if (r.action === 'rec.setStatus') {
      const p = payloadOf(r);
      const recId = typeof p?.recId === 'string' ? p.recId : null;
      const status = oneOf(p?.status, RECOMMENDATION_STATUSES);
      if (!recId || !status) continue;
      const key = `${recId}\n${status}`;
      into.recStatusAt.set(key, Math.max(into.recStatusAt.get(key) ?? -Infinity, r.at));
    }
  }
  return into;
}

/** Accepted meeting status changes, oldest first. */
function statusChanges(audit: MinutesAudit): Minutes['statusChanges'] {
  return [...audit.statusChanges]
    .sort((a, b) => a.at - b.at || a.id - b.id)
    .map(({ at, status, userId }) => ({ at, status, userId }));
}

/** Per recommendation id: when it was last set to its current status. */
function statusTimes(audit: MinutesAudit, recs: readonly Recommendation[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of recs) {
    const at = audit.recStatusAt.get(`${r.id}\n${r.status}`);
    if (at !== undefined) out.set(r.id, at);
  }
  return out;
}

function actualMs(item: AgendaItem, now: number): number | null {
  if (item.startedAt === null) return null;
  const end = item.endedAt ?? (item.status === 'active' ? now : null);
  return end === null ? null : Math.max(0, end - item.startedAt);
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The minutes of a meeting, from its document and its audit log. Pure: the
 * caller reads the doc (`readMeeting`, `readAgenda`, …) and gives the audit
 * as rows (accepted rows of {@link MINUTES_AUDIT_ACTIONS} suffice; others
 * are ignored) or already folded ({@link foldMinutesAudit}), and each
 * member's meeting organisation by user id (for the suggestions' table).
 *
 * @example buildMinutes(record, await auditRows(), Date.now(), organisations)
 */
export function buildMinutes(
  record: MeetingRecord,
  rows: readonly AuditRow[] | MinutesAudit,
  now: number,
  organisations: ReadonlyMap<string, string> = new Map(),
): Minutes {
  const audit = Array.isArray(rows)
    ? foldMinutesAudit(emptyMinutesAudit(), rows as readonly AuditRow[])
    : (rows as MinutesAudit);
  const visible = record.agenda.filter((a) => a.status !== 'removed');
  const visibleIds = new Set(visible.map((a) => a.id));
  const interventions = interventionsOf(record.queue, now);
  const changedAt = statusTimes(audit, record.recommendations);
  const rec = (r: Recommendation): MinutesRecommendation => ({
    id: r.id,
    title: r.title,
    status: r.status,
    proposerName: r.proposerName,
    proposerOrganisation: r.proposerOrganisation,
    endorsements: r.endorsements.map((e) => ({ organisation: e.organisation, orgType: e.orgType })),
    statusChangedAt: changedAt.get(r.id) ?? null,
    ...recordedPositions(r),
  });

  const items: MinutesItem[] = visible.map((item) => {
    const mine = interventions.filter((i) => i.agendaItemId === item.id);
    return {
      id: item.id,
      title: item.title,
      description: item.description,
      status: item.status,
      plannedMinutes: item.plannedMinutes,
      startedAt: item.startedAt,
      endedAt: item.endedAt,
      actualMs: actualMs(item, now),
      speakingMs: sum(mine.map((i) => i.durationMs)),
      interventions: mine,
      recommendations: record.recommendations.filter((r) => r.agendaItemId === item.id).map(rec),
    };
  });

  const changes = statusChanges(audit);
  const last = changes.at(-1);
  return {
    title: record.meeting.title,
    status: record.meeting.status,
    generatedAt: now,
    openedAt: changes.find((c) => c.status === 'live')?.at ?? null,
    closedAt: last?.status === 'closed' ? last.at : null,
    statusChanges: changes,
    items,
    outsideAgenda: {
      interventions: interventions.filter(
        (i) => i.agendaItemId === null || !visibleIds.has(i.agendaItemId),
      ),
      recommendations: record.recommendations
        .filter((r) => !visibleIds.has(r.agendaItemId))
        .map(rec),
    },
    totals: {
      plannedMinutes: sum(items.map((i) => i.plannedMinutes)),
      actualMs: sum(items.map((i) => i.actualMs ?? 0)),
      interventions: interventions.length,
      speakingMs: sum(interventions.map((i) => i.durationMs)),
    },
    suggestions: countSuggestions(audit.suggestions, record.pendingSuggesters ?? [], organisations),
  };
}
